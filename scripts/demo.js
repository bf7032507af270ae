'use strict';
// `npm run demo`: the engine with a realistic demo month. Services → build → database → API + worker →
// users → a synthetic month replayed through the HTTP API → wait for the worker → what to look at. Ctrl-C stops.

const fs = require('node:fs');
const path = require('node:path');
const { ensureServices, withDatabase, parsePostgresUrl } = require('./services');
const { ApiClient } = require('./demo/http-client');
const {
  loadDemoCalendar,
  calendarFromDays,
  loadSettings,
  formatLocal,
  dayOf,
  dateOfDay,
  dayOfDate,
} = require('./demo/calendar');
const { generateMonth } = require('./demo/generate-month');
const { sendEvents } = require('./demo/sender');
const { demoUsers } = require('./demo/users');
const { readBack, pickShowcase, tally, WORKLISTS } = require('./demo/summary');
const { claimRedisDb } = require('./demo/redis-db');
const proc = require('./demo/processes');

const ROOT = path.resolve(__dirname, '..');
const CONFIG_DIR = path.join(ROOT, 'config');
const LOG_DIR = path.join(ROOT, '.data', 'demo');
const ENTRIES = ['dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js'];
const DEMO_DB = 'motcua_demo';

const HELP = `Usage: npm run demo -- [options]     (or: node scripts/demo.js [options])

Starts PostgreSQL/Redis if needed (scripts/services.js), builds when dist is stale, sets up the database,
starts the API and the worker, creates demo users, replays a synthetic month of one-stop activity through
the HTTP API, waits until the worker has applied it, prints what to look at, and keeps running until Ctrl-C.

Options
  --seed N          random seed of the synthetic data (default 1); same seed, same events, same ids
  --dossiers N      dossiers received in the month (default 3000); receipts continue after the month
                    at the same daily rate up to now, so the worklists have live dossiers
  --month YYYY-MM   month to replay (default: the last full calendar month before now)
  --tail-days N     only N days of receipts after the month (default: every day up to now)
  --fresh           drop and recreate the demo database first (default when DATABASE_URL is not set)
  --keep            keep the demo database: a second run replays the same events, which the API
                    answers as duplicates (idempotent replay); only events that became due since are new
  --as roles|admin  post each event as the user whose role logs it (default), or everything as admin
  --concurrency N   batch requests in flight (default 4)
  --port N          API port (default PORT or 3000; a free one is picked when it is taken)
  --exit            stop the API and the worker after the summary (also DEMO_EXIT=1); for CI and smoke tests
  --help            this text

Environment
  DATABASE_URL    default: the services' server with database "${DEMO_DB}" (dropped and recreated each run
                  unless --keep). When set, that database is used as is and only dropped with an explicit --fresh.
  REDIS_URL       default: a logical database (15 down to 1) of the services' Redis, claimed like the e2e tests
                  claim theirs (motcua:e2e:redis-db:<n> in db 0) and flushed, so the demo's queue never mixes with a
                  test's. When set, used as is (then nothing is flushed).
  ADMIN_PASSWORD  password of the built-in admin (default motcua-admin)
  PORT            API port (default 3000)

Logs of the API and the worker: .data/demo/api.log, .data/demo/worker.log`;

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const o = {
    seed: 1,
    dossiers: 3000,
    month: null,
    tailDays: null,
    fresh: null,
    as: 'roles',
    concurrency: 4,
    port: null,
    exit: process.env.DEMO_EXIT === '1' || process.env.DEMO_EXIT === 'true',
    help: false,
  };
  const num = (name, v, min = 0) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} needs an integer ≥ ${min}, got ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--seed':
        o.seed = num('--seed', value());
        break;
      case '--dossiers':
        o.dossiers = num('--dossiers', value(), 1);
        break;
      case '--month':
        o.month = value();
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(o.month))
          throw new Error(`--month needs YYYY-MM, got ${o.month}`);
        break;
      case '--tail-days':
        o.tailDays = num('--tail-days', value());
        break;
      case '--fresh':
        o.fresh = true;
        break;
      case '--keep':
      case '--no-fresh':
        o.fresh = false;
        break;
      case '--as':
        o.as = value();
        if (!['roles', 'admin'].includes(o.as)) throw new Error(`--as needs roles or admin, got ${o.as}`);
        break;
      case '--concurrency':
        o.concurrency = num('--concurrency', value(), 1);
        break;
      case '--port':
        o.port = num('--port', value(), 1);
        break;
      case '--exit':
        o.exit = true;
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      default:
        throw new Error(`unknown option ${argv[i]} (see --help)`);
    }
  }
  return o;
}

