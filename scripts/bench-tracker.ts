/**
 * The deadline tracker's benchmarks (`npm run bench`, after the database cases), on scratch PostgreSQL databases
 * and Redis logical databases of their own, with the real worker (BullMQ, the job scheduler, ApplyEvents):
 *
 * 1. latency: BENCH_TRACKER_DUE (default 10,000) open dossiers fall due within one minute; from each due instant to
 *    its `deadline_reached` event applied by the worker (the dossier then reads overdue, with the event in its
 *    timeline): p50 / p99 / max with the timers (delayed jobs within a one-hour horizon, plus the minute's sweep),
 *    against the sweep alone (no timers, the job scheduler's sweep every minute), measured in the same run;
 * 2. Redis memory: BENCH_TRACKER_OPEN (default 100,000) open dossiers whose deadlines are all beyond the horizon:
 *    `INFO memory` used_memory before and after their projections are written (timers armed only within the
 *    horizon: none), against every pending deadline armed as a delayed job (the unbounded alternative).
 *
 * Time: the worker's clock is a clock that runs with real time from an instant of a working day (Wed 04/03/2026),
 * so that deadlines counted on the working calendar fall within real seconds. Small runs:
 * `BENCH_TRACKER_DUE=500 BENCH_TRACKER_OPEN=2000 node -r @swc-node/register scripts/bench-tracker.ts`.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import {
  ApplyEvents,
  DeadlineArming,
  deadlineEventBody,
  foldStored,
  REACTOR_NAMES,
  RulesProvider,
  type Clock,
} from '@motcua/application';
import { formatInstant } from '@motcua/calendar';
import { findConfigDir, loadConfig, type AppConfig } from '@motcua/config';
import { validateEvent } from '@motcua/contracts';
import {
  dataSourceOptions,
  EventStore,
  ProjectionRepository,
  RulesRepository,
  setupDatabase,
  TrackerRepository,
  type AppendItem,
  type StoredEvent,
} from '@motcua/database';
import { DeadlineTimers } from '@motcua/queue';
import { pendingMilestones, subtractWorkingMinutes } from '@motcua/sla';
import { startWorker } from '../apps/worker/src/worker.app';
import { claimRedisDb } from './support/redis-db';
import { dropScratchDatabase } from './support/scratch-db';

const DUE = Number(process.env.BENCH_TRACKER_DUE || 10_000);
const OPEN = Number(process.env.BENCH_TRACKER_OPEN || 100_000);
const WINDOW_MS = 60_000;
const SWEEP_EVERY_MS = 60_000;
const HORIZON_MS = 3_600_000;

const baseDb = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/motcua');
const baseRedis = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A clock that stands still until `run()`, then follows real time from its reading. */
class BenchClock implements Clock {
  private since: number | null = null;
  constructor(private t: number) {}
  now(): number {
    return this.since === null ? this.t : this.t + (Date.now() - this.since);
  }
  runFrom(t: number): void {
    this.t = t;
    this.since = Date.now();
  }
}

const say = (s: string) => console.log(s);
const noTimers = { afterWrite: async () => undefined } as unknown as DeadlineArming;

interface Scratch {
  url: string;
  redisUrl: string;
  db: DataSource;
  drop(): Promise<void>;
}

async function scratch(tag: string): Promise<Scratch> {
  const url = new URL(baseDb);
  url.pathname = `/motcua_bench_tracker_${tag}_${process.pid}`;
  await setupDatabase(url.toString(), findConfigDir(), Date.parse('2026-01-01T00:00:00+07:00'));
  const db = new DataSource({ ...dataSourceOptions(url.toString()), extra: { max: 10 } });
  await db.initialize();
  const redis = await claimRedisDb(baseRedis, {
    owner: `bench-tracker-${tag}-${process.pid}`,
    waitMs: 120_000,
  });
  return {
    url: url.toString(),
    redisUrl: redis.url,
    db,
    async drop() {
      await db.destroy().catch(() => undefined);
      await redis.release().catch(() => undefined);
      await dropScratchDatabase(url);
    },
  };
}

/** The mail relay the worker hands its mails to, as in production: a real SMTP server that accepts them all. */
let smtpUrl = 'smtp://127.0.0.1:1025';
async function startSmtpSink(): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, _session, callback) => {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return server;
}

