/**
 * The end-to-end pipeline benchmark of issue 11 (`npm run bench:pipeline`, last in `npm run bench`): the real API
 * and worker as child processes (`node -r @swc-node/register apps/…/main.ts`), over a scratch PostgreSQL database
 * and a Redis logical database of their own; this process is only the load generator (autocannon) and the clock.
 * Admin logs in; every request carries valid `received` events of procedure 1.014199 at LDTBXH.MC with a fresh id
 * and a fresh dossier code. Each figure stands beside its baseline, measured in the same run, medians over ROUNDS.
 * The cases (BENCH_PIPELINE_CASES, comma-separated; default all):
 *
 * - single: single events, 50 connections: events/s accepted, p50, p99; baseline: a bare Node `http` server;
 * - fixed: the same at a fixed 2,000 requests/s (latencies corrected for coordinated omission), then a steady
 *   2,000 events/s in batches of 100: committed→applied (`applied_at - recorded_at`) p50 / p99;
 * - batch: batches of 1,000, 4 connections: events/s accepted; baseline: multi-row INSERTs of the same rows,
 *   4 clients; then the worker (running throughout) on those events: applied/s, committed→applied; baseline: one
 *   transaction per event (ApplyEvents, 8 in parallel, once the apps have stopped);
 * - scale: single events and batches again with two API processes (API_PROCESSES=2) and two workers;
 * - demo: the demo month end to end (`scripts/demo.ts --exit`, its roles and ordering), first request → all applied.
 *
 * Each case runs on freshly started apps; beside it, where the machine's CPU went (API, workers, PostgreSQL, Redis,
 * this load generator). BENCH_PROFILE=1 also records a V8 CPU profile of every app process per case and prints
 * where its time went. Sizes: BENCH_PIPELINE_ROUNDS (3), BENCH_PIPELINE_SECONDS (10), BENCH_PIPELINE_BATCH_SECONDS
 * (10), BENCH_PIPELINE_DEMO_DOSSIERS (6,500: about 44,000 events); BENCH_SMALL=1 runs a few seconds of each (CI).
 * Exits non-zero only when the bench itself fails, never on a missed target. Every figure: bench/results.json.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import getPort from 'get-port';
import { Pool } from 'pg';
import { findConfigDir } from '@motcua/config';
import { setupDatabase } from '@motcua/database';
import { ROOT, rel } from './support/paths';
import { formatProfile, summarizeProfile } from './support/cpu-profile';
import { claimRedisDb } from './support/redis-db';
import { dropScratchDatabase } from './support/scratch-db';
import { BARE_SERVER, type Child, LOG_DIR, startChild, waitHttp } from './bench-pipeline/children';
import { type CpuShares, formatCpu, sampleCpu } from './bench-pipeline/cpu';
import { formatPgActivity, samplePgActivity } from './bench-pipeline/pg-activity';
import {
  appliedOf,
  type Applied,
  drain,
  emptyDossierStore,
  insertBaseline,
  perEventWorkerBaseline,
  versions,
} from './bench-pipeline/database';
import { runDemoMonth } from './bench-pipeline/demo-month';
import { BATCH, batchBody, type Load, load, login, say, singleBody } from './bench-pipeline/load';
import { cpuMedians, median, ms, n, printCpu, printTable, status } from './bench-pipeline/report';
import {
  BATCH_CONNECTIONS,
  CONNECTIONS,
  emptyRounds,
  FIXED_RATE,
  STEADY_BATCH,
  tableRows,
  TARGETS,
} from './bench-pipeline/rows';

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
const DEMO_DOSSIERS = int('BENCH_PIPELINE_DEMO_DOSSIERS', SMALL ? 200 : 6500);
const ALL_CASES = ['single', 'fixed', 'batch', 'scale', 'demo'] as const;
type Case = (typeof ALL_CASES)[number];
const CASES = new Set(
  (process.env.BENCH_PIPELINE_CASES ?? ALL_CASES.join(',')).split(',').map((c) => c.trim()),
);
for (const c of CASES)
  if (!(ALL_CASES as readonly string[]).includes(c))
    throw new Error(`BENCH_PIPELINE_CASES: unknown case ${c} (known: ${ALL_CASES.join(', ')})`);
const runs = (c: Case) => CASES.has(c);
const PROFILE = process.env.BENCH_PROFILE === '1';
const ADMIN_PASSWORD = 'bench-pipeline-admin';
const baseDb = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/motcua');
const baseRedis = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RESULTS = path.join(ROOT, 'bench', 'results.json');

interface Apps {
  apiUrl: string;
  databaseUrl: string;
  token: string;
  /** Starts counting CPU per process group; stop() gives the shares. */
  cpu(): { stop(): CpuShares };
  /** Stops them; with BENCH_PROFILE=1, summaries of their CPU profiles. */
  stop(): Promise<string[]>;
}