/** The last full calendar month before now, in Vietnam time. */
function lastFullMonth(now) {
  const today = dateOfDay(dayOf(now));
  const firstOfMonth = dayOfDate(`${today.slice(0, 7)}-01`);
  return dateOfDay(firstOfMonth - 1).slice(0, 7);
}

// ---------------------------------------------------------------- output

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const say = (msg = '') => console.log(msg);
const step = (msg) => console.log(`\n[${elapsed()}] ${msg}`);
const tty = process.stdout.isTTY;
let lastProgress = 0;
/** One updating line on a terminal, a line every few seconds otherwise. */
function progress(msg, final = false) {
  if (tty) {
    process.stdout.write(`\r  ${msg}\x1b[K${final ? '\n' : ''}`);
  } else if (final || Date.now() - lastProgress > 3000) {
    console.log(`  ${msg}`);
    lastProgress = Date.now();
  }
}
const rate = (n, ms) => (ms > 0 ? Math.round((n * 1000) / ms) : 0);
const fmt = (n) => n.toLocaleString('en-US');

// ---------------------------------------------------------------- database and queue

async function dropDatabase(url) {
  const { Client } = require('pg');
  const name = parsePostgresUrl(url).database;
  const client = new Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Events committed and still waiting for the worker, read straight from PostgreSQL (progress display only). */
async function openProgressReader(databaseUrl) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: databaseUrl });
  client.on('error', () => {});
  await client.connect();
  return {
    async read() {
      const { rows } = await client.query(
        'SELECT count(*)::int AS total, count(*) FILTER (WHERE applied_at IS NULL)::int AS pending FROM dossier_events',
      );
      return rows[0];
    },
    /** Events the engine's fold kept but could not apply (timeline status "rejected"); null if unreadable. */
    async foldRejected() {
      try {
        const { rows } = await client.query(
          `SELECT count(*)::int AS n FROM dossiers, jsonb_array_elements(state->'timeline') t WHERE t->>'status' = 'rejected'`,
        );
        return rows[0].n;
      } catch {
        return null;
      }
    },
    close: () => client.end().catch(() => {}),
  };
}

// ---------------------------------------------------------------- main

const children = [];
const releases = [];
let stopping = null;

async function stopAll(reason) {
  if (stopping) return stopping;
  stopping = (async () => {
    if (children.length > 0) {
      step(`stopping (${reason})`);
      for (const c of [...children].reverse()) say(`  ${c.name}: ${await proc.stopChild(c)}`);
    }
    for (const release of releases) await release();
  })();
  return stopping;
}

// Last resort if the demo dies without stopping them: children live in their own process group.
process.on('exit', () => {
  for (const c of children) if (c.alive()) c.child.kill('SIGTERM');
});

