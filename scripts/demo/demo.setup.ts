// The demo's first stages: services, build, database, API and worker, users, and the engine's calendar.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEV_LOOKUP_SECRET } from '@motcua/config';
import { ensureServices, parsePostgresUrl, withDatabase } from '../services';
import { errorMessage } from '../support/errors';
import { ROOT } from '../support/paths';
import { claimRedisDb } from '../support/redis-db';
import { DemoApi } from './api-client';
import { type DemoCalendar, calendarFromDays, dateOfDay, dayOfDate } from './calendar';
import { CONFIG_DIR, loadDemoCalendar, loadSettings, loadUnits } from './demo.config';
import { dropDatabase } from './demo.database';
import type { DemoLifecycle } from './demo.lifecycle';
import { DEMO_DB, type DemoOptions } from './demo.options';
import { say, step } from './demo.output';
import * as proc from './processes';
import { type DemoStaff, demoUsers } from './users';

const LOG_DIR = path.join(ROOT, '.data', 'demo');
const ENTRIES = ['dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js'];

export interface Target {
  databaseUrl: string;
  redisUrl: string;
  dbName: string;
  fresh: boolean;
  userRedis: boolean;
}

/** 1. PostgreSQL and Redis, and which database and Redis db the demo uses on them. */
export async function services(opts: DemoOptions, lifecycle: DemoLifecycle): Promise<Target> {
  step('services (scripts/services)');
  const found = await ensureServices({ log: (m) => say(`  [services] ${m}`) });
  for (const line of found.summary) say(`  ${line}`);
  const userDb = process.env.DATABASE_URL !== undefined && process.env.DATABASE_URL !== '';
  const userRedis = process.env.REDIS_URL !== undefined && process.env.REDIS_URL !== '';
  const databaseUrl = userDb ? found.databaseUrl : withDatabase(found.databaseUrl, DEMO_DB);
  let redisUrl = found.redisUrl;
  if (!userRedis) {
    // Kept alive while the demo runs: a demo left running for hours must not lose its db to a test run.
    const owner = `demo:${process.pid}:${randomBytes(4).toString('hex')}`;
    const claim = await claimRedisDb(found.redisUrl, { owner, keepAlive: true });
    lifecycle.onStop(claim.release);
    redisUrl = claim.url;
    say(
      `  Redis logical db ${claim.db} claimed for the demo's queue (flushed ${claim.flushedKeys} stale key(s))`,
    );
  }
  const dbName = parsePostgresUrl(databaseUrl).database;
  say(
    `  demo database: ${dbName}${userDb ? ' (from DATABASE_URL)' : ''}; Redis: ${redisUrl}${userRedis ? ' (from REDIS_URL)' : ''}`,
  );
  return { databaseUrl, redisUrl, dbName, fresh: opts.fresh ?? !userDb, userRedis };
}

/** 2. npm run build when dist/ is missing or older than a source; a failed build falls back on an existing dist/. */
export async function build(): Promise<void> {
  step('build');
  const reason = proc.buildReason(ROOT, ENTRIES);
  if (!reason) {
    say('  dist/ is up to date');
    return;
  }
  say(`  npm run build (${reason})`);
  const code = await proc.run('npm', ['run', 'build'], { cwd: ROOT });
  if (code === 0) return;
  if (!ENTRIES.every((e) => fs.existsSync(path.join(ROOT, e))))
    throw new Error(`npm run build failed (exit ${code}) and there is no dist/ to fall back on`);
  say(`  WARNING: npm run build failed (exit ${code}); continuing with the existing dist/`);
}

/** 3. Drop (fresh run) and set up the demo database. */
export async function database(target: Target): Promise<void> {
  step(`database ${target.dbName}`);
  if (target.fresh) {
    await dropDatabase(target.databaseUrl);
    say(`  dropped ${target.dbName} (fresh run; --keep keeps it)`);
    if (target.userRedis)
      say(
        '  NOTE: REDIS_URL is yours and is not flushed; completed jobs kept there (1 h) with the same ids would block this replay',
      );
  } else say(`  keeping ${target.dbName} (replay is idempotent: known events come back as duplicates)`);
  const setup = await proc.capture('npm', ['run', '--silent', 'db:setup'], {
    cwd: ROOT,
    // A developer's machine, like the apps below: no production secrets needed.
    env: { NODE_ENV: 'development', ...process.env, DATABASE_URL: target.databaseUrl },
  });
  if (setup.code !== 0) throw new Error(`npm run db:setup failed:\n${setup.out}`);
  say(`  ${setup.out.trim().split('\n').filter(Boolean).pop()}`);
}

