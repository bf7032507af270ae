// `npm run test:chaos [-- --size ci|full --faults a,b --seed N]`: the chaos suite (issue 12). Its own PostgreSQL
// cluster, Redis (AOF) and SMTP server; one run per fault plus a mixed run; a JSON report; last line "N passed, N failed".
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { Client, Pool } from 'pg';
import Redis from 'ioredis';
import { ApologyDrafter, ApologyLetterSender, ApplicationModule } from '@motcua/application';
import { loadConfig } from '@motcua/config';
import { setupDatabase } from '@motcua/database';
import { loadDemoCalendar } from '../../scripts/demo/demo.config';
import { dayOf } from '../../scripts/demo/calendar';
import { ensureServices } from '../../scripts/services';
import { DATA_DIR } from '../../scripts/support/paths';
import {
  type Check,
  type FaultWindow,
  type Sample,
  deadlinesNoticed,
  exactlyOneApology,
  liveness,
  noDoubleApply,
  noLoss,
} from './chaos-checks';
import { writeChaosConfig } from './chaos-config';
import { FAULTS, type FaultSpec, refuseDomain } from './chaos-faults';
import { ChaosLoad } from './chaos-load';
import {
  Apps,
  ChaosPostgres,
  ChaosRedis,
  TestSmtpServer,
  appEnv,
  freePort,
  sleep,
  until,
} from './chaos-stack';

// The full size posts batches: two cores do not take 1,000 single requests a second beside the engine (README, issue 11).
// `mustKeepUp`: the CI size offers a fraction of what the engine applies, so C5 always asks for the offered rate there
// (a first fault during the load's warm-up had let the relaxed rule apply: issue 12).
const SIZES = {
  ci: { events: 5000, rate: 200, batch: 1, recoveryLimitMs: 30_000, quietLimitMs: 120_000, mustKeepUp: true },
  full: {
    events: 200_000,
    rate: 1000,
    batch: 50,
    recoveryLimitMs: 60_000,
    quietLimitMs: 600_000,
    mustKeepUp: false,
  },
};
type Size = (typeof SIZES)[keyof typeof SIZES];

