// Every call of the page: relative to the page (so a reverse proxy may mount it under a prefix), with the bearer
// token; a 401 ends the session. The answers' types are the contracts' (type-only imports: no zod in the bundle).
import type { ErrorResponse } from '@motcua/contracts';
import type { Session } from './session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
  ) {
    super(message);
  }
}

export type Query = Record<string, string | number | null | undefined>;

/** `/api/v1/x` (as the API writes its own links) or `api/v1/x` → a URL beside the page. */
export function apiUrl(path: string, query: Query = {}): URL {
  const url = new URL(path.replace(/^\/+/, ''), document.baseURI);
  for (const [k, v] of Object.entries(query))
    if (v !== null && v !== undefined && v !== '') url.searchParams.set(k, String(v));
  return url;
}

async function errorOf(res: Response): Promise<ApiError> {
  let code: string | null = null;
  let message = `${res.status} ${res.statusText}`;
  try {
    const body = (await res.json()) as Partial<ErrorResponse>;
    code = body.error?.code ?? null;
    message = body.error?.message ?? message;
  } catch {
    // not the contract's envelope: keep the status line
  }
  return new ApiError(res.status, code, message);
}

export class Api {
  constructor(
    private readonly session: Session,
    private readonly onUnauthorized: () => void,
  ) {}

  private async fetch(path: string, query: Query, accept: string): Promise<Response> {
    const res = await fetch(apiUrl(path, query), {
      headers: { authorization: `Bearer ${this.session.token}`, accept },
    });
    if (res.status === 401) this.onUnauthorized();
    if (!res.ok) throw await errorOf(res);
    return res;
  }

  async json<T>(path: string, query: Query = {}): Promise<T> {
    return (await (await this.fetch(path, query, 'application/json')).json()) as T;
  }

  /** A JSON answer, or null for a 404 (an apology that is not due, a route not deployed yet). */
  async maybe<T>(path: string, query: Query = {}): Promise<T | null> {
    try {
      return await this.json<T>(path, query);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }

  /** A file the API serves only with the token (PDF, CSV, XLSX), with the name it gives it. */
  async file(path: string, query: Query = {}): Promise<{ blob: Blob; filename: string | null }> {
    const res = await this.fetch(path, query, '*/*');
    const disposition = res.headers.get('content-disposition') ?? '';
    const m = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
    const filename = m ? decodeURIComponent(m[1] ?? m[2]) : null;
    return { blob: await res.blob(), filename };
  }
}

/** Hands a fetched file to the browser as a download (the token never appears in a URL). */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked once the download has started; the browser keeps its own copy.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Runs `tasks` with at most `limit` in flight: a league table of many units must not flood a 2-core API. */
export async function pooled<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return out;
}
