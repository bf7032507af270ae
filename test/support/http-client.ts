// The tests call the API over real HTTP, through the same typed client as the demo (libs/api-client), so that
// routing, guards and serialisation are under test.
import { createApiClient, login, type MotcuaClient } from '@motcua/api-client';

export interface HttpResult<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Sends a string as it is (malformed JSON on purpose), anything else as JSON. */
const asIs = (body: unknown) => (typeof body === 'string' ? body : JSON.stringify(body));

/** An HTTP client for one base URL: the typed `api`, and `request` for any path and body a test needs. */
export class HttpClient {
  /** Typed by the OpenAPI document, for well-formed calls. */
  readonly api: MotcuaClient;

  constructor(readonly baseUrl: string) {
    this.api = createApiClient(baseUrl, { timeoutMs: 30_000 });
  }

  /** Any path (with its values and query string) and any body, however wrong: the raw answer comes back. */
  async request<T = any>(
    method: string,
    urlPath: string,
    opts: { body?: unknown; token?: string | null; headers?: Record<string, string> } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    // Bodies and paths the schema would refuse are the point of many tests, hence the untyped call.
    const request = this.api.request as (
      m: Method,
      path: string,
      init: object,
    ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
    const { data, error, response } = await request(method.toLowerCase() as Method, urlPath, {
      body: opts.body,
      headers,
      parseAs: 'text',
      bodySerializer: asIs,
    });
    let text: string;
    let body: unknown;
    if (response.ok) {
      text = typeof data === 'string' ? data : '';
      const json = (response.headers.get('content-type') ?? '').includes('json') && text.length > 0;
      body = json ? JSON.parse(text) : text;
    } else {
      // openapi-fetch has parsed an error body already when it is JSON.
      body = error ?? '';
      text = typeof error === 'string' ? error : JSON.stringify(error);
    }
    return { status: response.status, body: body as T, text, headers: response.headers };
  }

  get<T = any>(urlPath: string, token?: string | null) {
    return this.request<T>('GET', urlPath, { token });
  }
  post<T = any>(urlPath: string, body: unknown, token?: string | null) {
    return this.request<T>('POST', urlPath, { body, token });
  }
  put<T = any>(urlPath: string, body: unknown, token?: string | null) {
    return this.request<T>('PUT', urlPath, { body, token });
  }

  login(username: string, password: string): Promise<string> {
    return login(this.api, username, password);
  }
}