const log = (msg: string) => console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${msg}`);

/** The close of the latest working day up to today: the instant the apology deadlines of the run fall on. */
function apologyInstant(): number {
  const cal = loadDemoCalendar();
  for (let day = dayOf(Date.now()); ; day -= 1) if (cal.isWorkingDay(day)) return cal.closeOf(day);
}

async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await c.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

interface RunReport {
  fault: string;
  seed: number;
  events: number;
  rate: number;
  batch: number;
  /** Seconds from the end of the load to the quiet state the checkers start from. */
  quietSeconds?: number;
  load: Record<string, unknown>;
  windows: FaultWindow[];
  notes: Record<string, unknown>;
  checks: Check[];
  exits: unknown[];
  samples?: Array<[number, number, number]>;
  seconds: number;
}

async function oneRun(
  spec: FaultSpec,
  size: Size,
  seed: number,
  stack: { pg: ChaosPostgres; redis: ChaosRedis; smtp: TestSmtpServer; configDir: string },
): Promise<RunReport> {
  const runStarted = Date.now();
  const { pg, redis, smtp, configDir } = stack;
  const flush = new Redis(redis.url, { maxRetriesPerRequest: 3 });
  await flush.flushall();
  await flush.quit();
  smtp.reset();
  smtp.afterAccept = null;
  smtp.messages.length = 0;
  if (spec.refusesDomain) refuseDomain(smtp);

  const loadMs = (size.events / size.rate) * 1000;
  const apologyAt = apologyInstant();
  // The apps' clock: the load starts so that the apology deadline falls 60% into it (at least 30 s in).
  const leadMs = Math.max(0.6 * loadMs, 30_000);
  const startupMs = 15_000;
  const offsetMs = apologyAt - leadMs - startupMs - Date.now();
  const databaseUrl = await createDatabase(pg.url, `chaos_${spec.name.replace(/-/g, '_')}`);
  const env = appEnv({
    databaseUrl,
    redisUrl: redis.url,
    smtpUrl: smtp.url,
    configDir,
    clockOffsetMs: Math.round(offsetMs),
    jwtSecret: randomBytes(32).toString('hex'),
    lookupSecret: randomBytes(32).toString('hex'),
    adminPassword: 'chaos-admin-password',
  });
  const config = loadConfig(env);
  await setupDatabase(databaseUrl, configDir, Date.now() + offsetMs, config);
  const apps = new Apps(env, await freePort());
  await Promise.all([apps.startApi(), apps.startWorker('worker-1'), apps.startWorker('worker-2')]);
  const login = await fetch(`${apps.baseUrl}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'chaos-admin-password' }),
  });
  const token = ((await login.json()) as { accessToken: string }).accessToken;
  const waitStart = apologyAt - leadMs - (Date.now() + offsetMs);
  if (waitStart > 0) await sleep(waitStart);

  const db = new Pool({ connectionString: databaseUrl, max: 3 });
  db.on('error', () => undefined);
  const samples: Sample[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      try {
        const { rows } = await db.query<{ total: string; unapplied: string }>(
          `SELECT (SELECT count(*) FROM dossier_events) AS total,
                  (SELECT count(*) FROM dossier_events WHERE applied_at IS NULL) AS unapplied`,
        );
        samples.push({ at: Date.now(), total: Number(rows[0].total), unapplied: Number(rows[0].unapplied) });
      } catch {
        // PostgreSQL is down: no sample this second.
      }
      await sleep(1000);
    }
  })();

  const loadStart = Date.now();
  const load = new ChaosLoad({
    baseUrl: apps.baseUrl,
    token,
    seed,
    events: size.events,
    rate: size.rate,
    batch: size.batch,
    offsetMs,
    apologyAt,
    duplicateShare: spec.duplicateShare,
    hardStop: loadStart + loadMs + 300_000,
  });
  let loadDoneResolve!: () => void;
  const loadDone = new Promise<void>((r) => (loadDoneResolve = r));
  const windows: FaultWindow[] = [];
  const notes: Record<string, unknown> = {};
  const rnd = mulberry(seed);
  const faultRun = spec.run({
    apps,
    pg,
    databaseUrl,
    redis,
    smtp,
    rnd,
    loadStart,
    loadMs,
    apologyAtReal: apologyAt - offsetMs,
    loadDone,
    windows,
    notes,
    log,
  });
  const result = await load.run();
  loadDoneResolve();
  await faultRun;
  const loadEnd = Date.now();
  log(`${spec.name}: load over (${result.acked.size} acknowledged, ${result.retries} retries); quiet period`);

  // Quiet: every event applied, every apology reaction done, no applicant letter pending, and the apology deadline
  // and the last due past by two sweeps (a deadline missed by its timer during a fault is the sweep's).
  const lastDue = Math.max(apologyAt, ...result.dossiers.map((d) => d.dueTarget ?? 0)) - offsetMs;
  const sweepMs = Number(env.TRACKER_SWEEP_INTERVAL_MS);
  // Settled twice in a row, 2 s apart: a mail sent just now still logs its notification_sent event after it.
  let settled = 0;
  await until(
    async () => {
      if (Date.now() < lastDue + 2 * sweepMs + 3000) return false;
      const { rows } = await db.query<{ unapplied: string; unreacted: string; pending: string }>(
        `SELECT (SELECT count(*) FROM dossier_events WHERE applied_at IS NULL) AS unapplied,
                (SELECT count(*) FROM dossier_events e WHERE e.type = 'deadline_reached'
                   AND NOT EXISTS (SELECT 1 FROM reactions r WHERE r.reactor = $1 AND r.event_id = e.id))
                + (SELECT count(*) FROM dossier_events e WHERE e.type = 'apology_issued'
                   AND NOT EXISTS (SELECT 1 FROM reactions r WHERE r.reactor = $2 AND r.event_id = e.id))
                  AS unreacted,
                (SELECT count(*) FROM notifications WHERE audience = 'applicant'
                   AND (status = 'pending' OR logged_at IS NULL)) AS pending`,
        [ApologyDrafter.NAME, ApologyLetterSender.NAME],
      );
      const r = rows[0];
      const idle = Number(r.unapplied) === 0 && Number(r.unreacted) === 0 && Number(r.pending) === 0;
      settled = idle ? settled + 1 : 0;
      if (settled === 1) await sleep(2000);
      return settled >= 2;
    },
    size.quietLimitMs,
    'the quiet period',
  ).catch((err: unknown) => log(String(err)));
  const quietAt = Date.now();
  sampling = false;
  await sampler;

  const ctx = await NestFactory.createApplicationContext(ApplicationModule.forRoot('api', { config }), {
    logger: ['error'],
  });
  const now = Date.now() + offsetMs;
  const checks: Check[] = [];
  try {
    checks.push(await noLoss(db, result));
    checks.push(await noDoubleApply(db, ctx, config, now));
    checks.push(await deadlinesNoticed(db, now));
    checks.push(
      await exactlyOneApology(db, result.dossiers, smtp.messages, apologyAt - offsetMs, spec.refusesDomain),
    );
    // Successive faults of the mixed run recover as one: measured from the end of the last (single runs: each).
    const measured =
      spec.name === 'mixed' && windows.length > 0
        ? [
            {
              name: `all faults (${windows.map((w) => w.name).join(', ')})`,
              start: Math.min(...windows.map((w) => w.start)),
              end: Math.max(...windows.map((w) => w.end)),
            },
          ]
        : windows;
    const c5 = await liveness(
      db,
      samples,
      measured,
      size.rate,
      { start: loadStart, end: loadEnd },
      size.recoveryLimitMs,
      size.mustKeepUp,
    );
    const sigterm = notes.sigterm as { code: number | null } | undefined;
    if (sigterm && sigterm.code !== 0) c5.passed = false;
    // An app that ended on its own with an error during the run (not a fault's signal) is a liveness failure.
    const crashed = apps.exits.filter((e) => e.code !== null && e.code !== 0);
    c5.detail.crashed = crashed;
    if (crashed.length > 0) c5.passed = false;
    checks.push(c5);
  } finally {
    await ctx.close();
    await apps.stopAll();
    await db.end();
  }
  for (const c of checks)
    log(`${spec.name}: ${c.passed ? 'PASS' : 'FAIL'} ${c.name} ${JSON.stringify(c.detail)}`);
  return {
    fault: spec.name,
    seed,
    events: size.events,
    rate: size.rate,
    batch: size.batch,
    quietSeconds: (quietAt - loadEnd) / 1000,
    load: {
      acknowledged: result.acked.size,
      dossiers: result.dossiers.length,
      byKind: countBy(result.dossiers.map((d) => d.kind)),
      attempts: result.attempts,
      retries: result.retries,
      relogged: result.relogged,
      statuses: result.statuses,
      duplicates: { ...result.duplicates, refused: result.duplicates.refused.slice(0, 5) },
      offeredSeconds: (result.offeredUntil - result.startedAt) / 1000,
      mails: smtp.messages.length,
    },
    windows,
    notes,
    checks,
    exits: apps.exits,
    // Seconds since the load began, events committed and still unapplied: the curve behind C5.
    samples: samples.map((p) => [Math.round((p.at - loadStart) / 100) / 10, p.total, p.unapplied]),
    seconds: (Date.now() - runStarted) / 1000,
  };
}

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: process.env.CHAOS_SIZE ?? 'ci' },
      faults: { type: 'string', default: process.env.CHAOS_FAULTS ?? '' },
      seed: { type: 'string', default: process.env.CHAOS_SEED ?? '20261201' },
      batch: { type: 'string', default: process.env.CHAOS_BATCH },
    },
  });
  const sized = SIZES[values.size as keyof typeof SIZES] as Size | undefined;
  if (!sized) throw new Error(`--size must be ci or full, got ${values.size}`);
  const batch = values.batch === undefined ? sized.batch : Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 1000)
    throw new Error(`--batch must be an integer from 1 to 1000, got ${values.batch}`);
  const size: Size = { ...sized, batch };
  const wanted = values.faults ? values.faults.split(',') : FAULTS.map((f) => f.name);
  const unknown = wanted.filter((w) => !FAULTS.some((f) => f.name === w));
  if (unknown.length)
    throw new Error(`unknown fault(s) ${unknown.join(', ')}; known: ${FAULTS.map((f) => f.name).join(', ')}`);
  const seed = Number(values.seed);
  // The binaries (initdb, pg_ctl, redis-server) come with the services the tests use; installed if missing.
  await ensureServices({ log: (m) => log(`services: ${m}`) });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-chaos-'));
  fs.chmodSync(dir, 0o755);
  log(`own services under ${dir}`);
  const configDir = writeChaosConfig(dir);
  const pg = await ChaosPostgres.create(dir);
  const redis = await ChaosRedis.create(dir);
  const smtp = await TestSmtpServer.start();
  const runs: RunReport[] = [];
  try {
    for (const name of wanted) {
      const spec = FAULTS.find((f) => f.name === name)!;
      log(
        `run ${name}: ${size.events} events at ${size.rate}/s${size.batch > 1 ? ` in batches of up to ${size.batch}` : ''}`,
      );
      try {
        runs.push(await oneRun(spec, size, seed, { pg, redis, smtp, configDir }));
      } catch (err) {
        log(`run ${name} broke: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        runs.push({
          fault: name,
          seed,
          events: size.events,
          rate: size.rate,
          batch: size.batch,
          load: {},
          windows: [],
          notes: { error: String(err) },
          checks: [{ name: 'run', passed: false, detail: { error: String(err) } }],
          exits: [],
          seconds: 0,
        });
      }
    }
  } finally {
    await smtp.stop();
    await redis.kill();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const checks = runs.flatMap((r) => r.checks);
  const passed = checks.filter((c) => c.passed).length;
  const failed = checks.length - passed;
  fs.mkdirSync(path.join(DATA_DIR, 'chaos'), { recursive: true });
  const file = path.join(DATA_DIR, 'chaos', `report-${values.size}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ size: values.size, seed, runs }, null, 2)}\n`);
  log(`report: ${file}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
