// The demo's only door to the motcua HTTP API (nothing else in scripts/ calls fetch): JSON in and out, bearer
// tokens, retries where the contract allows them. Bodies come back `unknown`; callers narrow what they read.
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { errorMessage } from '../support/errors';

/** Answers after which nothing was half-written, so the same request may be sent again. */
const RETRYABLE = new Set([429, 502, 503, 504]);

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Statuses that count as success; any other throws an ApiError. Unset: every status is returned. */
  expect?: readonly number[];
  /** Retry network errors and 429/502/503/504 (default true). */
  retry?: boolean;
}

export interface ApiResponse {
  status: number;
  body: unknown;
}

export interface NewUser {
  username: string;
  password: string;
  roles: readonly string[];
  units: readonly string[];
}

const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const tokenBody = z.object({ accessToken: z.string() });
const pageBody = z.object({ items: z.array(z.unknown()), nextCursor: z.string().nullish() });

export class ApiError extends Error {
  constructor(
    method: string,
    path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    const parsed = errorBody.safeParse(body);
    const detail = parsed.success
      ? `${parsed.data.error.code}: ${parsed.data.error.message}`
      : JSON.stringify(body);
    super(`${method} ${path} → ${status} ${detail}`);
  }
}

export class ApiClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly retries: number;

  constructor(
    baseUrl: string,
    { timeoutMs = 120_000, retries = 5 }: { timeoutMs?: number; retries?: number } = {},
  ) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.timeoutMs = timeoutMs;
    this.retries = retries;
  }

  /** One request; retries with backoff (or the server's Retry-After) unless `retry: false`. */
  async request(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const { token, body, expect, retry = true } = options;
    let attempt = 0;
    for (;;) {
      attempt++;
      let res: Response;
      try {
        res = await fetch(`${this.baseUrl}${path}`, {
          method,
          headers: {
            accept: 'application/json',
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: body !== undefined ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (err) {
        if (retry && attempt <= this.retries) {
          await sleep(250 * 2 ** attempt);
          continue;
        }
        // fetch says only "fetch failed"; the cause names the socket error (ECONNREFUSED...).
        const reason =
          err instanceof Error && err.cause !== undefined ? errorMessage(err.cause) : errorMessage(err);
        throw new Error(`${method} ${path}: ${reason}`, { cause: err });
      }
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text;
      }
      if (retry && RETRYABLE.has(res.status) && attempt <= this.retries) {
        const after = Number(res.headers.get('retry-after'));
        await sleep(after > 0 ? after * 1000 : 250 * 2 ** attempt);
        continue;
      }
      if (expect && !expect.includes(res.status)) throw new ApiError(method, path, res.status, parsed);
      return { status: res.status, body: parsed };
    }
  }

  /** A bearer token for the user. */
  async login(username: string, password: string): Promise<string> {
    const { body } = await this.request('POST', '/api/v1/auth/token', {
      body: { username, password },
      expect: [200],
    });
    return tokenBody.parse(body).accessToken;
  }

  /** Creates a user; an existing one (409) is fine when re-running against the same database. */
  async ensureUser(adminToken: string, user: NewUser): Promise<{ created: boolean; body: unknown }> {
    const { status, body } = await this.request('POST', '/api/v1/users', {
      token: adminToken,
      body: { username: user.username, password: user.password, roles: user.roles, units: user.units },
      expect: [200, 201, 409],
    });
    return { created: status !== 409, body };
  }

  /** GET expecting 200; the body. */
  async get(path: string, token: string): Promise<unknown> {
    return (await this.request('GET', path, { token, expect: [200] })).body;
  }

  /** Every item of a paged list (`{items, nextCursor}`), following cursors. */
  async all(path: string, token: string, limit = 200): Promise<unknown[]> {
    const items: unknown[] = [];
    let cursor: string | null | undefined = null;
    const sep = path.includes('?') ? '&' : '?';
    do {
      const page = pageBody.parse(
        await this.get(
          `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          token,
        ),
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }
}
