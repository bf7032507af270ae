/**
 * End-to-end harness: real PostgreSQL and Redis, no mocks.
 *
 * Per test file: a fresh database `motcua_e2e_<random>` (dropped WITH (FORCE) at the end) and a Redis logical
 * database of its own (1..15, claimed with SET NX in db 0 so that parallel test files, and parallel runs on the
 * same Redis, never share a queue), flushed at start. The API listens on an ephemeral port and is called with
 * the global `fetch`; the worker runs in-process (or, for crash tests, as a child process: see `spawnWorker`).
 * Time is an input: every component gets the same controllable clock.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Client, Pool } from 'pg';
import { type AppConfig, loadConfig } from '@motcua/config';
import type { Clock } from '@motcua/application';
import { setupDatabase } from '@motcua/database';
import { createApiApp } from '../../apps/api/src/api.app';
import { startWorker } from '../../apps/worker/src/worker.app';

export const ROOT = path.resolve(__dirname, '..', '..');
export const BASE_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/motcua';
export const BASE_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const ADMIN_PASSWORD = 'e2e-admin-password';
/** Every user the tests create gets this password (the API wants at least 10 characters). */
export const USER_PASSWORD = 'e2e-user-password';

/** A clock the tests move by hand. */
export class TestClock implements Clock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
  set(iso: string | number): void {
    this.t = typeof iso === 'number' ? iso : Date.parse(iso);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface HttpResult<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export interface HarnessOptions {
  /** The clock's first reading (default 2025-03-20T10:00:00+07:00). */
  now?: string;
  /** Start the worker in-process (default true). */
  worker?: boolean;
  /** Overrides for the AppConfig built from the test's database and Redis (`calendar` merged into the defaults). */
  config?: Omit<Partial<AppConfig>, 'calendar'> & { calendar?: Partial<AppConfig['calendar']> };
}

// ---------------------------------------------------------------- PostgreSQL

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

// ---------------------------------------------------------------- Redis: one logical db per test file

const REDIS_LOCK_PREFIX = 'motcua:e2e:redis-db:';
const REDIS_LOCK_TTL_MS = 15 * 60_000;

function withRedisDb(url: string, db: number): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** Claims a free logical database 1..15 (waits for one when all are taken), flushes it, returns its URL. */
async function claimRedisDb(owner: string): Promise<{ url: string; release: () => Promise<void> }> {
  const control = new Redis(withRedisDb(BASE_REDIS_URL, 0), { lazyConnect: true, maxRetriesPerRequest: 1 });
  await control.connect();
  try {
    const start = randomBytes(1)[0] % 15;
    const deadline = Date.now() + 120_000;
    for (;;) {
      for (let k = 0; k < 15; k++) {
        const db = ((start + k) % 15) + 1;
        const ok = await control.set(`${REDIS_LOCK_PREFIX}${db}`, owner, 'PX', REDIS_LOCK_TTL_MS, 'NX');
        if (ok !== 'OK') continue;
        const url = withRedisDb(BASE_REDIS_URL, db);
        const scoped = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
        await scoped.connect();
        await scoped.flushdb();
        await scoped.quit();
        const release = async () => {
          const c = new Redis(withRedisDb(BASE_REDIS_URL, 0), { lazyConnect: true, maxRetriesPerRequest: 1 });
          await c.connect();
          try {
            // Leave the db empty, then delete the claim, only if both are still ours.
            if ((await c.get(`${REDIS_LOCK_PREFIX}${db}`)) === owner) {
              const mine = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
              await mine.connect();
              await mine.flushdb();
              await mine.quit();
            }
            await c.eval(
              "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
              1,
              `${REDIS_LOCK_PREFIX}${db}`,
              owner,
            );
          } finally {
            await c.quit();
          }
        };
        return { url, release };
      }
      if (Date.now() > deadline) throw new Error('no free Redis logical database (1..15) for the e2e tests');
      await sleep(250);
    }
  } finally {
    await control.quit();
  }
}

// ---------------------------------------------------------------- helpers

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const uuid = (): string => randomUUID();

/** Polls `predicate` until it returns a truthy value; throws with `what` after `timeoutMs`. */
export async function waitFor<T>(
  predicate: () => Promise<T> | T,
  timeoutMs = 20_000,
  what = 'condition',
  intervalMs = 50,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await predicate();
      if (v) return v;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${detail})`);
    }
    await sleep(intervalMs);
  }
}

/** An HTTP client for one base URL. `body` as a string is sent as is (for malformed JSON). */
export class HttpClient {
  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    urlPath: string,
    opts: {
      body?: unknown;
      token?: string | null;
      headers?: Record<string, string>;
      timeoutMs?: number;
    } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let payload: string | undefined;
    if (opts.body !== undefined) {
      payload = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${this.baseUrl}${urlPath}`, {
      method,
      headers,
      body: payload,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let body: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text.length > 0) body = JSON.parse(text);
    return { status: res.status, body: body as T, text, headers: res.headers };
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

  async login(username: string, password: string): Promise<string> {
    const r = await this.post<{ accessToken: string }>('/api/v1/auth/token', { username, password });
    if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${r.text}`);
    return r.body.accessToken;
  }
}

// ---------------------------------------------------------------- the harness

export class Harness {
  readonly http: HttpClient;
  private adminToken: string | null = null;
  private adminTokenAt = 0;
  private readonly children = new Set<ChildProcess>();
  private readonly extraApps: INestApplication[] = [];

  private constructor(
    readonly config: AppConfig,
    readonly clock: TestClock,
    readonly db: Pool,
    readonly api: INestApplication,
    readonly baseUrl: string,
    public worker: INestApplicationContext | null,
    private readonly releaseRedis: () => Promise<void>,
  ) {
    this.http = new HttpClient(baseUrl);
  }

  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const clock = new TestClock(Date.parse(options.now ?? '2025-03-20T10:00:00+07:00'));
    const dbName = `motcua_e2e_${randomBytes(6).toString('hex')}`;
    const databaseUrl = withDatabase(BASE_DATABASE_URL, dbName);
    const redis = await claimRedisDb(`${dbName}:${process.pid}`);
    const cleanups: Array<() => Promise<unknown>> = [redis.release];
    try {
      const base = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redis.url });
      const config: AppConfig = {
        ...base,
        adminPassword: ADMIN_PASSWORD,
        jwtSecret: `e2e-${randomBytes(16).toString('hex')}`,
        // Nothing listens here: documents/mail are not under test.
        smtpUrl: 'smtp://127.0.0.1:1',
        ...options.config,
        calendar: { ...base.calendar, ...options.config?.calendar },
      };
      await setupDatabase(databaseUrl, config.configDir, clock.now());
      cleanups.unshift(() => dropDatabase(databaseUrl));
      const db = new Pool({ connectionString: databaseUrl, max: 3 });
      // An idle connection cut by the server must not crash the test process; the next query reports it.
      db.on('error', () => undefined);
      cleanups.unshift(() => db.end());
      const api = await createApiApp({ config, clock });
      await api.listen(0, '127.0.0.1');
      cleanups.unshift(() => api.close());
      const { port } = api.getHttpServer().address() as AddressInfo;
      const worker = options.worker === false ? null : await startWorker({ config, clock });
      return new Harness(config, clock, db, api, `http://127.0.0.1:${port}`, worker, redis.release);
    } catch (err) {
      for (const c of cleanups) await c().catch(() => undefined);
      throw err;
    }
  }

  get databaseUrl(): string {
    return this.config.databaseUrl;
  }
  get redisUrl(): string {
    return this.config.redisUrl;
  }

  /** Closes the API, the worker, children, the pool; drops the database; releases the Redis db. */
  async stop(): Promise<void> {
    const errors: unknown[] = [];
    const attempt = async (fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (err) {
        errors.push(err);
      }
    };
    for (const child of [...this.children]) await attempt(() => killChild(child, 'SIGKILL'));
    for (const app of this.extraApps) await attempt(() => app.close());
    if (this.worker) await attempt(() => this.worker!.close());
    await attempt(() => this.api.close());
    await attempt(() => this.db.end());
    await attempt(() => dropDatabase(this.databaseUrl));
    await attempt(() => this.releaseRedis());
    if (errors.length > 0) throw errors[0];
  }

  // ---- HTTP shortcuts

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

  /** An admin token valid at the clock's current reading. */
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

  // ---- database probes

  async query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db.query(sql, params)).rows as T[];
  }

  async count(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = await this.query<{ n: string }>(sql, params);
    return Number(row.n);
  }

  eventCount(): Promise<number> {
    return this.count('SELECT count(*) AS n FROM dossier_events');
  }

  /** Waits until every committed event has `applied_at` (the worker has caught up). */
  async waitForAllApplied(timeoutMs = 30_000): Promise<void> {
    await waitFor(
      async () =>
        (await this.count('SELECT count(*) AS n FROM dossier_events WHERE applied_at IS NULL')) === 0,
      timeoutMs,
      'every event to be applied',
    );
  }

  // ---- extra processes (crash and outage tests)

  /** Kills (SIGKILL) every child process still running: for afterEach, so one failed test cannot feed the next. */
  async killChildren(): Promise<void> {
    for (const child of [...this.children]) await killChild(child, 'SIGKILL');
  }

  /** Another API instance in this process with a changed config (e.g. Redis or PostgreSQL unreachable). */
  async startExtraApi(overrides: Partial<AppConfig>): Promise<HttpClient> {
    const app = await createApiApp({ config: { ...this.config, ...overrides }, clock: this.clock });
    await app.listen(0, '127.0.0.1');
    this.extraApps.push(app);
    const { port } = app.getHttpServer().address() as AddressInfo;
    return new HttpClient(`http://127.0.0.1:${port}`);
  }

  async stopExtraApis(): Promise<void> {
    for (const app of this.extraApps.splice(0)) await app.close();
  }

  /** The worker as a child process (`node -r @swc-node/register apps/worker/src/main.ts`). */
  spawnWorker(env: Record<string, string> = {}): ChildProcess {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: this.databaseUrl,
        REDIS_URL: this.redisUrl,
        ADMIN_PASSWORD,
        JWT_SECRET: this.config.jwtSecret,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    Object.assign(child, { output: () => output, closed });
    this.children.add(child);
    void closed.then(() => this.children.delete(child));
    return child;
  }
}

/** Sends `signal` and resolves once the child has exited and its output pipes are closed. */
export function killChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  const closed = (child as ChildProcess & { closed?: Promise<void> }).closed ?? Promise.resolve();
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  return closed;
}

export function childOutput(child: ChildProcess): string {
  return (child as ChildProcess & { output?: () => string }).output?.() ?? '';
}