function onSignal(signal) {
  stopAll(signal).then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    say(HELP);
    return 0;
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const now = Date.now();
  const month = opts.month || lastFullMonth(now);
  if (`${month}-01` > dateOfDay(dayOf(now))) throw new Error(`--month ${month} has not started yet`);
  say(
    `motcua demo — seed ${opts.seed}, ${fmt(opts.dossiers)} dossiers in ${month}, events posted as ${opts.as === 'roles' ? 'each role user' : 'admin'}`,
  );

  // 1. services
  step('services (scripts/services.js)');
  const services = await ensureServices({ log: (m) => say(`  [services] ${m}`) });
  for (const line of services.summary) say(`  ${line}`);
  const userDb = process.env.DATABASE_URL !== undefined && process.env.DATABASE_URL !== '';
  const userRedis = process.env.REDIS_URL !== undefined && process.env.REDIS_URL !== '';
  const databaseUrl = userDb ? services.databaseUrl : withDatabase(services.databaseUrl, DEMO_DB);
  let redisUrl = services.redisUrl;
  if (!userRedis) {
    const claim = await claimRedisDb(services.redisUrl);
    releases.push(claim.release);
    redisUrl = claim.url;
    say(
      `  Redis logical db ${claim.db} claimed for the demo's queue (flushed ${claim.flushedKeys} stale key(s))`,
    );
  }
  const fresh = opts.fresh === null ? !userDb : opts.fresh;
  const dbName = parsePostgresUrl(databaseUrl).database;
  say(
    `  demo database: ${dbName}${userDb ? ' (from DATABASE_URL)' : ''}; Redis: ${redisUrl}${userRedis ? ' (from REDIS_URL)' : ''}`,
  );

  // 2. build
  step('build');
  const reason = proc.buildReason(ROOT, ENTRIES);
  if (reason) {
    say(`  npm run build (${reason})`);
    const code = await proc.run('npm', ['run', 'build'], { cwd: ROOT });
    if (code !== 0) {
      if (ENTRIES.every((e) => fs.existsSync(path.join(ROOT, e))))
        say(`  WARNING: npm run build failed (exit ${code}); continuing with the existing dist/`);
      else throw new Error(`npm run build failed (exit ${code}) and there is no dist/ to fall back on`);
    }
  } else say('  dist/ is up to date');

  // 3. database
  step(`database ${dbName}`);
  if (fresh) {
    await dropDatabase(databaseUrl);
    say(`  dropped ${dbName} (fresh run; --keep keeps it)`);
    if (userRedis)
      say(
        '  NOTE: REDIS_URL is yours and is not flushed; completed jobs kept there (1 h) with the same ids would block this replay',
      );
  } else say(`  keeping ${dbName} (replay is idempotent: known events come back as duplicates)`);
  const setup = await proc.capture('npm', ['run', '--silent', 'db:setup'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  if (setup.code !== 0) throw new Error(`npm run db:setup failed:\n${setup.out}`);
  say(`  ${setup.out.trim().split('\n').filter(Boolean).pop()}`);

  // 4. API and worker
  step('API and worker');
  const wanted = opts.port || Number(process.env.PORT || 3000);
  const port = (await proc.portFree(wanted)) ? wanted : await proc.anyFreePort();
  if (port !== wanted) say(`  port ${wanted} is taken; using ${port}`);
  const adminPassword = process.env.ADMIN_PASSWORD || 'motcua-admin';
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    PORT: String(port),
    ADMIN_PASSWORD: adminPassword,
  };
  const api = proc.startChild('api', ENTRIES[0], { cwd: ROOT, env, logFile: path.join(LOG_DIR, 'api.log') });
  children.push(api);
  const worker = proc.startChild('worker', ENTRIES[1], {
    cwd: ROOT,
    env,
    logFile: path.join(LOG_DIR, 'worker.log'),
  });
  children.push(worker);
  for (const c of children) {
    c.exited.then((code) => {
      if (!stopping) {
        console.error(
          `\n${c.name} exited unexpectedly (${code}); last lines of ${path.relative(ROOT, c.logFile)}:`,
        );
        console.error(proc.tail(c.logFile));
        stopAll(`${c.name} died`).then(() => process.exit(1));
      }
    });
  }
  const base = `http://127.0.0.1:${port}`;
  const client = new ApiClient(base);
  const healthDeadline = Date.now() + 90_000;
  for (;;) {
    const h = await client.request('GET', '/health', { retry: false }).catch(() => null);
    if (h && h.status === 200) {
      const checks = Object.entries(h.body.checks || {}).map(([k, v]) => `${k} ${v.status}`);
      say(
        `  api pid ${api.child.pid} on ${base}, worker pid ${worker.child.pid}; /health 200 (${checks.join(', ')})`,
      );
      break;
    }
    if (Date.now() > healthDeadline)
      throw new Error(`GET ${base}/health did not answer 200 within 90s\n${proc.tail(api.logFile)}`);
    await proc.sleep(300);
  }

  // 5. users
  step('users');
  const units = JSON.parse(fs.readFileSync(path.join(CONFIG_DIR, 'catalogue', 'units.json'), 'utf8'));
  const procedures = JSON.parse(
    fs.readFileSync(path.join(CONFIG_DIR, 'catalogue', 'procedures.json'), 'utf8'),
  );
  const adminToken = await client.login('admin', adminPassword);
  const staff = demoUsers(units);
  const tokens = new Map([['admin', adminToken]]);
  let created = 0;
  for (const u of staff.users) {
    if ((await client.ensureUser(adminToken, u)).created) created++;
    try {
      tokens.set(u.username, await client.login(u.username, u.password));
    } catch (err) {
      throw new Error(`${u.username} exists with another password (${err.message}); run with --fresh`);
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

  // 6. generate and replay
  step(`generating ${month} (seed ${opts.seed})`);
  // The engine's own day list (holidays, make-up Saturdays, statutory years), so the generator counts like it.
  const from = dateOfDay(dayOfDate(`${month}-01`) - 31);
  const to = dateOfDay(dayOfDate(from) + 365);
  const calendar = await client
    .get(`/api/v1/calendar/days?from=${from}&to=${to}`, adminToken)
    .then((days) => calendarFromDays(days, CONFIG_DIR))
    .catch((err) => {
      say(`  (calendar from config/, the API's day list failed: ${err.message})`);
      return loadDemoCalendar(CONFIG_DIR);
    });
  const settings = loadSettings(CONFIG_DIR);
  const genStart = Date.now();
  const gen = generateMonth({
    seed: opts.seed,
    dossiers: opts.dossiers,
    month,
    now,
    procedures,
    units,
    calendar,
    sla: settings.sla,
    tailDays: opts.tailDays,
    heads: staff.heads,
  });
  const inMonth = gen.dossiers.filter((d) => d.inMonth).length;
  say(
    `  ${fmt(gen.dossiers.length)} dossiers (${fmt(inMonth)} received ${gen.window.monthFrom}..${gen.window.monthTo}` +
      `${gen.window.tailEnd ? `, ${fmt(gen.dossiers.length - inMonth)} after it up to ${gen.window.tailEnd}` : ''}), ` +
      `${fmt(gen.events.length)} events up to ${formatLocal(gen.window.cutoff)} in ${Date.now() - genStart} ms`,
  );
  say(
    `  by type: ${tally(gen.events, (e) => e.type)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );

  step(`replaying through POST /api/v1/events/batch (≤1000 per request, ${opts.concurrency} in flight)`);
  const userOf = opts.as === 'admin' ? () => 'admin' : (actor) => staff.actors.get(actor);
  const reader = await openProgressReader(databaseUrl);
  const before = await reader.read();
  const sendStart = Date.now();
  const sent = await sendEvents({
    client,
    events: gen.events,
    userOf,
    tokens,
    concurrency: opts.concurrency,
    onProgress: (p) =>
      progress(
        `${fmt(p.sent)}/${fmt(p.total)} sent in ${p.requests} requests — accepted ${fmt(p.accepted)}, duplicate ${fmt(p.duplicate)}, rejected ${fmt(p.rejected)} — ${fmt(rate(p.sent, p.elapsedMs))} events/s`,
      ),
  });
  progress(
    `${fmt(sent.sent)} events in ${sent.requests} requests, ${(sent.elapsedMs / 1000).toFixed(1)}s: accepted ${fmt(sent.accepted)}, duplicate ${fmt(sent.duplicate)}, rejected ${fmt(sent.rejected)} — intake ${fmt(rate(sent.sent, sent.elapsedMs))} events/s`,
    true,
  );
  if (sent.rejectedEvents.length > 0) {
    say(`  rejected (first ${Math.min(10, sent.rejectedEvents.length)} of ${sent.rejected}):`);
    for (const r of sent.rejectedEvents.slice(0, 10))
      say(
        `    ${r.event.dossierCode} ${r.event.type} @${r.event.occurredAt} as ${r.user}: ${r.error ? `${r.error.code}: ${r.error.message}` : '?'}`,
      );
  }

  // 7. wait for the worker
  step('waiting for the worker to apply every event');
  let state = await reader.read();
  let stalledSince = Date.now();
  while (state.pending > 0) {
    await proc.sleep(500);
    const next = await reader.read();
    if (next.pending < state.pending) stalledSince = Date.now();
    state = next;
    const applied = state.total - before.total + before.pending - state.pending;
    progress(
      `${fmt(state.pending)} pending of ${fmt(state.total)} — applied ${fmt(applied)} since the replay began, ${fmt(rate(applied, Date.now() - sendStart))} events/s`,
    );
    if (Date.now() - stalledSince > 60_000) {
      progress('', true);
      say(
        `  WARNING: ${state.pending} event(s) have not moved for 60s; see .data/demo/worker.log. Continuing.`,
      );
      break;
    }
  }
  const applyMs = Date.now() - sendStart;
  const appliedNow = state.total - before.total + before.pending - state.pending;
  if (state.pending === 0)
    progress(
      `all ${fmt(state.total)} events applied; ${fmt(appliedNow)} applied in ${(applyMs / 1000).toFixed(1)}s since the replay began — ${fmt(rate(appliedNow, applyMs))} events/s end to end`,
      true,
    );
  const foldRejected = await reader.foldRejected();
  await reader.close();

  // 8. summary
  step('summary');
  const managerToken = tokens.get(staff.manager);
  const back = await readBack(client, managerToken, gen.dossiers);
  say(`  dossiers in the API: ${fmt(back.items.length)}`);
  say(
    `  by status: ${tally(back.items, (x) => x.status)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  say(
    `  by sla state: ${tally(back.items, (x) => x.sla.state)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  say(
    `  by outcome (finished): ${tally(
      back.items.filter((x) => x.sla.outcome),
      (x) => x.sla.outcome,
    )
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  say(`  worklists: ${WORKLISTS.map((w) => `${w} ${back.worklists[w]}`).join(', ')}`);
  if (foldRejected !== null)
    say(`  events kept but not applicable in a dossier's timeline (status "rejected"): ${foldRejected}`);
  const mm = back.mismatches;
  const problems = mm.missing.length + mm.status.length + mm.due.length + mm.outcome.length;
  say(
    `  cross-check against the generator (${fmt(back.compared)} dossiers): ` +
      (problems === 0
        ? 'status, due date and outcome all as expected'
        : `missing ${mm.missing.length}, status ${mm.status.length}, due date ${mm.due.length}, outcome ${mm.outcome.length} differ`),
  );
  for (const [k, list] of Object.entries(mm)) for (const line of list.slice(0, 3)) say(`    ${k}: ${line}`);

  const showcase = await pickShowcase(client, managerToken, gen.dossiers);
  say('');
  say(`  API          ${base}/api/v1   (OpenAPI: ${base}/docs, health: ${base}/health)`);
  say(
    `  token        TOKEN=$(curl -s -X POST ${base}/api/v1/auth/token -H 'Content-Type: application/json' \\`,
  );
  say(
    `                 -d '{"username":"manager","password":"${staff.users[0].password}"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken')`,
  );
  say('  dossiers worth opening:');
  for (const s of showcase) {
    if (!s.code) {
      say(`    (none found) ${s.label}`);
      continue;
    }
    if (!s.view) {
      say(`    ${s.label}: ${s.code} — ${s.note}`);
      say(`      curl -s -H "Authorization: Bearer $TOKEN" ${base}/api/v1/dossiers/${s.code}`);
      continue;
    }
    const v = s.view;
    const extra = [
      `due ${v.dueAt}`,
      v.finishedAt ? `finished ${v.finishedAt}` : null,
      v.apology && v.apology.issuedAt
        ? `apology ${v.apology.issuedAt} → new date ${v.apology.newDueAt}`
        : null,
    ].filter(Boolean);
    say(
      `    ${s.label}: ${s.code} (${v.procedure ? v.procedure.code : '?'}, ${v.status}; ${extra.join(', ')})`,
    );
    say(`      curl -s -H "Authorization: Bearer $TOKEN" ${base}/api/v1/dossiers/${s.code}`);
  }
  say('  worklists:');
  for (const w of WORKLISTS)
    say(`    curl -s -H "Authorization: Bearer $TOKEN" '${base}/api/v1/dossiers?sla=${w}'`);
  say(
    `  timings: total ${elapsed()}, intake ${fmt(rate(sent.sent, sent.elapsedMs))} events/s, ` +
      `application ${fmt(rate(appliedNow, applyMs))} events/s (${fmt(appliedNow)} events)`,
  );

  // 9. run until Ctrl-C (or stop now)
  if (opts.exit) {
    await stopAll('--exit');
    // Rejected events or events the worker never applied mean the replay went wrong: fail a smoke test.
    return sent.rejected > 0 || state.pending > 0 ? 2 : 0;
  }
  say(`\nAPI and worker keep running (logs in ${path.relative(ROOT, LOG_DIR)}/). Ctrl-C stops them.`);
  await new Promise(() => {});
  return 0;
}

main().then(
  (code) => process.exit(code),
  async (err) => {
    console.error(`\ndemo: ${err.message}`);
    await stopAll('error');
    process.exit(1);
  },
);
