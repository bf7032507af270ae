/**
 * The end-to-end pipeline benchmark of issue 11 (`npm run bench:pipeline`, last in `npm run bench`): the real API
 * and worker as child processes (`node -r @swc-node/register apps/…/main.ts`), over a scratch PostgreSQL database
 * and a Redis logical database of their own; this process is only the load generator (autocannon) and the clock.
 * Admin logs in; every request carries valid `received` events of procedure 1.014199 at LDTBXH.MC with a fresh id
 * and a fresh dossier code. Each figure stands beside its baseline, measured in the same run, medians over ROUNDS:
 *
 * 1. single events, 50 connections, SECONDS each: events/s accepted (202), p50, p99; baseline: a bare Node `http`
 *    server (its own process) answering 202 to the same requests;
 * 2. the same at a fixed 2,000 requests/s (autocannon `overallRate`, latencies corrected for coordinated omission):
 *    p50 / p99, and committed→applied (`applied_at - recorded_at`) of those events; baseline: the bare server;
 * 3. batches of 1,000 (`POST /api/v1/events/batch`), 4 connections, BATCH_SECONDS each: events/s accepted;
 *    baseline: multi-row INSERTs of 1,000 rows of the same shape into a scratch table, 4 clients (rows/s);
 * 4. the worker after each batch round (it runs throughout): events applied per second over those events (first to
 *    last applied_at), committed→applied p50 / p99; baseline: one transaction per event (ApplyEvents, 8 in
 *    parallel, in this process once the apps have stopped, as in bench-intake.ts) on the same database.
 *
 * Then one table against the targets (MET / MISSED, measured ÷ target) and every figure in
 * bench/results.json. Sizes: BENCH_PIPELINE_ROUNDS (3), BENCH_PIPELINE_SECONDS (10), BENCH_PIPELINE_BATCH_SECONDS
 * (10); BENCH_SMALL=1 runs a few seconds of each (CI). Exits non-zero only when the bench itself fails (the apps do
 * not start, requests are refused), never on a missed target.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import getPort from 'get-port';
import { Pool } from 'pg';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { ApplyEvents, RulesProvider, type DeadlineArming } from '@motcua/application';
import { formatInstant } from '@motcua/calendar';
import { findConfigDir, loadConfig } from '@motcua/config';
import { validateEvent } from '@motcua/contracts';
import {
  dataSourceOptions,
  EventStore,
  eventHash,
  ProjectionRepository,
  RulesRepository,
  setupDatabase,
  type AppendItem,
} from '@motcua/database';
import { DATA_DIR, ROOT, rel } from './support/paths';
import { claimRedisDb } from './support/redis-db';
import { dropScratchDatabase } from './support/scratch-db';

const SMALL = process.env.BENCH_SMALL === '1';
const int = (name: string, fallback: number) => {
  const v = Number(process.env[name] || fallback);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer`);
  return v;
};
const ROUNDS = int('BENCH_PIPELINE_ROUNDS', 3);
const SECONDS = int('BENCH_PIPELINE_SECONDS', SMALL ? 1 : 10);
const BATCH_SECONDS = int('BENCH_PIPELINE_BATCH_SECONDS', SMALL ? 1 : 10);
const WORKER_BASELINE_EVENTS = int('BENCH_PIPELINE_WORKER_BASELINE', SMALL ? 400 : 3000);
const CONNECTIONS = 50;
const FIXED_RATE = 2000;
const BATCH = 1000;
const BATCH_CONNECTIONS = 4;
/** The worker's steady feed: batches of 100 at FIXED_RATE / 100 requests/s (a rate the API sustains). */
const STEADY_BATCH = 100;
const DRAIN_TIMEOUT_MS = 600_000;

const TARGETS = {
  singleEventsPerSecond: 5000,
  p99AtFixedRateMs: 50,
  batchEventsPerSecond: 30_000,
  appliedPerSecond: 10_000,
  committedToAppliedP99AtFixedRateMs: 1000,
};

const ADMIN_PASSWORD = 'bench-pipeline-admin';
const PROCEDURE = '1.014199';
const baseDb = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/motcua');
const baseRedis = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const LOG_DIR = path.join(DATA_DIR, 'bench');
const RESULTS = path.join(ROOT, 'bench', 'results.json');