/** The most the settings schema takes for intake.backdateAllowanceWorkingMinutes (about four years). */
const MAX_ALLOWANCE = 525_600;

/**
 * The back-dating allowance the replay needs: the age of its oldest possible event (the first day of the month,
 * 00:00 in Vietnam) at `now`, counted in clock minutes (never less than the working minutes), plus a day.
 */
export function replayAllowance(month: string, now: number): number {
  const monthStart = Date.parse(`${month}-01T00:00:00+07:00`);
  return Math.min(MAX_ALLOWANCE, Math.ceil((now - monthStart) / 60_000) + 24 * 60);
}

/** The place name the demo's forms are dated at (`documents.place`). */
const DEMO_PLACE = 'Tiền Giang';

/**
 * The apps' config/: the shipped one, except `intake.backdateAllowanceWorkingMinutes` (and `documents.place`). The demo replays a month
 * in which each officer logged each event minutes after it happened; the replay itself records that month
 * within seconds, long after. Rather than post every event as an administrator with a back-dating reason (which
 * would misstate who logged it and list all 44,000 events as late entries), the demo's API and worker run with
 * an allowance that covers the month (printed at start). Every other intake rule applies as shipped.
 */
export function demoConfigDir(allowance: number): string {
  const dir = path.join(LOG_DIR, 'config');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(CONFIG_DIR, dir, { recursive: true });
  const file = path.join(dir, 'settings.json');
  const settings = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    intake?: Record<string, unknown>;
    documents?: Record<string, unknown>;
    indicators?: Record<string, unknown>;
  };
  settings.intake = { ...settings.intake, backdateAllowanceWorkingMinutes: allowance };
  // The same for the late-entry indicator: the replay records every event long after it happened, by construction.
  settings.indicators = {
    ...settings.indicators,
    lateEntryHours: Math.min(8760, Math.ceil(allowance / 60) * 3),
  };
  // The demo department's forms are dated in its province (its applicants live there); shipped: a dotted line.
  settings.documents = { ...settings.documents, place: settings.documents?.place ?? DEMO_PLACE };
  fs.writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
  return dir;
}

