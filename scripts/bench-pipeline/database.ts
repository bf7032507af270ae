// The database side of the pipeline bench: the backlog, committed→applied, the INSERT baseline and the
// one-transaction-per-event worker baseline.
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'pg';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { ApplyEvents, RulesProvider, type DeadlineArming } from '@motcua/application';
import { loadConfig } from '@motcua/config';
import { validateEvent } from '@motcua/contracts';
import {
  dataSourceOptions,
  EventStore,
  eventHash,
  ProjectionRepository,
  RulesRepository,
  type AppendItem,
} from '@motcua/database';
import { BATCH, receivedBody } from './load';

const DRAIN_TIMEOUT_MS = 600_000;

export async function drain(pool: Pool, timeoutMs = DRAIN_TIMEOUT_MS): Promise<number> {
  const start = Date.now();
  for (;;) {
    // EXISTS walks the partial index and marks the entries of applied rows dead as it goes; a count(*) takes a
    // bitmap scan that visits them all on every poll (about 100 ms after 40,000 events: a busy PostgreSQL core).
    const [r] = (
      await pool.query('SELECT EXISTS (SELECT 1 FROM dossier_events WHERE applied_at IS NULL) AS waiting')
    ).rows as Array<{ waiting: boolean }>;
    if (!r.waiting) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`events still unapplied after ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Each case starts from an empty dossier store, so that no case pays for the rows of the ones before it. */
export async function emptyDossierStore(pool: Pool): Promise<void> {
  await pool.query(
    'TRUNCATE dossier_events, dossiers, indicator_rollups, reactions, notifications, issued_documents',
  );
  await pool.query('CHECKPOINT');
}

export interface Applied {
  events: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** Over the events whose dossier codes start with `prefix` (all applied): rate and committed→applied. */
export async function appliedOf(pool: Pool, prefix: string): Promise<Applied> {
  const [r] = (
    await pool.query(
      `SELECT count(*)::int AS n,
              extract(epoch FROM max(applied_at) - min(applied_at)) * 1000 AS span_ms,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM applied_at - recorded_at)) * 1000 AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM applied_at - recorded_at)) * 1000 AS p99
         FROM dossier_events WHERE dossier_code LIKE $1`,
      [`${prefix}-%`],
    )
  ).rows as Array<{ n: number; span_ms: number; p50: number; p99: number }>;
  return {
    events: r.n,
    perSecond: r.n / (Math.max(1, Number(r.span_ms)) / 1000),
    p50: Number(r.p50),
    p99: Number(r.p99),
  };
}

/** 4 clients, each sending multi-row INSERTs of BATCH rows shaped like the API's, for `seconds`: rows/s. */
export async function insertBaseline(
  pool: Pool,
  round: number,
  seconds: number,
  clients: number,
): Promise<number> {
  let rows = 0;
  const start = Date.now();
  const until = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) {
        const params: unknown[] = [];
        const values: string[] = [];
        for (let i = 0; i < BATCH; i++) {
          const e = receivedBody(`BENCH-I${round}`);
          const response = { id: e.id, dossierCode: e.dossierCode, status: 'accepted' };
          const k = params.length;
          params.push(
            e.id,
            e.dossierCode,
            e.type,
            e.occurredAt,
            JSON.stringify(e.data),
            eventHash({ ...e, occurredAt: Date.parse(e.occurredAt) }),
            'admin',
            JSON.stringify(response),
          );
          values.push(
            `($${k + 1}, $${k + 2}, $${k + 3}, $${k + 4}, $${k + 5}::jsonb, $${k + 6}, $${k + 7}, $${k + 8}::jsonb)`,
          );
        }
        await pool.query(
          `INSERT INTO bench_insert (id, dossier_code, type, occurred_at, data, body_hash, actor, response)
           VALUES ${values.join(', ')}`,
          params,
        );
        rows += BATCH;
      }
    }),
  );
  return rows / ((Date.now() - start) / 1000);
}

const noTimers = { afterWrite: async () => undefined } as unknown as DeadlineArming;

/** One transaction per event, 8 in parallel, the worker's own ApplyEvents (as bench-intake.ts): events/s. */
export async function perEventWorkerBaseline(
  url: string,
  redisUrl: string,
  round: number,
  events: number,
): Promise<number> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: url, REDIS_URL: redisUrl });
  const db = new DataSource({ ...dataSourceOptions(url), extra: { max: 10 } });
  await db.initialize();
  try {
    const items: AppendItem[] = Array.from({ length: events }, () => {
      const v = validateEvent(receivedBody(`BENCH-W${round}`));
      if (!v.ok) throw new Error(`invalid bench event: ${JSON.stringify(v.problems)}`);
      return { event: { ...v.event, dossierCode: v.event.dossierCode ?? '' }, actor: 'admin', response: {} };
    });
    const store = new EventStore(db);
    for (let i = 0; i < items.length; i += 1000) await store.append(items.slice(i, i + 1000));
    await store.markEnqueued(items.map((x) => ({ id: x.event.id, jobId: `evt-${x.event.id}` })));
    const clock = { now: () => Date.now() };
    const apply = new ApplyEvents(
      new ProjectionRepository(db),
      new RulesProvider(new RulesRepository(db), config),
      clock,
      noTimers,
      config,
    );
    const jobs = items.map((x) => ({ eventId: x.event.id, dossierCode: x.event.dossierCode }));
    let next = 0;
    const start = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < jobs.length) await apply.applyTogether([jobs[next++]], clock.now());
      }),
    );
    return jobs.length / (Number(process.hrtime.bigint() - start) / 1e9);
  } finally {
    await db.destroy();
  }
}

export async function versions(pool: Pool, redisUrl: string): Promise<{ postgres: string; redis: string }> {
  const [r] = (await pool.query('SHOW server_version')).rows as Array<{ server_version: string }>;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const info = await redis.info('server');
    return { postgres: r.server_version, redis: /redis_version:(\S+)/.exec(info)?.[1] ?? '?' };
  } finally {
    redis.disconnect();
  }
}
