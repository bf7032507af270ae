// The one HTTP client of motcua's API, typed from the OpenAPI document (openapi-fetch on the generated types):
// the demo and the end-to-end tests both speak to the API through it.
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './openapi.generated';

export type { components, paths };
export type Schemas = components['schemas'];
export type MotcuaClient = Client<paths>;

/** Answers after which nothing was half-written (the contract), so the same request may be sent again. */
const RETRYABLE = new Set([429, 502, 503, 504]);

export interface ApiClientOptions {
  /** Retries of network errors and 429/502/503/504, honouring Retry-After (default 0: every answer as it comes). */
  retries?: number;
  /** Abort a request after this long (default 120 s). */
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** fetch with the timeout and the contract's retry rule. */
function contractFetch({ retries = 0, timeoutMs = 120_000 }: ApiClientOptions): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(request.clone(), { signal: AbortSignal.timeout(timeoutMs) });
      } catch (err) {
        if (attempt > retries) throw err;
        await sleep(250 * 2 ** attempt);
        continue;
      }
      if (!RETRYABLE.has(res.status) || attempt > retries) return res;
      const after = Number(res.headers.get('retry-after'));
      await res.body?.cancel();
      await sleep(after > 0 ? after * 1000 : 250 * 2 ** attempt);
    }
  };
}

export function createApiClient(baseUrl: string, options: ApiClientOptions = {}): MotcuaClient {
  return createClient<paths>({ baseUrl: baseUrl.replace(/\/$/, ''), fetch: contractFetch(options) });
}

/** Request options carrying a bearer token. */
export function bearer(token: string | null | undefined): { headers: Record<string, string> } {
  return { headers: token ? { authorization: `Bearer ${token}` } : {} };
}

/** Thrown by the helpers below when the API answers something other than what the caller expects. */
export class UnexpectedAnswer extends Error {
  constructor(
    readonly what: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    const e = (body as { error?: { code?: string; message?: string } } | null)?.error;
    super(`${what} → ${status} ${e ? `${e.code}: ${e.message}` : JSON.stringify(body)}`);
  }
}

/** A bearer token for the user. */
export async function login(client: MotcuaClient, username: string, password: string): Promise<string> {
  const { data, error, response } = await client.POST('/api/v1/auth/token', { body: { username, password } });
  if (!data) throw new UnexpectedAnswer(`login ${username}`, response.status, error);
  return data.accessToken;
}
