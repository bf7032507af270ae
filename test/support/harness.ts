/**
 * End-to-end harness: real PostgreSQL and Redis, no mocks.
 *
 * Per test file: a fresh database (postgres.ts) and a Redis logical database of its own (redis.ts). The API
 * listens on an ephemeral port and is called with the global `fetch` (http-client.ts); the worker runs
 * in-process (or, for crash tests, as a child process: processes.ts). Time is an input: every component gets
 * the same controllable clock (test-clock.ts).
 */
import type { ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Pool } from 'pg';
import {
  RecordEvents,
  RulesProvider,
  SYSTEM_PRINCIPAL,
  factsOfFold,
  foldStored,
  type EventOutcome,
} from '@motcua/application';
import type { AppConfig } from '@motcua/config';
import { validateEvent } from '@motcua/contracts';
import { IndicatorRepository, readEvents, setupDatabase } from '@motcua/database';
import { DataSource } from 'typeorm';
import { RecordingNotifier } from '../../libs/application/src/testing/in-memory.fakes';
import { createApiApp } from '../../apps/api/src/api.app';
import { startWorker } from '../../apps/worker/src/worker.app';
import { ApiSession } from './api-session';
import { HttpClient } from './http-client';
import { dropDatabase, freshDatabase, probePool } from './postgres';
import { Children, spawnWorker } from './processes';
import { claimTestRedisDb } from './redis';
import { ADMIN_PASSWORD } from './settings';
import { type HarnessOptions, testConfig } from './test-config';
import { TestClock } from './test-clock';
import { waitFor } from './wait';

// The specs import everything from here; the modules behind it are an implementation detail.
export { ROOT, BASE_DATABASE_URL, BASE_REDIS_URL, ADMIN_PASSWORD, USER_PASSWORD } from './settings';
export { TestClock } from './test-clock';
export type { HarnessOptions } from './test-config';
export { sleep, uuid, waitFor } from './wait';
export { HttpClient, type HttpResult } from './http-client';
export { RecordingNotifier } from '../../libs/application/src/testing/in-memory.fakes';
export { killChild, childOutput } from './processes';

