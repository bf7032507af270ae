/**
 * End-to-end drain of a backlog by the real worker (issue 11): `EVENTS` committed events (realistic dossier lives,
 * in time order across dossiers, appended and enqueued in chunks of 1,000 as the API's batch intake does) wait in
 * the queue; then `startWorker` drains them. Prints events applied per second (from the worker's readiness to the
 * last `applied_at`) and committed→applied percentiles (`applied_at - recorded_at`).
 *
 *   node -r @swc-node/register scripts/bench-drain.ts [events]      (default 20,000; WORKER_CONCURRENCY etc. apply)
 *   MODE=live: the worker runs while the events arrive (chunks of 1,000 every 1,000/RATE s, RATE events/s).
 *
 *   LIFE=n: every dossier lives its first n events only (LIFE=1: one job, one re-fold; the tracker then fires
 *   the overdue ones' deadlines, whose jobs the queue drain also counts).
 *
 * Needs PostgreSQL at DATABASE_URL and Redis at REDIS_URL (scripts/services finds or starts them).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { findConfigDir, loadConfig } from '@motcua/config';
import { ApplyEvents } from '@motcua/application';
import {
  dataSourceOptions,
  EventStore,
  ProjectionRepository,
  setupDatabase,
  type AppendItem,
  type ProjectionTransaction,
} from '@motcua/database';
import { DOSSIER_EVENTS_QUEUE, DossierEventQueue, queuePrefix, redisOptions } from '@motcua/queue';
import { startWorker } from '../apps/worker/src/worker.app';
import { lifeOf } from './bench-intake';
import { claimRedisDb } from './support/redis-db';
import { dropScratchDatabase } from './support/scratch-db';

const EVENTS = Number(process.argv[2] ?? 20_000);
const MODE = process.env.MODE ?? 'backlog';
const RATE = Number(process.env.RATE ?? 2000);
const CHUNK = 1000;
/** LIFE=1: every event is another dossier's reception (each job re-folds a dossier of its own: the worst case). */
const LIFE = process.env.LIFE ? Number(process.env.LIFE) : undefined;

const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/motcua');
const url = new URL(base);
url.pathname = `/motcua_drain_${process.pid}`;

/** Every dossier lives 8 events; one in three stops after four (still open: its timers are armed). LIFE overrides. */
function backlog(): AppendItem[] {
  const lives: AppendItem[][] = [];
  for (let n = 0, total = 0; total < EVENTS; n++) {
    const life = lifeOf(n, 'DRAIN-').slice(0, LIFE ?? (n % 3 === 2 ? 4 : 8));
    lives.push(life.slice(0, EVENTS - total));
    total += lives[lives.length - 1].length;
  }
  // Shifted so that the last event happened an hour ago: the open dossiers are not all overdue at once.
  const last = Math.max(...lives.flat().map((i) => i.event.occurredAt));
  const shift = Date.now() - 3_600_000 - last;
  const out: AppendItem[] = [];
  for (let k = 0; k < 8; k++)
    for (const l of lives)
      if (l[k]) out.push({ ...l[k], event: { ...l[k].event, occurredAt: l[k].event.occurredAt + shift } });
  return out;
}

/** STAGES=1: wall time spent in each step of the projection's transactions, and the micro-batches' sizes. */
const stages = new Map<string, { ms: number; calls: number }>();
const batchSizes: number[] = [];
function count(name: string, ms: number): void {
  const s = stages.get(name) ?? { ms: 0, calls: 0 };
  s.ms += ms;
  s.calls += 1;
  stages.set(name, s);
}
function timeStages(): void {
  const transaction = ProjectionRepository.prototype.transaction;
  ProjectionRepository.prototype.transaction = function <T>(
    this: ProjectionRepository,
    work: (tx: ProjectionTransaction) => Promise<T>,
  ): Promise<T> {
    const t0 = performance.now();
    let inWork = 0;
    return transaction
      .call(this, async (tx: ProjectionTransaction) => {
        const timed = new Proxy(tx, {
          get(target, key: string) {
            const f = (target as unknown as Record<string, unknown>)[key];
            if (typeof f !== 'function') return f;
            return async (...args: unknown[]) => {
              const t = performance.now();
              try {
                return await (f as (...a: unknown[]) => Promise<unknown>).apply(target, args);
              } finally {
                count(key, performance.now() - t);
              }
            };
          },
        });
        const w0 = performance.now();
        try {
          return await work(timed);
        } finally {
          inWork = performance.now() - w0;
        }
      })
      .finally(() => {
        count('transaction (total)', performance.now() - t0);
        count('BEGIN + COMMIT + pool', performance.now() - t0 - inWork);
      }) as Promise<T>;
  };
  const applyTogether = ApplyEvents.prototype.applyTogether;
  ApplyEvents.prototype.applyTogether = function (this: ApplyEvents, reqs, now) {
    batchSizes.push(reqs.length);
    return applyTogether.call(this, reqs, now);
  };
}