function workerConfig(s: Scratch, horizonMs: number): AppConfig {
  return loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: s.url,
    REDIS_URL: s.redisUrl,
    SMTP_URL: smtpUrl,
    TRACKER_ENABLED: 'true',
    TRACKER_HORIZON_MS: String(horizonMs),
    TRACKER_SWEEP_INTERVAL_MS: String(SWEEP_EVERY_MS),
  });
}

function item(body: Record<string, unknown>, actor: string): AppendItem {
  const v = validateEvent(body);
  if (!v.ok) throw new Error(`invalid bench event: ${JSON.stringify(v.problems)}`);
  return { event: { ...v.event, dossierCode: body.dossierCode as string }, actor, response: {} };
}

const receivedBody = (code: string, at: number, procedureCode: string) => ({
  id: randomUUID(),
  dossierCode: code,
  type: 'received',
  occurredAt: formatInstant(at),
  data: { procedureCode, channel: 'direct', applicant: { name: 'Nguyễn Văn An' } },
});

/** Appends in chunks, marks them enqueued (the relay leaves them alone) and writes the projections directly. */
async function seed(s: Scratch, items: AppendItem[], clock: Clock, arming: DeadlineArming): Promise<void> {
  const store = new EventStore(s.db);
  for (let i = 0; i < items.length; i += 2000) {
    const chunk = items.slice(i, i + 2000);
    await store.append(chunk);
    await store.markEnqueued(chunk.map((x) => ({ id: x.event.id, jobId: `evt-${x.event.id}` })));
  }
  // Deadlines acted at before the window were reacted to then (drafts, mails): recorded, as the worker would have.
  await s.db.query(
    `INSERT INTO reactions (reactor, event_id)
     SELECT r, e.id FROM dossier_events e, unnest($1::text[]) r WHERE e.type = 'deadline_reached'
     ON CONFLICT DO NOTHING`,
    [REACTOR_NAMES],
  );
  const config = workerConfig(s, 0);
  const apply = new ApplyEvents(
    new ProjectionRepository(s.db),
    new RulesProvider(new RulesRepository(s.db), config),
    clock,
    arming,
    config,
  );
  const requests = items.map((x) => ({ eventId: x.event.id, dossierCode: x.event.dossierCode }));
  let next = 0;
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      while (next < requests.length) {
        const slice = requests.slice(next, next + 400);
        next += 400;
        await apply.applyTogether(slice, clock.now());
      }
    }),
  );
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

interface Latency {
  label: string;
  n: number;
  applied: number;
  p50: number;
  p99: number;
  max: number;
  withinTwoSeconds: number;
  firedP50: number;
}