const say = (s: string) => console.log(s);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// ---------------------------------------------------------------------------------------------------------------
// Request bodies: a valid reception (test/support/events.ts `received()`), fresh id and dossier code each time.

let serial = 0;
function receivedBody(prefix: string) {
  serial += 1;
  return {
    id: randomUUID(),
    dossierCode: `${prefix}-${String(serial).padStart(8, '0')}`,
    type: 'received',
    occurredAt: formatInstant(Date.now()),
    data: {
      procedureCode: PROCEDURE,
      channel: 'direct',
      applicant: { name: 'Nguyễn Văn An', idNumber: '001085012345', phone: '0912345678' },
    },
  };
}
const singleBody = (prefix: string) => () => JSON.stringify(receivedBody(prefix));
const batchBody =
  (prefix: string, size = BATCH) =>
  () =>
    JSON.stringify({ events: Array.from({ length: size }, () => receivedBody(prefix)) });

// ---------------------------------------------------------------------------------------------------------------
// Child processes: the API, the worker, the bare HTTP server. Output goes to .data/bench/pipeline-<name>.log.

interface Child {
  name: string;
  proc: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

function startChild(name: string, args: string[], env: NodeJS.ProcessEnv): Child {
  fs.mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, `pipeline-${name}.log`);
  const fd = fs.openSync(logFile, 'w');
  const proc = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  const closed = new Promise<void>((resolve) => proc.once('close', () => resolve()));
  return {
    name,
    proc,
    logFile,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const killer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await closed;
      clearTimeout(killer);
    },
  };
}

const tail = (file: string) => {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
};