/** An API app listening on an ephemeral port of 127.0.0.1, so that parallel test files never collide. */
async function listenApi(
  config: AppConfig,
  clock: TestClock,
): Promise<{ app: INestApplication; url: string }> {
  const app = await createApiApp({ config, clock });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}` };
}

/** The API and worker of one test file, over its own database and Redis; h.get/post/admin… come from ApiSession. */
export class Harness extends ApiSession {
  private readonly children = new Children();
  private readonly extraApps: INestApplication[] = [];

  private constructor(
    readonly config: AppConfig,
    clock: TestClock,
    readonly db: Pool,
    readonly api: INestApplication,
    baseUrl: string,
    public worker: INestApplicationContext | null,
    private readonly releaseRedis: () => Promise<void>,
    /** What the in-process worker asked the Notifier to send (the default RecordingNotifier). */
    readonly notifier: RecordingNotifier,
  ) {
    super(baseUrl, clock);
  }

  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const clock = new TestClock(Date.parse(options.now ?? '2025-03-20T10:00:00+07:00'));
    const database = freshDatabase();
    const redis = await claimTestRedisDb(`${database.name}:${process.pid}`);
    // Undone newest first if a later step throws, so a failed start does not hold the Redis db or the pool.
    const cleanups: Array<() => Promise<unknown>> = [redis.release];
    try {
      const config = testConfig(database.url, redis.url, options.config);
      // The settings the test chose are the ones published (apps fold with published settings only).
      await setupDatabase(database.url, config.configDir, clock.now(), config);
      cleanups.unshift(() => dropDatabase(database.url));
      const db = probePool(database.url);
      cleanups.unshift(() => db.end());
      const api = await listenApi(config, clock);
      cleanups.unshift(() => api.app.close());
      // 'outbox': the worker binds its own Notifier, the mail outbox; h.notifier records nothing then.
      const notifier =
        options.notifier instanceof RecordingNotifier ? options.notifier : new RecordingNotifier();
      const bound = options.notifier === 'outbox' ? {} : { notifier };
      const worker = options.worker === false ? null : await startWorker({ config, clock, ...bound });
      return new Harness(config, clock, db, api.app, api.url, worker, redis.release, notifier);
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
    // Every step runs even if an earlier one failed; the first error is rethrown at the end.
    const attempt = async (fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (err) {
        errors.push(err);
      }
    };
    await attempt(() => this.children.killAll());
    for (const app of this.extraApps) await attempt(() => app.close());
    if (this.worker) await attempt(() => this.worker!.close());
    await attempt(() => this.api.close());
    await attempt(() => this.db.end());
    await attempt(() => dropDatabase(this.databaseUrl));
    await attempt(() => this.releaseRedis());
    if (errors.length > 0) throw errors[0];
  }

  // ---- database probes

  async query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db.query(sql, params)).rows as T[];
  }

  async count(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = await this.query<{ n: string }>(sql, params);
    return Number(row.n);
  }

  /** Indicator rollup rows that differ from a from-scratch computation over the dossiers (empty: equal). */
  rollupDrift(): Promise<unknown[]> {
    return this.api.get(IndicatorRepository).drift();
  }

  /**
   * The indicators against the truth: rollup rows that differ from the sums over `dossiers.facts`, and dossiers whose
   * stored facts differ from a fresh fold of their events at the clock's reading (both empty: all agree).
   */
  async indicatorDrift(): Promise<{ rollups: unknown[]; facts: string[] }> {
    const db = this.api.get(DataSource);
    const rules = await this.api.get(RulesProvider).snapshot();
    const rows = await this.query<{ code: string; facts: unknown }>(
      'SELECT code, facts FROM dossiers ORDER BY code',
    );
    const events = await readEvents(
      db,
      rows.map((r) => r.code),
    );
    const facts: string[] = [];
    for (const row of rows) {
      const own = events.filter((e) => e.dossierCode === row.code);
      const fresh = factsOfFold(
        foldStored(own, rules, this.clock.now()),
        own,
        rules,
        this.config.indicators,
      ).facts;
      if (!isDeepStrictEqual(fresh, row.facts)) facts.push(row.code);
    }
    return { rollups: await this.rollupDrift(), facts };
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

  /**
   * Logs events as the engine itself (`SYSTEM_PRINCIPAL`), through the API app's intake like any event: what the
   * deadline tracker does when a dossier reaches a deadline (`deadline_reached`), which no token may log.
   */
  async logAsSystem(...bodies: unknown[]): Promise<EventOutcome[]> {
    const events = bodies.map((b) => {
      const v = validateEvent(b);
      if (!v.ok) throw new Error(`invalid system event: ${JSON.stringify(v.problems)}`);
      return v.event;
    });
    return this.api.get(RecordEvents).process(events, SYSTEM_PRINCIPAL);
  }

  // ---- extra processes (crash and outage tests)

  /** Kills (SIGKILL) every child process still running: for afterEach, so one failed test cannot feed the next. */
  killChildren(): Promise<void> {
    return this.children.killAll();
  }

  /** Another API instance in this process with a changed config (e.g. Redis or PostgreSQL unreachable). */
  async startExtraApi(overrides: Partial<AppConfig>): Promise<HttpClient> {
    const { app, url } = await listenApi({ ...this.config, ...overrides }, this.clock);
    this.extraApps.push(app);
    return new HttpClient(url);
  }

  async stopExtraApis(): Promise<void> {
    for (const app of this.extraApps.splice(0)) await app.close();
  }

  /** The worker as a child process, on this harness's database, Redis db and secrets (plus `env`). */
  spawnWorker(env: Record<string, string> = {}): ChildProcess {
    return this.children.add(
      spawnWorker({
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: this.databaseUrl,
        REDIS_URL: this.redisUrl,
        ADMIN_PASSWORD,
        JWT_SECRET: this.config.jwtSecret,
        LOOKUP_SECRET: this.config.lookupSecret,
        // The same tracker settings as this harness's apps (off unless the spec turned it on).
        TRACKER_ENABLED: String(this.config.tracker.enabled),
        TRACKER_HORIZON_MS: String(this.config.tracker.horizonMs),
        TRACKER_SWEEP_INTERVAL_MS: String(this.config.tracker.sweepIntervalMs),
        ...env,
      }),
    );
  }
}