/** One latency run: DUE dossiers falling due in WINDOW_MS from `windowStart`, with timers or with the sweep alone. */
async function latencyRun(label: string, horizonMs: number): Promise<Latency> {
  const s = await scratch(horizonMs > 0 ? 'timers' : 'sweep');
  const windowStart = Date.parse('2026-03-04T10:00:00+07:00');
  const clock = new BenchClock(windowStart - 20_000);
  try {
    const rules = await new RulesProvider(new RulesRepository(s.db), workerConfig(s, 0)).snapshot();
    const calendar = rules.at(windowStart).calendar;
    // 1.014200: three working days; received three working days before its due instant (Fri 27/02 from 10:00).
    const items: AppendItem[] = [];
    for (let i = 0; i < DUE; i++) {
      const code = `BENCH-T-${String(i).padStart(6, '0')}`;
      const due = windowStart + Math.floor((i * WINDOW_MS) / DUE);
      const receivedAt = subtractWorkingMinutes(calendar, due, 3 * 480);
      const reception = item(receivedBody(code, receivedAt, '1.014200'), 'bench');
      const stored = { ...reception.event, seq: '0', appliedAt: null, rulesRevision: null } as StoredEvent;
      const state = foldStored([stored], rules, windowStart).state;
      if (state.dueAt !== due) throw new Error(`${code}: due ${state.dueAt} instead of ${due}`);
      items.push(reception);
      // What the tracker acted at before the window (desk step, warning, apology deadline), as it would have.
      for (const m of pendingMilestones(state).filter((x) => x.at < windowStart))
        items.push(item(deadlineEventBody(code, m, m.at), 'system'));
    }
    const seedStart = Date.now();
    await seed(s, items, clock, noTimers);
    say(
      `  ${label}: ${DUE} dossiers (${items.length} events) seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`,
    );

    // The clock starts 10 s before the window; the worker starts (its first sweep refills the horizon).
    clock.runFrom(windowStart - 10_000);
    const worker = await startWorker({ config: workerConfig(s, horizonMs), clock });
    try {
      const deadline = Date.now() + 10_000 + WINDOW_MS + SWEEP_EVERY_MS + 120_000;
      let applied = 0;
      while (Date.now() < deadline) {
        const [r]: Array<{ n: string }> = await s.db.query(
          `SELECT count(*) AS n FROM dossier_events
            WHERE type = 'deadline_reached' AND data->>'kind' = 'due' AND applied_at IS NOT NULL`,
        );
        applied = Number(r.n);
        if (applied >= DUE) break;
        await new Promise((r2) => setTimeout(r2, 500));
      }
      const offset = clock.now() - Date.now();
      const rows: Array<{ at: string; occurred_at: Date; applied_at: Date | null }> = await s.db.query(
        `SELECT data->>'at' AS at, occurred_at, applied_at FROM dossier_events
          WHERE type = 'deadline_reached' AND data->>'kind' = 'due'`,
      );
      const lat = rows
        .filter((r) => r.applied_at !== null)
        .map((r) => r.applied_at!.getTime() + offset - Number(r.at))
        .sort((a, b) => a - b);
      const fired = rows.map((r) => r.occurred_at.getTime() - Number(r.at)).sort((a, b) => a - b);
      // The mails the same worker was asked for meanwhile (the overdue notices of these dossiers).
      const [m]: Array<{ claimed: string; sent: string }> = await s.db.query(
        `SELECT count(*) AS claimed, count(*) FILTER (WHERE status = 'sent') AS sent FROM notifications`,
      );
      say(
        `  ${label}: meanwhile ${m.claimed} overdue mails claimed by the same worker, ${m.sent} already sent`,
      );
      return {
        label,
        n: DUE,
        applied: lat.length,
        p50: percentile(lat, 0.5),
        p99: percentile(lat, 0.99),
        max: lat.at(-1) ?? NaN,
        withinTwoSeconds: lat.filter((x) => x <= 2000).length,
        firedP50: percentile(fired, 0.5),
      };
    } finally {
      await worker.close();
    }
  } finally {
    await s.drop();
  }
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

/** The bytes the keys of the connection's own database take (MEMORY USAGE of each), unlike used_memory. */
async function dbMemory(redis: Redis): Promise<number> {
  let total = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
    cursor = next;
    if (keys.length === 0) continue;
    const pipeline = redis.pipeline();
    for (const k of keys) pipeline.memory('USAGE', k);
    for (const [, bytes] of (await pipeline.exec()) ?? []) total += Number(bytes ?? 0);
  } while (cursor !== '0');
  return total;
}

