// The calls every spec makes through one API: HTTP shortcuts, a cached admin token, users created on demand.
import { HttpClient } from './http-client';
import { ADMIN_PASSWORD, USER_PASSWORD } from './settings';
import type { TestClock } from './test-clock';

export class ApiSession {
  readonly http: HttpClient;
  private adminToken: string | null = null;
  private adminTokenAt = 0;

  constructor(
    readonly baseUrl: string,
    readonly clock: TestClock,
  ) {
    this.http = new HttpClient(baseUrl);
  }

  get<T = any>(urlPath: string, token?: string | null) {
    return this.http.get<T>(urlPath, token);
  }
  post<T = any>(urlPath: string, body: unknown, token?: string | null) {
    return this.http.post<T>(urlPath, body, token);
  }
  put<T = any>(urlPath: string, body: unknown, token?: string | null) {
    return this.http.put<T>(urlPath, body, token);
  }
  login(username: string, password = USER_PASSWORD): Promise<string> {
    return this.http.login(username, password);
  }

  /** An admin token valid at the clock's current reading (tokens are signed with the test clock's time). */
  async admin(): Promise<string> {
    if (
      !this.adminToken ||
      this.clock.now() - this.adminTokenAt > 60 * 60_000 ||
      this.clock.now() < this.adminTokenAt
    ) {
      this.adminToken = await this.login('admin', ADMIN_PASSWORD);
      this.adminTokenAt = this.clock.now();
    }
    return this.adminToken;
  }

  /** Creates a user through the admin API and returns a token for it. */
  async createUser(username: string, roles: string[], units: string[]): Promise<string> {
    const r = await this.post(
      '/api/v1/users',
      { username, password: USER_PASSWORD, roles, units },
      await this.admin(),
    );
    if (r.status !== 201) throw new Error(`create user ${username}: ${r.status} ${r.text}`);
    return this.login(username);
  }
}