/** Fresh API (apiProcesses sharing its port) and workers for one case, warmed up, every event applied. */
async function startApps(
  label: string,
  env: NodeJS.ProcessEnv,
  pool: Pool,
  shape: { apiProcesses: number; workers: number },
): Promise<Apps> {
  await emptyDossierStore(pool);
  const port = await getPort();
  const slug = label.replace(/[^A-Za-z0-9]+/g, '-');
  const profileDir = path.join(LOG_DIR, 'profiles', slug);
  fs.rmSync(profileDir, { recursive: true, force: true });
  const node = (app: string) => [
    ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, app)}`] : []),
    '-r',
    '@swc-node/register',
    `apps/${app.replace(/-\d+$/, '')}/src/main.ts`,
  ];
  const appEnv = { ...env, PORT: String(port), API_PROCESSES: String(shape.apiProcesses) };
  const children: Child[] = [startChild(`${slug}-api`, node('api'), appEnv)];
  for (let w = 1; w <= shape.workers; w++)
    children.push(startChild(`${slug}-worker-${w}`, node(`worker-${w}`), appEnv));
  const apiUrl = `http://127.0.0.1:${port}`;
  let token: string;
  try {
    await waitHttp(`${apiUrl}/health`, children[0]);
    token = await login(apiUrl, ADMIN_PASSWORD);
    // Warm-up: the apps JIT-compile their paths; the workers prove they consume (every event applied).
    await load(`${apiUrl}/api/v1/events`, token, singleBody(`BENCH-WARM-${slug}`), {
      connections: 10,
      duration: 1,
    });
    await drain(pool, 120_000);
  } catch (err) {
    // Nothing this run started may outlive it.
    for (const c of [...children].reverse()) await c.stop();
    throw err;
  }
  const pids = (c: Child) => (c.proc.pid ? [c.proc.pid] : []);
  return {
    apiUrl,
    databaseUrl: env.DATABASE_URL ?? '',
    token,
    cpu: () =>
      sampleCpu({
        api: { pids: () => pids(children[0]), descendants: true },
        workers: { pids: () => children.slice(1).flatMap(pids) },
        postgres: { comm: 'postgres' },
        redis: { comm: 'redis-server' },
        'load generator': { pids: () => [process.pid] },
      }),
    async stop() {
      for (const c of [...children].reverse()) await c.stop();
      if (!PROFILE || !fs.existsSync(profileDir)) return [];
      return fs
        .readdirSync(profileDir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => formatProfile(`${label} ${f}`, summarizeProfile(path.join(profileDir, f))))
        .filter((s) => !/idle (9[89]|100)(\.\d)?%/.test(s)); // a cluster primary only waits
    },
  };
}

/** One measured load with the CPU shares over it. */
const cpu: Record<string, CpuShares[]> = {};
const profiles: string[] = [];

/** One measured load with the CPU shares over it (and, with BENCH_PROFILE=1, what PostgreSQL was running). */
async function measured<T>(apps: Apps, label: string, run: () => Promise<T>): Promise<T> {
  const sampler = apps.cpu();
  const pg = PROFILE ? samplePgActivity(apps.databaseUrl) : null;
  const out = await run();
  const shares = sampler.stop();
  (cpu[label] ??= []).push(shares);
  say(`    CPU (% of one core): ${formatCpu(shares)}`);
  if (pg) profiles.push(formatPgActivity(label, await pg.stop()));
  return out;
}