/** OPEN open dossiers, every deadline beyond the horizon: what Redis holds after their projections are written. */
async function memoryRun(): Promise<void> {
  const s = await scratch('memory');
  const now = Date.parse('2026-03-04T09:00:00+07:00');
  const clock = new BenchClock(now);
  const redis = new Redis(s.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const worker = await startWorker({ config: workerConfig(s, HORIZON_MS), clock });
    try {
      // 1.014199, ten working days, received now: the desk's 4 h step is the nearest deadline, beyond the hour.
      const items = Array.from({ length: OPEN }, (_, i) =>
        item(receivedBody(`BENCH-M-${String(i).padStart(7, '0')}`, now, '1.014199'), 'bench'),
      );
      await new Promise((r) => setTimeout(r, 1000)); // the worker's first sweep and scheduler settle
      const before = await usedMemory(redis);
      const keysBefore = await redis.dbsize();
      const dbBefore = await dbMemory(redis);
      const start = Date.now();
      // The worker's own ApplyEvents: its timers are armed exactly as when it applies queued events.
      await seed(s, items, clock, worker.get(DeadlineArming));
      const afterHorizon = await usedMemory(redis);
      const dbHorizon = await dbMemory(redis);
      const keysHorizon = await redis.dbsize();
      const timers = worker.get(DeadlineTimers);
      // The delayed jobs but the job scheduler's next sweep.
      const timerJobs = async () => (await timers.delayedCount()) - ((await timers.sweepSchedule()) ? 1 : 0);
      const armed = await timerJobs();
      const seconds = ((Date.now() - start) / 1000).toFixed(1);
      // The alternative: every pending deadline of every dossier armed as a delayed job.
      const rows = await new TrackerRepository(s.db).upcoming(now, now + 3650 * 86_400_000, null, OPEN);
      const all = rows.flatMap((d) =>
        d.milestones.map((m) => ({
          dossierCode: d.code,
          kind: m.kind,
          stepCode: m.stepCode,
          at: m.at,
          delayMs: m.at - now,
        })),
      );
      for (let i = 0; i < all.length; i += 5000) await timers.arm(all.slice(i, i + 5000));
      const afterAll = await usedMemory(redis);
      const allArmed = await timerJobs();
      const dbAll = await dbMemory(redis);
      const keysAll = await redis.dbsize();
      const mb = (b: number) =>
        Math.abs(b) < 1_048_576 ? `${(b / 1024).toFixed(1)} KB` : `${(b / 1_048_576).toFixed(1)} MB`;
      say(
        `\ntracker, Redis memory — ${OPEN.toLocaleString('en-US')} open dossiers, every deadline beyond the ${HORIZON_MS / 60_000}-minute horizon (projections written in ${seconds} s)`,
      );
      const row = (label: string, jobs: number, used: number, keys: number, own: number) =>
        say(
          `${label.padEnd(44)}${String(jobs).padStart(12)}${mb(used).padStart(16)}${String(keys).padStart(10)}${mb(own).padStart(14)}`,
        );
      say(
        `${'case'.padEnd(44)}${'timer jobs'.padStart(12)}${'used_memory Δ'.padStart(16)}${'keys'.padStart(10)}${'its keys'.padStart(14)}`,
      );
      row('before: the worker started, no dossier', 0, 0, keysBefore, dbBefore);
      row('timers within the horizon (this tracker)', armed, afterHorizon - before, keysHorizon, dbHorizon);
      row('every pending deadline armed (baseline)', allArmed, afterAll - before, keysAll, dbAll);
      say(
        `baseline: ${((afterAll - afterHorizon) / Math.max(1, allArmed)).toFixed(0)} bytes of used_memory per delayed job; ` +
          `"its keys" sums MEMORY USAGE over the tracker's own Redis database, while used_memory is the whole ` +
          'server (other clients of the same Redis move it too)',
      );
    } finally {
      await worker.close();
    }
  } finally {
    redis.disconnect();
    await s.drop();
  }
}

async function main(): Promise<void> {
  const smtp = await startSmtpSink();
  say(
    `\ntracker, latency — ${DUE.toLocaleString('en-US')} dossiers falling due within ${WINDOW_MS / 1000} s; ` +
      `from each due instant to its deadline_reached event applied (clock time)`,
  );
  const timers = await latencyRun('timers + sweep', HORIZON_MS);
  const sweepOnly = await latencyRun('sweep only (every minute)', 0);
  const f = (ms: number) => `${(ms / 1000).toFixed(3)} s`.padStart(12);
  say(
    `${'case'.padEnd(30)}${'applied'.padStart(10)}${'p50'.padStart(12)}${'p99'.padStart(12)}${'max'.padStart(12)}${'≤ 2 s'.padStart(10)}`,
  );
  for (const r of [timers, sweepOnly])
    say(
      `${r.label.padEnd(30)}${`${r.applied}/${r.n}`.padStart(10)}${f(r.p50)}${f(r.p99)}${f(r.max)}${`${((100 * r.withinTwoSeconds) / r.n).toFixed(1)}%`.padStart(10)}`,
    );
  say(
    `timers: p50 ${(sweepOnly.p50 / timers.p50).toFixed(0)}×, p99 ${(sweepOnly.p99 / timers.p99).toFixed(0)}×, ` +
      `max ${(sweepOnly.max / timers.max).toFixed(0)}× shorter than the sweep alone (the event logged ${f(timers.firedP50).trim()} after the due at p50)`,
  );
  const met = timers.applied === timers.n && timers.max <= 2000;
  say(
    `timers: every dossier overdue with its event within 2 s of the due instant — ${met ? 'MET' : 'NOT MET'}`,
  );
  await memoryRun();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  process.exitCode = met ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