async function waitHttp(url: string, child: Child, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null) throw new Error(`${child.name} exited:\n${tail(child.logFile)}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(
    `${child.name} did not answer ${url} within ${timeoutMs / 1000} s:\n${tail(child.logFile)}`,
  );
}

/** A bare Node `http` server in a process of its own: reads the body, answers 202 with a small JSON body. */
const BARE_SERVER = `
const http = require('node:http');
const port = Number(process.env.PORT);
http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(202, { 'content-type': 'application/json' });
    res.end('{"status":"accepted"}');
  });
}).listen(port, '127.0.0.1');`;

// ---------------------------------------------------------------------------------------------------------------
// Load.

interface Load {
  /** 2xx answers (or accepted events, for batches) per second. */
  perSecond: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

async function load(
  url: string,
  token: string | null,
  body: () => string,
  opts: { connections: number; duration: number; overallRate?: number; countAccepted?: boolean },
): Promise<Load> {
  let accepted = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    connections: opts.connections,
    duration: opts.duration,
    overallRate: opts.overallRate,
    timeout: 30,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: body() }),
        onResponse: opts.countAccepted
          ? (status, text) => {
              if (status !== 200) return;
              const out = JSON.parse(text) as { results: Array<{ status: string }> };
              accepted += out.results.filter((r) => r.status === 'accepted').length;
            }
          : undefined,
      },
    ],
  });
  const ok = Object.entries(result.statusCodeStats)
    .filter(([code]) => code.startsWith('2'))
    .reduce((n, [, s]) => n + s.count, 0);
  if (result.non2xx > 0 || result.errors > 0)
    say(
      `    ! ${url}: ${result.non2xx} non-2xx, ${result.errors} errors (${JSON.stringify(result.statusCodeStats)})`,
    );
  const total = Object.values(result.statusCodeStats).reduce((n, s) => n + s.count, 0);
  if (total === 0 || (result.non2xx + result.errors) / Math.max(1, total) > 0.01)
    throw new Error(`${url}: ${result.non2xx} non-2xx and ${result.errors} errors in ${total} answers`);
  return {
    perSecond: (opts.countAccepted ? accepted : ok) / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The database side: backlog, committed→applied, the INSERT baseline, the per-event-transaction worker baseline.

async function drain(pool: Pool, timeoutMs = DRAIN_TIMEOUT_MS): Promise<number> {
  const start = Date.now();
  for (;;) {
    const [r] = (await pool.query('SELECT count(*)::int AS n FROM dossier_events WHERE applied_at IS NULL'))
      .rows as Array<{ n: number }>;
    if (r.n === 0) return Date.now() - start;
    if (Date.now() - start > timeoutMs)
      throw new Error(`${r.n} events still unapplied after ${timeoutMs} ms`);
    await sleep(100);
  }
}

interface Applied {
  events: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** Over the events whose dossier codes start with `prefix` (all applied): rate and committed→applied. */
async function appliedOf(pool: Pool, prefix: string): Promise<Applied> {
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
async function insertBaseline(pool: Pool, round: number, seconds: number): Promise<number> {
  let rows = 0;
  const start = Date.now();
  const until = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: BATCH_CONNECTIONS }, async () => {
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
async function perEventWorkerBaseline(url: string, redisUrl: string, round: number): Promise<number> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: url, REDIS_URL: redisUrl });
  const db = new DataSource({ ...dataSourceOptions(url), extra: { max: 10 } });
  await db.initialize();
  try {
    const items: AppendItem[] = Array.from({ length: WORKER_BASELINE_EVENTS }, () => {
      const v = validateEvent(receivedBody(`BENCH-W${round}`));
      if (!v.ok) throw new Error(`invalid bench event: ${JSON.stringify(v.problems)}`);
      return { event: { ...v.event, dossierCode: v.event.dossierCode ?? '' }, actor: 'admin', response: {} };
    });
    const store = new EventStore(db);
    for (let i = 0; i < items.length; i += 1000) await store.append(items.slice(i, i + 1000));
    await store.markEnqueued(items.map((x) => x.event.id));
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

// ---------------------------------------------------------------------------------------------------------------

async function login(apiUrl: string): Promise<string> {
  const res = await fetch(`${apiUrl}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function versions(pool: Pool, redisUrl: string): Promise<{ postgres: string; redis: string }> {
  const [r] = (await pool.query('SHOW server_version')).rows as Array<{ server_version: string }>;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const info = await redis.info('server');
    return { postgres: r.server_version, redis: /redis_version:(\S+)/.exec(info)?.[1] ?? '?' };
  } finally {
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const url = new URL(baseDb);
  url.pathname = `/motcua_bench_pipeline_${process.pid}`;
  const dbUrl = url.toString();
  const children: Child[] = [];
  let pool: Pool | null = null;
  const redis = await claimRedisDb(baseRedis, {
    owner: `bench-pipeline-${process.pid}`,
    flushOnRelease: true,
  });
  try {
    await setupDatabase(dbUrl, findConfigDir(), Date.now());
    pool = new Pool({ connectionString: dbUrl, max: BATCH_CONNECTIONS + 2 });
    await pool.query('CREATE TABLE bench_insert (LIKE dossier_events INCLUDING ALL)');

    const [apiPort, barePort] = await Promise.all([getPort(), getPort()]);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: dbUrl,
      REDIS_URL: redis.url,
      PORT: String(apiPort),
      ADMIN_PASSWORD,
      INTAKE_RATE_LIMIT: '1000000',
      TRACKER_ENABLED: 'false',
      SMTP_URL: 'smtp://127.0.0.1:9',
    };
    const ts = ['-r', '@swc-node/register'];
    const api = startChild('api', [...ts, 'apps/api/src/main.ts'], env);
    children.push(api);
    const worker = startChild('worker', [...ts, 'apps/worker/src/main.ts'], env);
    children.push(worker);
    const bare = startChild('bare-http', ['-e', BARE_SERVER], { ...process.env, PORT: String(barePort) });
    children.push(bare);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const bareUrl = `http://127.0.0.1:${barePort}`;
    await waitHttp(`${apiUrl}/health`, api);
    await waitHttp(bareUrl, bare); // a GET gets 202 too
    const token = await login(apiUrl);
    say(
      `pipeline bench (${SMALL ? 'small' : 'full'} size): API pid ${api.proc.pid}, worker pid ${worker.proc.pid}, ` +
        `bare server pid ${bare.proc.pid}; logs in ${rel(LOG_DIR)}; ${ROUNDS} rounds`,
    );

    // Warm-up: both apps JIT-compile their paths; the worker proves it is consuming (every event applied).
    await load(`${apiUrl}/api/v1/events`, token, singleBody('BENCH-WARM'), { connections: 10, duration: 1 });
    await load(`${bareUrl}/`, null, singleBody('BENCH-WARM'), { connections: 10, duration: 1 });
    await drain(pool, 120_000);

    const single: Load[] = [];
    const singleBare: Load[] = [];
    const fixed: Load[] = [];
    const fixedBare: Load[] = [];
    const fixedApplied: Applied[] = [];
    const steady: Load[] = [];
    const steadyApplied: Applied[] = [];
    const batches: Load[] = [];
    const inserts: number[] = [];
    const batchApplied: Applied[] = [];
    const drainAfterBatchMs: number[] = [];
    const dossiersBeforeBatchRound: number[] = [];
    const workerBaseline: number[] = [];

    for (let r = 1; r <= ROUNDS; r++) {
      say(`  round ${r}/${ROUNDS}: single events, ${CONNECTIONS} connections, ${SECONDS} s`);
      singleBare.push(
        await load(`${bareUrl}/`, null, singleBody(`BENCH-X${r}`), {
          connections: CONNECTIONS,
          duration: SECONDS,
        }),
      );
      single.push(
        await load(`${apiUrl}/api/v1/events`, token, singleBody(`BENCH-S${r}`), {
          connections: CONNECTIONS,
          duration: SECONDS,
        }),
      );
      await drain(pool);
    }
    for (let r = 1; r <= ROUNDS; r++) {
      say(`  round ${r}/${ROUNDS}: fixed ${FIXED_RATE} requests/s, ${CONNECTIONS} connections, ${SECONDS} s`);
      fixedBare.push(
        await load(`${bareUrl}/`, null, singleBody(`BENCH-Y${r}`), {
          connections: CONNECTIONS,
          duration: SECONDS,
          overallRate: FIXED_RATE,
        }),
      );
      fixed.push(
        await load(`${apiUrl}/api/v1/events`, token, singleBody(`BENCH-R${r}`), {
          connections: CONNECTIONS,
          duration: SECONDS,
          overallRate: FIXED_RATE,
        }),
      );
      await drain(pool);
      fixedApplied.push(await appliedOf(pool, `BENCH-R${r}`));
      say(
        `  round ${r}/${ROUNDS}: steady ${FIXED_RATE} events/s for the worker (batches of ${STEADY_BATCH}), ${SECONDS} s`,
      );
      steady.push(
        await load(`${apiUrl}/api/v1/events/batch`, token, batchBody(`BENCH-F${r}`, STEADY_BATCH), {
          connections: BATCH_CONNECTIONS,
          duration: SECONDS,
          overallRate: FIXED_RATE / STEADY_BATCH,
          countAccepted: true,
        }),
      );
      await drain(pool);
      steadyApplied.push(await appliedOf(pool, `BENCH-F${r}`));
      const [f, sa] = [fixed[r - 1], steadyApplied[r - 1]];
      say(
        `    single events at ${Math.round(f.perSecond)}/s: p99 ${f.p99} ms; steady batches: committed→applied ` +
          `p50 ${Math.round(sa.p50)} ms, p99 ${Math.round(sa.p99)} ms`,
      );
    }
    for (let r = 1; r <= ROUNDS; r++) {
      say(
        `  round ${r}/${ROUNDS}: batches of ${BATCH}, ${BATCH_CONNECTIONS} connections, ${BATCH_SECONDS} s`,
      );
      // Every round starts from a checkpoint, with the dossiers of the rounds before it in the database.
      await pool.query('CHECKPOINT');
      const [d] = (await pool.query('SELECT count(*)::int AS n FROM dossiers')).rows as Array<{ n: number }>;
      dossiersBeforeBatchRound.push(d.n);
      const b = await load(`${apiUrl}/api/v1/events/batch`, token, batchBody(`BENCH-B${r}`), {
        connections: BATCH_CONNECTIONS,
        duration: BATCH_SECONDS,
        countAccepted: true,
      });
      batches.push(b);
      drainAfterBatchMs.push(await drain(pool));
      const a = await appliedOf(pool, `BENCH-B${r}`);
      batchApplied.push(a);
      // The baseline after the pipeline's round, on a table emptied at once (no autovacuum, no growth).
      await pool.query('CHECKPOINT');
      inserts.push(await insertBaseline(pool, r, BATCH_SECONDS));
      await pool.query('TRUNCATE bench_insert');
      say(
        `    ${d.n} dossiers before: ${Math.round(b.perSecond)} events/s accepted, ${Math.round(a.perSecond)} applied/s, ` +
          `committed→applied p99 ${Math.round(a.p99)} ms; INSERT ${Math.round(inserts[r - 1])} rows/s`,
      );
    }
    const machine = {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cpus: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      ...(await versions(pool, redis.url)),
    };
    for (const c of [...children].reverse()) await c.stop();
    children.length = 0;
    for (let r = 1; r <= ROUNDS; r++) {
      say(`  round ${r}/${ROUNDS}: worker baseline, one transaction per event`);
      workerBaseline.push(await perEventWorkerBaseline(dbUrl, redis.url, r));
    }

    // -----------------------------------------------------------------------------------------------------------
    const m = {
      single: {
        perSecond: median(single.map((x) => x.perSecond)),
        p50: median(single.map((x) => x.p50)),
        p99: median(single.map((x) => x.p99)),
      },
      singleBare: {
        perSecond: median(singleBare.map((x) => x.perSecond)),
        p50: median(singleBare.map((x) => x.p50)),
        p99: median(singleBare.map((x) => x.p99)),
      },
      fixed: {
        perSecond: median(fixed.map((x) => x.perSecond)),
        p50: median(fixed.map((x) => x.p50)),
        p99: median(fixed.map((x) => x.p99)),
      },
      fixedBare: {
        perSecond: median(fixedBare.map((x) => x.perSecond)),
        p50: median(fixedBare.map((x) => x.p50)),
        p99: median(fixedBare.map((x) => x.p99)),
      },
      fixedApplied: {
        p50: median(fixedApplied.map((x) => x.p50)),
        p99: median(fixedApplied.map((x) => x.p99)),
      },
      steady: { perSecond: median(steady.map((x) => x.perSecond)) },
      steadyApplied: {
        p50: median(steadyApplied.map((x) => x.p50)),
        p99: median(steadyApplied.map((x) => x.p99)),
      },
      batches: {
        perSecond: median(batches.map((x) => x.perSecond)),
        p50: median(batches.map((x) => x.p50)),
        p99: median(batches.map((x) => x.p99)),
      },
      inserts: median(inserts),
      applied: {
        perSecond: median(batchApplied.map((x) => x.perSecond)),
        p50: median(batchApplied.map((x) => x.p50)),
        p99: median(batchApplied.map((x) => x.p99)),
      },
      drainAfterBatchMs: median(drainAfterBatchMs),
      workerBaseline: median(workerBaseline),
    };
    const n = (x: number) => Math.round(x).toLocaleString('en-US');
    const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`);
    type Row = {
      what: string;
      measured: string;
      baseline: string;
      target: string;
      value: number;
      goal: number;
      higherIsBetter: boolean;
      /** False when the fixed rate the target speaks of was not reached: MISSED whatever the value. */
      reached?: boolean;
    };
    const reached = (perSecond: number) => perSecond >= 0.95 * FIXED_RATE;
    const rows: Row[] = [
      {
        what: `Single events, ${CONNECTIONS} connections`,
        measured: `${n(m.single.perSecond)} events/s, p50 ${ms(m.single.p50)}, p99 ${ms(m.single.p99)}`,
        baseline: `bare Node http: ${n(m.singleBare.perSecond)} req/s, p99 ${ms(m.singleBare.p99)}`,
        target: `≥ ${n(TARGETS.singleEventsPerSecond)} events/s`,
        value: m.single.perSecond,
        goal: TARGETS.singleEventsPerSecond,
        higherIsBetter: true,
      },
      {
        what: `Latency at a fixed ${n(FIXED_RATE)} events/s`,
        measured: `p50 ${ms(m.fixed.p50)}, p99 ${ms(m.fixed.p99)} (${n(m.fixed.perSecond)}/s reached)`,
        baseline: `bare Node http: p50 ${ms(m.fixedBare.p50)}, p99 ${ms(m.fixedBare.p99)}`,
        target: `p99 ≤ ${TARGETS.p99AtFixedRateMs} ms`,
        value: m.fixed.p99,
        goal: TARGETS.p99AtFixedRateMs,
        higherIsBetter: false,
        reached: reached(m.fixed.perSecond),
      },
      {
        what: `Batches of ${n(BATCH)}, ${BATCH_CONNECTIONS} connections`,
        measured: `${n(m.batches.perSecond)} events/s accepted`,
        baseline: `multi-row INSERT: ${n(m.inserts)} rows/s`,
        target: `≥ ${n(TARGETS.batchEventsPerSecond)} events/s`,
        value: m.batches.perSecond,
        goal: TARGETS.batchEventsPerSecond,
        higherIsBetter: true,
      },
      {
        what: 'Worker, after those batches',
        measured: `${n(m.applied.perSecond)} events/s applied; committed→applied p50 ${ms(m.applied.p50)}, p99 ${ms(m.applied.p99)}`,
        baseline: `one transaction per event: ${n(m.workerBaseline)} events/s`,
        target: `≥ ${n(TARGETS.appliedPerSecond)} events/s applied`,
        value: m.applied.perSecond,
        goal: TARGETS.appliedPerSecond,
        higherIsBetter: true,
      },
      {
        what: `Committed→applied at a steady ${n(FIXED_RATE)} events/s`,
        measured:
          `p50 ${ms(m.steadyApplied.p50)}, p99 ${ms(m.steadyApplied.p99)} (batches of ${STEADY_BATCH}: ` +
          `${n(m.steady.perSecond)} events/s reached); the single events above: p99 ${ms(m.fixedApplied.p99)} ` +
          `at ${n(m.fixed.perSecond)}/s`,
        baseline: '—',
        target: `p99 ≤ ${ms(TARGETS.committedToAppliedP99AtFixedRateMs)}`,
        value: m.steadyApplied.p99,
        goal: TARGETS.committedToAppliedP99AtFixedRateMs,
        higherIsBetter: false,
        reached: reached(m.steady.perSecond),
      },
    ];
    const status = (r: Row) =>
      r.reached === false
        ? 'MISSED (rate not reached)'
        : (r.higherIsBetter ? r.value >= r.goal : r.value <= r.goal)
          ? 'MET'
          : 'MISSED';
    const ratio = (r: Row) => `${(r.value / r.goal).toFixed(2)}×`;
    say(
      `\npipeline — medians of ${ROUNDS} rounds (${SECONDS} s single-event runs, ${BATCH_SECONDS} s batch runs); ` +
        `${machine.cpus} × ${machine.cpu}, node ${machine.node}, PostgreSQL ${machine.postgres}, Redis ${machine.redis}`,
    );
    say('| What | Measured | Baseline, same run | Target | Status | Measured ÷ target |');
    say('| --- | --- | --- | --- | --- | --- |');
    for (const r of rows)
      say(`| ${r.what} | ${r.measured} | ${r.baseline} | ${r.target} | ${status(r)} | ${ratio(r)} |`);
    say(
      `(the worker drained each batch round's backlog ${ms(m.drainAfterBatchMs)} after the round ended, median)`,
    );

    fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
    fs.writeFileSync(
      RESULTS,
      JSON.stringify(
        {
          date: new Date(started).toISOString(),
          seconds: Math.round((Date.now() - started) / 1000),
          size: SMALL ? 'small' : 'full',
          machine,
          settings: {
            STEADY_BATCH,
            ROUNDS,
            SECONDS,
            BATCH_SECONDS,
            CONNECTIONS,
            FIXED_RATE,
            BATCH,
            BATCH_CONNECTIONS,
            WORKER_BASELINE_EVENTS,
          },
          targets: TARGETS,
          table: rows.map((r) => ({ ...r, status: status(r), ratio: r.value / r.goal })),
          medians: m,
          rounds: {
            single,
            singleBare,
            fixed,
            fixedBare,
            fixedApplied,
            steady,
            steadyApplied,
            batches,
            inserts,
            batchApplied,
            drainAfterBatchMs,
            dossiersBeforeBatchRound,
            workerBaseline,
          },
        },
        null,
        2,
      ) + '\n',
    );
    say(`every figure in ${rel(RESULTS)}`);
  } finally {
    for (const c of [...children].reverse()) await c.stop().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await redis.release().catch(() => undefined);
    await dropScratchDatabase(url);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