async function main(): Promise<void> {
  if (process.env.STAGES === '1') timeStages();
  await setupDatabase(url.toString(), findConfigDir(), Date.now());
  const redis = await claimRedisDb(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    owner: `bench-drain-${process.pid}`,
    flushOnRelease: true,
  });
  const config = loadConfig({
    NODE_ENV: 'development',
    ...process.env,
    DATABASE_URL: url.toString(),
    REDIS_URL: redis.url,
  });
  const db = new DataSource({ ...dataSourceOptions(url.toString()), extra: { max: 4 } });
  await db.initialize();
  const store = new EventStore(db);
  const queue = new Queue(DOSSIER_EVENTS_QUEUE, {
    connection: redisOptions(redis.url, { maxRetriesPerRequest: null }),
    prefix: queuePrefix(config.databaseUrl),
  });
  const producer = new DossierEventQueue(queue);
  const items = backlog();
  const intake = async () => {
    for (let i = 0; i < items.length; i += CHUNK) {
      const started = Date.now();
      const chunk = items.slice(i, i + CHUNK);
      await store.append(chunk);
      const refs = chunk.map((c) => ({ id: c.event.id, dossierCode: c.event.dossierCode }));
      await store.markEnqueued(await producer.enqueue(refs));
      if (MODE === 'live') await sleep(Math.max(0, (CHUNK / RATE) * 1000 - (Date.now() - started)));
    }
  };
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  try {
    let start: number;
    if (MODE === 'live') {
      worker = await startWorker({ config });
      start = Date.now();
      await intake();
    } else {
      await intake();
      worker = await startWorker({ config });
      start = Date.now();
    }
    for (;;) {
      // EXISTS, not count(*): see drain() in bench-pipeline/database.ts (the partial index's dead entries).
      const [{ waiting }] = await db.query<Array<{ waiting: boolean }>>(
        "SELECT EXISTS (SELECT 1 FROM dossier_events WHERE applied_at IS NULL AND actor = 'bench') AS waiting",
      );
      if (!waiting) break;
      await sleep(100);
    }
    const appliedBy = Date.now();
    for (;;) {
      const c = await queue.getJobCounts('wait', 'active', 'prioritized', 'delayed');
      if (Object.values(c).every((n) => n === 0)) break;
      await sleep(100);
    }
    const drainedBy = Date.now();
    const [s] = await db.query<
      Array<{ last: Date; p50: number; p99: number; max: number; rows: number; dossiers: number }>
    >(
      `SELECT max(applied_at) AS last,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM applied_at - recorded_at))::float8 AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM applied_at - recorded_at))::float8 AS p99,
              max(EXTRACT(EPOCH FROM applied_at - recorded_at))::float8 AS max, count(*)::int AS rows,
              (SELECT count(*)::int FROM dossiers) AS dossiers
         FROM dossier_events WHERE actor = 'bench'`,
    );
    const seconds = (s.last.getTime() - start) / 1000;
    console.log(
      `\ndrain (${MODE}${MODE === 'live' ? ` at ${RATE}/s` : ''}) — ${s.rows} events of ${s.dossiers} dossiers, ` +
        `worker concurrency ${config.worker.concurrency}`,
    );
    console.log(
      `applied: ${Math.round(s.rows / seconds).toLocaleString('en-US')} events/s (${seconds.toFixed(2)} s)`,
    );
    console.log(
      `queue empty after ${((drainedBy - start) / 1000).toFixed(2)} s ` +
        `(${Math.round(items.length / ((drainedBy - start) / 1000)).toLocaleString('en-US')} jobs/s; ` +
        `every event applied ${((appliedBy - start) / 1000).toFixed(2)} s ± 0.1 s)`,
    );
    console.log(
      `committed→applied: p50 ${s.p50.toFixed(2)} s, p99 ${s.p99.toFixed(2)} s, max ${s.max.toFixed(2)} s`,
    );
    if (process.env.STAGES === '1') {
      const sizes = [...batchSizes].sort((a, b) => a - b);
      console.log(
        `micro-batches: ${sizes.length}, size median ${sizes[sizes.length >> 1]}, max ${sizes[sizes.length - 1]}`,
      );
      for (const [name, st] of stages)
        console.log(
          `${name.padEnd(24)} ${st.ms.toFixed(0).padStart(7)} ms ${String(st.calls).padStart(6)} calls`,
        );
    }
  } finally {
    await worker?.close();
    await queue.close();
    await db.destroy();
    await redis.release();
    await dropScratchDatabase(url);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