/** 4. The API and the worker from dist/, until /health answers 200. */
export async function startApps(
  opts: DemoOptions,
  target: Target,
  adminPassword: string,
  lifecycle: DemoLifecycle,
  backdateAllowance: number,
  mail: { smtpUrl: string; clockOffsetMs: number },
): Promise<{ client: DemoApi; base: string; startTracker: () => Promise<void>; lookupSecret: string }> {
  step('API and worker');
  const configDir = demoConfigDir(backdateAllowance);
  say(
    `  intake.backdateAllowanceWorkingMinutes = ${backdateAllowance} for the replay (shipped: 480): the month is ` +
      `recorded in seconds, long after each event happened (${path.relative(ROOT, configDir)}/settings.json)`,
  );
  say('  indicators.lateEntryHours raised to match: the replay is not a late entry (shipped: 24 h)');
  say(
    `  documents.place = "${DEMO_PLACE}" unless config/settings.json names one: the forms' "<place>, ngày …"`,
  );
  if (backdateAllowance >= MAX_ALLOWANCE)
    say('  WARNING: the month is older than the largest allowance; its oldest events will be refused');
  const wanted = opts.port ?? Number(process.env.PORT || 3000);
  const port = await proc.freePort(wanted);
  if (port !== wanted) say(`  port ${wanted} is taken; using ${port}`);
  const env = {
    // A demo on a developer's machine: without NODE_ENV the apps would demand production secrets (JWT_SECRET,
    // ADMIN_PASSWORD); development signs tokens with a random secret of the API process.
    NODE_ENV: 'development',
    ...process.env,
    DATABASE_URL: target.databaseUrl,
    REDIS_URL: target.redisUrl,
    PORT: String(port),
    ADMIN_PASSWORD: adminPassword,
    MOTCUA_CONFIG_DIR: configDir,
    SMTP_URL: mail.smtpUrl,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    CLOCK_OFFSET_MS: String(mail.clockOffsetMs),
    // Said explicitly, so the summary can print each dossier's lookup key (the development secret unless yours).
    LOOKUP_SECRET: process.env.LOOKUP_SECRET || DEV_LOOKUP_SECRET,
  };
  const api = await proc.startChild('api', ENTRIES[0], {
    cwd: ROOT,
    env,
    logFile: path.join(LOG_DIR, 'api.log'),
  });
  lifecycle.watch(api);
  // The replay records a month within seconds: a tracker running meanwhile would act at deadlines of dossiers whose
  // later events (finished on time, returned…) have not been sent yet. The worker starts without it, and starts
  // again with it once every event is applied (startTracker), as a worker down for the month would.
  const worker = await proc.startChild('worker', ENTRIES[1], {
    cwd: ROOT,
    env: { ...env, TRACKER_ENABLED: 'false' },
    logFile: path.join(LOG_DIR, 'worker.log'),
  });
  lifecycle.watch(worker);
  const startTracker = async (): Promise<void> => {
    say(`  worker pid ${worker.pid}: ${await lifecycle.retire(worker)}`);
    const tracking = await proc.startChild('worker', ENTRIES[1], {
      cwd: ROOT,
      env: { ...env, TRACKER_ENABLED: 'true' },
      logFile: path.join(LOG_DIR, 'worker-tracker.log'),
    });
    lifecycle.watch(tracking);
    say(
      `  worker pid ${tracking.pid} started with the deadline tracker (log ${path.relative(ROOT, tracking.logFile)})`,
    );
  };
  const base = `http://127.0.0.1:${port}`;
  const client = new DemoApi(base);
  const healthDeadline = Date.now() + 90_000;
  for (;;) {
    const health = await client.health();
    if (health) {
      say(`  api pid ${api.pid} on ${base}, worker pid ${worker.pid}; /health 200 (${health.status})`);
      return { client, base, startTracker, lookupSecret: env.LOOKUP_SECRET };
    }
    if (Date.now() > healthDeadline)
      throw new Error(`GET ${base}/health did not answer 200 within 90s\n${proc.tail(api.logFile)}`);
    await sleep(300);
  }
}

/** 5. The demo staff, created through the API, and a token for each. */
export async function users(
  client: DemoApi,
  adminPassword: string,
): Promise<{ staff: DemoStaff; tokens: Map<string, string>; adminToken: string }> {
  step('users');
  const adminToken = await client.login('admin', adminPassword);
  const staff = demoUsers(loadUnits());
  const tokens = new Map([['admin', adminToken]]);
  let created = 0;
  for (const u of staff.users) {
    if ((await client.ensureUser(adminToken, u)).created) created++;
    try {
      tokens.set(u.username, await client.login(u.username, u.password));
    } catch (err) {
      throw new Error(`${u.username} exists with another password (${errorMessage(err)}); run with --fresh`, {
        cause: err,
      });
    }
  }
  say(
    `  ${created} created, ${staff.users.length - created} already there; all with password ${staff.users[0].password}`,
  );
  for (const u of staff.users)
    say(
      `  ${u.username.padEnd(18)} ${u.roles.join(',').padEnd(11)} ${u.units.join(',')}${u.name ? `  (${u.name}, ${u.title})` : ''}`,
    );
  say(`  admin              admin       *  (password ${adminPassword})`);
  return { staff, tokens, adminToken };
}

/** The engine's own day list (holidays, make-up Saturdays, statutory years), so the generator counts like it. */
export async function engineCalendar(
  client: DemoApi,
  adminToken: string,
  month: string,
): Promise<DemoCalendar> {
  const from = dateOfDay(dayOfDate(`${month}-01`) - 31);
  const to = dateOfDay(dayOfDate(from) + 365);
  try {
    const days = await client.calendarDays(adminToken, from, to);
    return calendarFromDays(days, loadSettings().sessions);
  } catch (err) {
    say(`  (calendar from config/, the API's day list failed: ${errorMessage(err)})`);
    return loadDemoCalendar();
  }
}

export const logDir = (): string => path.relative(ROOT, LOG_DIR);
export const LOG_DIR_ABS = LOG_DIR;