async function main(): Promise<void> {
  const started = Date.now();
  const url = new URL(baseDb);
  url.pathname = `/motcua_bench_pipeline_${process.pid}`;
  const dbUrl = url.toString();
  let bare: Child | null = null;
  let apps: Apps | null = null;
  let pool: Pool | null = null;
  const redis = await claimRedisDb(baseRedis, {
    owner: `bench-pipeline-${process.pid}`,
    flushOnRelease: true,
  });
  const r = emptyRounds();
  try {
    await setupDatabase(dbUrl, findConfigDir(), Date.now());
    pool = new Pool({ connectionString: dbUrl, max: BATCH_CONNECTIONS + 2 });
    await pool.query('CREATE TABLE bench_insert (LIKE dossier_events INCLUDING ALL)');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: dbUrl,
      REDIS_URL: redis.url,
      ADMIN_PASSWORD,
      INTAKE_RATE_LIMIT: '1000000',
      TRACKER_ENABLED: 'false',
      SMTP_URL: 'smtp://127.0.0.1:9',
    };
    const barePort = await getPort();
    bare = startChild('bare-http', ['-e', BARE_SERVER], { ...process.env, PORT: String(barePort) });
    const bareUrl = `http://127.0.0.1:${barePort}`;
    await waitHttp(bareUrl, bare); // a GET gets 202 too
    await load(`${bareUrl}/`, null, singleBody('BENCH-WARM'), { connections: 10, duration: 1 });
    say(
      `pipeline bench (${SMALL ? 'small' : 'full'} size): cases ${[...CASES].join(', ')}; logs in ${rel(LOG_DIR)}`,
    );
    const p = pool;
    const one = { apiProcesses: 1, workers: 1 };

    if (runs('single')) {
      apps = await startApps('single', env, p, one);
      for (let i = 1; i <= ROUNDS; i++) {
        say(`  single ${i}/${ROUNDS}: ${CONNECTIONS} connections, ${SECONDS} s`);
        const opts = { connections: CONNECTIONS, duration: SECONDS };
        r.singleBare.push(await load(`${bareUrl}/`, null, singleBody(`BENCH-X${i}`), opts));
        const a = apps;
        r.single.push(
          await measured(a, 'single events', () =>
            load(`${a.apiUrl}/api/v1/events`, a.token, singleBody(`BENCH-S${i}`), opts),
          ),
        );
        await drain(p);
      }
      profiles.push(...(await apps.stop()));
      apps = null;
    }
    if (runs('fixed')) {
      apps = await startApps('fixed', env, p, one);
      const a = apps;
      for (let i = 1; i <= ROUNDS; i++) {
        say(`  fixed ${i}/${ROUNDS}: ${FIXED_RATE} requests/s, ${CONNECTIONS} connections, ${SECONDS} s`);
        const opts = { connections: CONNECTIONS, duration: SECONDS, overallRate: FIXED_RATE };
        r.fixedBare.push(await load(`${bareUrl}/`, null, singleBody(`BENCH-Y${i}`), opts));
        r.fixed.push(
          await measured(a, `fixed ${FIXED_RATE}/s`, () =>
            load(`${a.apiUrl}/api/v1/events`, a.token, singleBody(`BENCH-R${i}`), opts),
          ),
        );
        await drain(p);
        r.fixedApplied.push(await appliedOf(p, `BENCH-R${i}`));
        say(`  steady ${i}/${ROUNDS}: ${FIXED_RATE} events/s in batches of ${STEADY_BATCH}, ${SECONDS} s`);
        r.steady.push(
          await measured(a, `steady ${FIXED_RATE} events/s`, async () => {
            const l = await load(
              `${a.apiUrl}/api/v1/events/batch`,
              a.token,
              batchBody(`BENCH-F${i}`, STEADY_BATCH),
              {
                connections: BATCH_CONNECTIONS,
                duration: SECONDS,
                overallRate: FIXED_RATE / STEADY_BATCH,
                countAccepted: true,
              },
            );
            await drain(p);
            return l;
          }),
        );
        r.steadyApplied.push(await appliedOf(p, `BENCH-F${i}`));
        say(
          `    single events at ${n(r.fixed[i - 1].perSecond)}/s: p99 ${r.fixed[i - 1].p99} ms; steady: ` +
            `committed→applied p99 ${ms(r.steadyApplied[i - 1].p99)}`,
        );
      }
      profiles.push(...(await apps.stop()));
      apps = null;
    }
    const batchCase = async (
      label: string,
      shape: typeof one,
      into: { b: Load[]; a: Applied[] },
      prefix: string,
    ) => {
      apps = await startApps(label, env, p, shape);
      const a = apps;
      for (let i = 1; i <= ROUNDS; i++) {
        say(
          `  ${label} ${i}/${ROUNDS}: batches of ${BATCH}, ${BATCH_CONNECTIONS} connections, ${BATCH_SECONDS} s`,
        );
        // Every round starts from a checkpoint, with the dossiers of the rounds before it in the database.
        await p.query('CHECKPOINT');
        const [d] = (await p.query('SELECT count(*)::int AS n FROM dossiers')).rows as Array<{ n: number }>;
        if (shape.workers === 1) r.dossiersBeforeBatchRound.push(d.n);
        const b = await measured(a, `${label}: intake`, () =>
          load(`${a.apiUrl}/api/v1/events/batch`, a.token, batchBody(`${prefix}${i}`), {
            connections: BATCH_CONNECTIONS,
            duration: BATCH_SECONDS,
            countAccepted: true,
          }),
        );
        into.b.push(b);
        const drained = await measured(a, `${label}: worker's drain after`, () => drain(p));
        if (shape.workers === 1) r.drainAfterBatchMs.push(drained);
        const applied = await appliedOf(p, `${prefix}${i}`);
        into.a.push(applied);
        if (shape.workers === 1) {
          // The baseline after the pipeline's round, on a table emptied at once (no autovacuum, no growth).
          await p.query('CHECKPOINT');
          r.inserts.push(await insertBaseline(p, i, BATCH_SECONDS, BATCH_CONNECTIONS));
          await p.query('TRUNCATE bench_insert');
        }
        say(
          `    ${d.n} dossiers before: ${n(b.perSecond)} events/s accepted, ${n(applied.perSecond)} applied/s, ` +
            `committed→applied p99 ${ms(applied.p99)}`,
        );
      }
      profiles.push(...(await a.stop()));
      apps = null;
    };
    if (runs('batch')) await batchCase('batches', one, { b: r.batches, a: r.batchApplied }, 'BENCH-B');
    if (runs('scale')) {
      const two = { apiProcesses: 2, workers: 2 };
      apps = await startApps('scale', env, p, two);
      const a = apps;
      for (let i = 1; i <= ROUNDS; i++) {
        say(`  scale ${i}/${ROUNDS}: 2 API processes + 2 workers, single events, ${CONNECTIONS} connections`);
        r.scaleSingle.push(
          await measured(a, '2+2: single events', () =>
            load(`${a.apiUrl}/api/v1/events`, a.token, singleBody(`BENCH-2S${i}`), {
              connections: CONNECTIONS,
              duration: SECONDS,
            }),
          ),
        );
        await drain(p);
      }
      profiles.push(...(await a.stop()));
      apps = null;
      await batchCase('2+2 batches', two, { b: r.scaleBatches, a: r.scaleApplied }, 'BENCH-2B');
    }
    const machine = {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cpus: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      ...(await versions(p, redis.url)),
    };
    if (runs('batch'))
      for (let i = 1; i <= ROUNDS; i++) {
        say(`  worker baseline ${i}/${ROUNDS}: one transaction per event`);
        r.workerBaseline.push(await perEventWorkerBaseline(dbUrl, redis.url, i, WORKER_BASELINE_EVENTS));
      }
    if (runs('demo'))
      for (let i = 1; i <= ROUNDS; i++) {
        say(
          `  demo ${i}/${ROUNDS}: the demo month (${n(DEMO_DOSSIERS)} dossiers), first request → all applied`,
        );
        r.demo.push(await runDemoMonth(baseDb, i, DEMO_DOSSIERS));
        const d = r.demo[i - 1];
        say(
          `    ${n(d.events)} events: sent in ${d.sendSeconds} s, all applied ${d.endToEndSeconds} s after the first`,
        );
      }

    // -----------------------------------------------------------------------------------------------------------
    const rows = tableRows(r);
    say(
      `\npipeline — medians of ${ROUNDS} rounds (${SECONDS} s single-event runs, ${BATCH_SECONDS} s batch runs); ` +
        `${machine.cpus} × ${machine.cpu}, node ${machine.node}, PostgreSQL ${machine.postgres}, Redis ${machine.redis}`,
    );
    printTable(rows);
    if (r.drainAfterBatchMs.length)
      say(
        `(the worker drained each batch round's backlog ${ms(median(r.drainAfterBatchMs))} after the round ended, median)`,
      );
    const cpuTable = cpuMedians(cpu);
    printCpu(cpuTable, machine.cpus);
    for (const s of profiles) say(`\n${s}`);

    fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
    const results = {
      date: new Date(started).toISOString(),
      seconds: Math.round((Date.now() - started) / 1000),
      size: SMALL ? 'small' : 'full',
      cases: [...CASES],
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
        DEMO_DOSSIERS,
      },
      targets: TARGETS,
      table: rows.map((x) => ({ ...x, status: status(x), ratio: x.value / x.goal })),
      cpu: cpuTable,
      cpuRounds: cpu,
      profiles,
      rounds: r,
    };
    fs.writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
    say(`every figure in ${rel(RESULTS)}`);
  } finally {
    await apps?.stop().catch(() => undefined);
    await bare?.stop().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await redis.release().catch(() => undefined);
    await dropScratchDatabase(url);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
