'use strict';
// Makes sure PostgreSQL and Redis are reachable for tests and local runs.
// For each service the first path that works wins:
//   a. already reachable at DATABASE_URL / REDIS_URL (existing server),
//   b. `docker compose up -d <service>` when a Docker engine answers,
//   c. a private server from local binaries, with its files under ./.data.
// `node scripts/services.js` ensures both; `node scripts/services.js stop` stops only what path b/c started.

const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DATA_DIR = path.join(ROOT, '.data');
const STATE_FILE = path.join(DATA_DIR, 'services.json');
const LOCK_DIR = path.join(DATA_DIR, 'services.lock');
const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/motcua';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const PROBE_TIMEOUT_MS = 3000;
const START_TIMEOUT_MS = 60000;
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

// ---------------------------------------------------------------- URL helpers

/** Parses a postgres:// URL into its parts, with libpq-like defaults. */
function parsePostgresUrl(url) {
  const u = new URL(url);
  if (!/^postgres(ql)?:$/.test(u.protocol))
    throw new Error(`DATABASE_URL must start with postgres://, got ${url}`);
  return {
    host: stripBrackets(u.hostname) || '127.0.0.1',
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username) || 'postgres',
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
  };
}

/** Parses a redis:// URL into its parts. */
function parseRedisUrl(url) {
  const u = new URL(url);
  if (!/^rediss?:$/.test(u.protocol)) throw new Error(`REDIS_URL must start with redis://, got ${url}`);
  return {
    host: stripBrackets(u.hostname) || '127.0.0.1',
    port: Number(u.port || 6379),
    password: decodeURIComponent(u.password),
    db: Number(u.pathname.replace(/^\//, '') || 0),
  };
}

function stripBrackets(host) {
  return host.replace(/^\[(.*)\]$/, '$1');
}

/** Same URL with another database name (used to reach the maintenance db `postgres`). */
function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

function hostPort({ host, port }) {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function isLocalHost(host) {
  return LOCAL_HOSTS.has(host);
}

// ---------------------------------------------------------------- small utilities

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const rel = (p) => (p.startsWith(ROOT + path.sep) ? path.relative(ROOT, p) : p);

/** Runs a command synchronously without stdin (CI has none) and returns its code and output. */
function run(cmd, args, { timeout = 30000, env, asUser, echo = false } = {}) {
  // initdb/pg_ctl refuse to run as root, so they go through runuser.
  const [file, argv] = asUser ? ['runuser', ['-u', asUser, '--', cmd, ...args]] : [cmd, args];
  const res = childProcess.spawnSync(file, argv, {
    cwd: asUser ? '/' : ROOT, // the other user may not be allowed into the checkout
    env: env || process.env,
    encoding: 'utf8',
    timeout,
    stdio: ['ignore', echo ? 2 : 'pipe', echo ? 2 : 'pipe'], // echo: show progress (apt, docker) on stderr
  });
  const out = `${res.stdout || ''}${res.stderr || ''}`.trim();
  return { code: res.error ? -1 : res.status, out: res.error ? `${res.error.message}\n${out}` : out };
}

/** Full path of an executable found on PATH or in the extra directories, else null. */
function findExecutable(name, extraDirs = []) {
  const dirs = [...(process.env.PATH || '').split(path.delimiter), ...extraDirs].filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

async function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last.ok || last.fatal) return last;
    await sleep(500);
  }
  throw new Error(`${what} did not become reachable within ${timeoutMs / 1000}s (${last && last.error})`);
}

function tail(file, lines = 15) {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** True while pid runs; a zombie (exited, not yet reaped by its parent) counts as gone. */
function pidAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return err.code === 'EPERM';
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (macOS): kill(0) is all we can tell
  }
}

// ---------------------------------------------------------------- state and lock

function readState() {
  try {
    return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
  } catch {
    return { started: {} };
  }
}

function writeState(state) {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);
}

/** Serialises concurrent `npm test` runs in one checkout so they don't both start servers. */
async function withLock(fn) {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const deadline = Date.now() + 3 * START_TIMEOUT_MS;
  for (;;) {
    try {
      fs.mkdirSync(LOCK_DIR);
      fs.writeFileSync(path.join(LOCK_DIR, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const owner = readPid(path.join(LOCK_DIR, 'pid'));
      // A lock left by a dead process (or one still being written) is taken over after a grace period.
      if (owner && !pidAlive(owner)) fs.rmSync(LOCK_DIR, { recursive: true, force: true });
      else if (Date.now() > deadline)
        throw new Error(`${rel(LOCK_DIR)} is held by pid ${owner}; remove it if stale`);
      else await sleep(owner ? 500 : 1000);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- probes

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P03', // the server is starting up or shutting down
]);

/**
 * Connects and runs a real query. Result: {ok} | {ok, missingDb} (server is up, database absent)
 * | {error} (nothing usable answered; try another path) | {fatal} (a server answered but refused us).
 */
async function probePostgres(url) {
  const { Client } = require('pg');
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    query_timeout: PROBE_TIMEOUT_MS,
  });
  client.on('error', () => {}); // late socket errors must not crash the process
  try {
    await client.connect();
    const { rows } = await client.query('SELECT current_setting($1) AS version', ['server_version']);
    return { ok: true, version: rows[0].version };
  } catch (err) {
    if (err.code === '3D000') return { ok: true, missingDb: true };
    if (UNREACHABLE_CODES.has(err.code) || /timeout|terminated|ECONNREFUSED/i.test(err.message)) {
      return { ok: false, error: err.code || err.message };
    }
    return { ok: false, fatal: `${err.message}${err.code ? ` (${err.code})` : ''}` };
  } finally {
    await client.end().catch(() => {});
  }
}

/** Same contract as probePostgres, with PING. */
async function probeRedis(url) {
  const Redis = require('ioredis');
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    commandTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null, // one attempt only: we are probing, not keeping a connection
  });
  let lastError; // ioredis reports the socket error (e.g. ECONNREFUSED) only as an event
  client.on('error', (err) => (lastError = err));
  try {
    await client.connect();
    const pong = await client.ping();
    return pong === 'PONG' ? { ok: true } : { ok: false, fatal: `unexpected PING reply ${pong}` };
  } catch (err) {
    if (/NOAUTH|WRONGPASS|invalid password|ERR AUTH/i.test(err.message))
      return { ok: false, fatal: err.message };
    return { ok: false, error: (lastError && lastError.code) || err.code || err.message };
  } finally {
    client.disconnect();
  }
}

// ---------------------------------------------------------------- path b: docker compose

let composeCommand;
/**
 * The compose command when a Docker engine answers (`docker compose`, else the older `docker-compose`),
 * or null: on some machines only the docker client exists and `docker info` fails.
 */
function dockerCompose() {
  if (composeCommand === undefined) {
    composeCommand = null;
    if (fs.existsSync(COMPOSE_FILE) && run('docker', ['info'], { timeout: 10000 }).code === 0) {
      if (run('docker', ['compose', 'version'], { timeout: 10000 }).code === 0)
        composeCommand = ['docker', 'compose'];
      else if (run('docker-compose', ['version'], { timeout: 10000 }).code === 0)
        composeCommand = ['docker-compose'];
    }
  }
  return composeCommand;
}

function runCompose(args, options) {
  const [cmd, ...pre] = dockerCompose();
  return run(cmd, [...pre, '-f', COMPOSE_FILE, ...args], options);
}

function composeUp(service, portEnv, port, log) {
  log(`${service}: starting with docker compose on port ${port}`);
  // Only the missing service is started, so a host server already on the other port is not clashed with.
  const res = runCompose(['up', '-d', service], {
    timeout: 10 * 60000,
    env: { ...process.env, [portEnv]: String(port) },
    echo: true,
  });
  if (res.code !== 0) throw new Error(`docker compose up -d ${service} failed (exit ${res.code})`);
}

// ---------------------------------------------------------------- path c: local binaries

/** apt-get installs missing packages when we are root on Debian/Ubuntu; otherwise tells the user what to do. */
function installPackages(packages, what, log) {
  if (!isRoot() || !findExecutable('apt-get')) {
    throw new Error(
      `${what} is not reachable and no ${what} binaries were found. Install them ` +
        `(Debian/Ubuntu: sudo apt-get install ${packages.join(' ')}; macOS: brew install ${packages.includes('redis-server') ? 'redis' : 'postgresql@16'}), ` +
        'start Docker so docker-compose.yml can be used, or point the URL at a running server.',
    );
  }
  log(`${what}: binaries missing, installing ${packages.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...packages]]) {
    const res = run('apt-get', args, { timeout: 15 * 60000, env, echo: true });
    if (res.code !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${res.code})`);
  }
}

/** Directory holding initdb and pg_ctl; prefers the version an existing data dir was made with. */
function findPostgresBin(wantedMajor) {
  const has = (dir) => ['initdb', 'pg_ctl'].every((b) => fs.existsSync(path.join(dir, b)));
  const debianDirs = (() => {
    try {
      return fs
        .readdirSync('/usr/lib/postgresql')
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => `/usr/lib/postgresql/${v}/bin`);
    } catch {
      return [];
    }
  })();
  const preferred = wantedMajor ? [`/usr/lib/postgresql/${wantedMajor}/bin`] : [];
  const onPath = (process.env.PATH || '').split(path.delimiter).filter(Boolean);
  for (const dir of [...preferred, ...onPath, ...debianDirs, '/usr/local/pgsql/bin']) {
    if (!has(dir)) continue;
    const major = (run(path.join(dir, 'pg_ctl'), ['--version']).out.match(/(\d+)/) || [])[1];
    if (!wantedMajor || major === wantedMajor) return { dir, major };
  }
  return null;
}

/** Where the private PostgreSQL keeps its files: .data, or a temp dir when the postgres user cannot reach .data. */
function postgresLayout(port, runAs) {
  const inTree = {
    dataDir: path.join(DATA_DIR, 'pg'),
    socketDir: path.join(DATA_DIR, 'pg-socket'),
    logFile: path.join(DATA_DIR, 'pg.log'),
  };
  const tmpBase = path.join(
    os.tmpdir(),
    `motcua-${crypto.createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}`,
  );
  let layout = inTree;
  if (runAs) fs.chmodSync(DATA_DIR, 0o755);
  // As root, files are written by `postgres`, which cannot enter e.g. a clone under /root (mode 700).
  if (runAs && run('test', ['-x', DATA_DIR], { asUser: runAs }).code !== 0) {
    layout = {
      dataDir: path.join(tmpBase, 'pg'),
      socketDir: path.join(tmpBase, 'pg-socket'),
      logFile: path.join(tmpBase, 'pg.log'),
    };
  }
  // Unix socket paths are limited to ~107 bytes; a deep checkout would overflow it.
  if (`${layout.socketDir}/.s.PGSQL.${port}`.length > 100) layout.socketDir = path.join(tmpBase, 'pg-socket');
  return layout;
}

async function startLocalPostgres(cfg, state, log) {
  const runAs = isRoot() ? 'postgres' : undefined;
  let layout = postgresLayout(cfg.port, runAs);
  const previous = state.started.postgres;
  // Reuse the data dir recorded last time (it may live in the temp fallback).
  if (previous && previous.path === 'local' && fs.existsSync(path.join(previous.dataDir, 'PG_VERSION'))) {
    layout = { ...layout, dataDir: previous.dataDir, logFile: previous.logFile };
  }
  const versionFile = path.join(layout.dataDir, 'PG_VERSION');
  const existingMajor = fs.existsSync(versionFile) ? fs.readFileSync(versionFile, 'utf8').trim() : undefined;

  let bin = findPostgresBin(existingMajor);
  if (!bin && !existingMajor) {
    installPackages(['postgresql'], 'PostgreSQL', log);
    // Debian's package may have started its own cluster on this very port.
    if ((await probePostgres(cfg.url)).ok)
      return { path: 'existing', note: 'server started by the postgresql package' };
    bin = findPostgresBin();
  }
  if (!bin) {
    throw new Error(
      existingMajor
        ? `${rel(layout.dataDir)} was made by PostgreSQL ${existingMajor}, whose binaries are missing; ` +
            `install them or delete ${rel(layout.dataDir)} to start afresh`
        : 'PostgreSQL binaries (initdb, pg_ctl) not found even after installing',
    );
  }
  if (runAs && run('id', ['-u', runAs]).code !== 0) {
    throw new Error(
      `running as root, but there is no '${runAs}' user to run initdb/pg_ctl as; create it or run as a normal user`,
    );
  }

  // Parents (.data or our temp dir) stay traversable for the postgres user; the leaves are private.
  for (const p of [layout.dataDir, layout.socketDir, layout.logFile]) {
    fs.mkdirSync(path.dirname(p), { recursive: true, mode: 0o755 });
  }
  for (const dir of [layout.dataDir, layout.socketDir]) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.appendFileSync(layout.logFile, '');
  if (runAs) {
    // pg_ctl (as postgres) writes the data dir, the socket and the log; it must own all three.
    for (const p of [layout.dataDir, layout.socketDir, layout.logFile]) run('chown', ['-R', `${runAs}:`, p]);
  }
  const pgCtl = path.join(bin.dir, 'pg_ctl');

  if (!existingMajor) {
    log(
      `PostgreSQL: initdb ${rel(layout.dataDir)} (PostgreSQL ${bin.major}, trust auth, superuser ${cfg.user})`,
    );
    const init = run(
      path.join(bin.dir, 'initdb'),
      ['-D', layout.dataDir, '-A', 'trust', '-U', cfg.user, '-E', 'UTF8', '--locale=C'],
      { asUser: runAs, timeout: 120000 },
    );
    if (init.code !== 0) throw new Error(`initdb failed:\n${init.out}`);
  }
  // A server from this data dir that we could not reach must be listening on another port: restart it.
  if (run(pgCtl, ['-D', layout.dataDir, 'status'], { asUser: runAs }).code === 0) {
    log(`PostgreSQL: restarting the server in ${rel(layout.dataDir)} on port ${cfg.port}`);
    run(pgCtl, ['-D', layout.dataDir, 'stop', '-m', 'fast', '-w'], { asUser: runAs, timeout: 60000 });
  }
  const listen = cfg.host === '::1' ? '::1' : '127.0.0.1';
  const start = run(
    pgCtl,
    [
      '-D',
      layout.dataDir,
      '-o',
      `-p ${cfg.port} -k '${layout.socketDir}' -c listen_addresses=${listen}`,
      '-l',
      layout.logFile,
      '-w',
      '-t',
      String(START_TIMEOUT_MS / 1000),
      'start',
    ],
    { asUser: runAs, timeout: START_TIMEOUT_MS + 10000 },
  );
  if (start.code !== 0) {
    throw new Error(`pg_ctl start failed:\n${start.out}\n--- ${layout.logFile} ---\n${tail(layout.logFile)}`);
  }
  state.started.postgres = { path: 'local', host: cfg.host, port: cfg.port, bin: bin.dir, runAs, ...layout };
  writeState(state);
  return { path: 'local', note: `local server under ${rel(layout.dataDir)}, started now` };
}

/** True when pid is a running redis-server (guards against a recycled pid). */
function isRedisProcess(pid) {
  if (!pid || !pidAlive(pid)) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server');
  } catch {
    return run('ps', ['-o', 'command=', '-p', String(pid)]).out.includes('redis-server');
  }
}

function readPid(file) {
  try {
    return Number(fs.readFileSync(file, 'utf8').trim()) || 0;
  } catch {
    return 0;
  }
}

async function stopPid(pid, timeoutMs = 15000) {
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (pidAlive(pid) && Date.now() < deadline) await sleep(200);
  return !pidAlive(pid);
}

async function startLocalRedis(cfg, state, log) {
  let bin = findExecutable('redis-server', ['/usr/bin', '/usr/local/bin', '/usr/sbin', '/opt/homebrew/bin']);
  if (!bin) {
    installPackages(['redis-server'], 'Redis', log);
    if ((await probeRedis(cfg.url)).ok)
      return { path: 'existing', note: 'server started by the redis-server package' };
    bin = findExecutable('redis-server', ['/usr/bin']);
    if (!bin) throw new Error('redis-server not found even after installing');
  }
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const pidFile = path.join(DATA_DIR, 'redis.pid');
  const logFile = path.join(DATA_DIR, 'redis.log');
  // Our earlier Redis that we could not reach on this port is listening elsewhere: replace it.
  const oldPid = readPid(pidFile);
  if (isRedisProcess(oldPid)) {
    log(`Redis: stopping the earlier .data Redis (pid ${oldPid}) to restart it on port ${cfg.port}`);
    await stopPid(oldPid);
  }
  fs.rmSync(pidFile, { force: true });
  const args = [
    '--daemonize',
    'yes',
    '--port',
    String(cfg.port),
    '--bind',
    cfg.host === '::1' ? '::1' : '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--maxmemory-policy',
    'noeviction', // BullMQ requires that keys are never evicted
    '--dir',
    DATA_DIR,
    '--pidfile',
    pidFile,
    '--logfile',
    logFile,
  ];
  if (cfg.password) args.push('--requirepass', cfg.password);
  const res = run(bin, args);
  if (res.code !== 0) throw new Error(`redis-server failed to start:\n${res.out}\n${tail(logFile)}`);
  const probe = await waitFor(() => probeRedis(cfg.url), START_TIMEOUT_MS, 'Redis').catch((err) => {
    throw new Error(`${err.message}\n--- ${logFile} ---\n${tail(logFile)}`);
  });
  if (probe.fatal) throw new Error(`Redis started but refused us: ${probe.fatal}`);
  state.started.redis = { path: 'local', host: cfg.host, port: cfg.port, bin, pidFile, logFile };
  writeState(state);
  return { path: 'local', note: 'local server under .data, started now' };
}

// ---------------------------------------------------------------- per service

/** Describes an already reachable server, recognising one that an earlier run of ours started. */
function describeReachable(name, cfg, state) {
  const mine = state.started[name];
  if (mine && mine.host === cfg.host && mine.port === cfg.port) {
    const alive =
      mine.path === 'docker' ||
      (name === 'postgres' &&
        run(path.join(mine.bin, 'pg_ctl'), ['-D', mine.dataDir, 'status'], { asUser: mine.runAs }).code ===
          0) ||
      (name === 'redis' && isRedisProcess(readPid(mine.pidFile)));
    if (alive)
      return {
        path: mine.path,
        note: `${mine.path === 'docker' ? 'docker compose' : 'local server under .data'}, started earlier`,
      };
  }
  return { path: 'existing', note: 'existing server' };
}

async function ensurePostgres(url, state, log) {
  const cfg = { ...parsePostgresUrl(url), url };
  let probe = await probePostgres(url);
  let how;
  if (probe.ok) {
    how = describeReachable('postgres', cfg, state);
  } else if (probe.fatal) {
    throw new Error(
      `PostgreSQL at ${hostPort(cfg)} answered but refused the connection: ${probe.fatal}. Check DATABASE_URL.`,
    );
  } else if (!isLocalHost(cfg.host)) {
    throw new Error(
      `PostgreSQL at ${hostPort(cfg)} is unreachable (${probe.error}); it is not local, so nothing is started for it.`,
    );
  } else if (dockerCompose()) {
    composeUp('postgres', 'MOTCUA_PG_PORT', cfg.port, log);
    state.started.postgres = { path: 'docker', host: cfg.host, port: cfg.port };
    writeState(state);
    how = { path: 'docker', note: 'docker compose, started now' };
  } else {
    log(
      `PostgreSQL: nothing at ${hostPort(cfg)} (${probe.error}) and no Docker engine; using local binaries`,
    );
    how = await startLocalPostgres(cfg, state, log);
  }
  probe = await waitFor(() => probePostgres(url), START_TIMEOUT_MS, `PostgreSQL at ${hostPort(cfg)}`);
  if (probe.fatal) throw new Error(`PostgreSQL at ${hostPort(cfg)} refused the connection: ${probe.fatal}`);
  const dbNote = probe.missingDb
    ? await createDatabase(url, cfg.database)
    : `database "${cfg.database}" exists`;
  return {
    ...how,
    host: cfg.host,
    port: cfg.port,
    line: `PostgreSQL: reachable at ${hostPort(cfg)} (${how.note}); ${dbNote}`,
  };
}

/** CREATE DATABASE through the maintenance db `postgres`; a concurrent creator winning the race is fine. */
async function createDatabase(url, database) {
  const { Client } = require('pg');
  const client = new Client({
    connectionString: withDatabase(url, 'postgres'),
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
    return `database "${database}" created`;
  } catch (err) {
    if (err.code === '42P04' || err.code === '23505') return `database "${database}" exists`;
    throw new Error(`could not create database "${database}": ${err.message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

async function ensureRedis(url, state, log) {
  const cfg = { ...parseRedisUrl(url), url };
  let probe = await probeRedis(url);
  let how;
  if (probe.ok) {
    how = describeReachable('redis', cfg, state);
  } else if (probe.fatal) {
    throw new Error(`Redis at ${hostPort(cfg)} answered but refused us: ${probe.fatal}. Check REDIS_URL.`);
  } else if (!isLocalHost(cfg.host)) {
    throw new Error(
      `Redis at ${hostPort(cfg)} is unreachable (${probe.error}); it is not local, so nothing is started for it.`,
    );
  } else if (dockerCompose()) {
    composeUp('redis', 'MOTCUA_REDIS_PORT', cfg.port, log);
    state.started.redis = { path: 'docker', host: cfg.host, port: cfg.port };
    writeState(state);
    how = { path: 'docker', note: 'docker compose, started now' };
  } else {
    log(`Redis: nothing at ${hostPort(cfg)} (${probe.error}) and no Docker engine; using local binaries`);
    how = await startLocalRedis(cfg, state, log);
  }
  probe = await waitFor(() => probeRedis(url), START_TIMEOUT_MS, `Redis at ${hostPort(cfg)}`);
  if (probe.fatal) throw new Error(`Redis at ${hostPort(cfg)} refused us: ${probe.fatal}`);
  const policy = await ensureNoEviction(url);
  return {
    ...how,
    host: cfg.host,
    port: cfg.port,
    line: `Redis: reachable at ${hostPort(cfg)} (${how.note}); ${policy}`,
  };
}

/** BullMQ loses jobs if Redis evicts keys; set noeviction where allowed, only write when it differs. */
async function ensureNoEviction(url) {
  const Redis = require('ioredis');
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    const [, policy] = await client.config('GET', 'maxmemory-policy');
    if (policy === 'noeviction') return 'maxmemory-policy noeviction';
    await client.config('SET', 'maxmemory-policy', 'noeviction');
    return `maxmemory-policy changed from ${policy} to noeviction`;
  } catch (err) {
    return `WARNING: could not check/set maxmemory-policy noeviction (${err.message}); BullMQ needs it`;
  } finally {
    client.disconnect();
  }
}

// ---------------------------------------------------------------- public API

/**
 * Makes PostgreSQL and Redis reachable and returns
 * { databaseUrl, redisUrl, postgres: {path, line, ...}, redis: {...}, summary: [lines] }.
 * path is 'existing' | 'docker' | 'local'.
 */
async function ensureServices({ log = () => {} } = {}) {
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  return withLock(async () => {
    const state = readState();
    state.started = state.started || {};
    const postgres = await ensurePostgres(databaseUrl, state, log);
    const redis = await ensureRedis(redisUrl, state, log);
    state.last = {
      at: new Date().toISOString(),
      postgres: { path: postgres.path, host: postgres.host, port: postgres.port },
      redis: { path: redis.path, host: redis.host, port: redis.port },
    };
    writeState(state);
    return { databaseUrl, redisUrl, postgres, redis, summary: [postgres.line, redis.line] };
  });
}

/** Stops only the servers recorded in .data/services.json as started by us; never a system server. */
async function stopServices({ log = () => {} } = {}) {
  if (!fs.existsSync(STATE_FILE)) return ['nothing to stop (no .data/services.json)'];
  return withLock(async () => {
    const state = readState();
    const started = state.started || {};
    const lines = [];
    const pg = started.postgres;
    if (pg && pg.path === 'local') {
      const pgCtl = path.join(pg.bin, 'pg_ctl');
      if (run(pgCtl, ['-D', pg.dataDir, 'status'], { asUser: pg.runAs }).code !== 0) {
        lines.push(`PostgreSQL: local server under ${rel(pg.dataDir)} was not running`);
      } else {
        const res = run(pgCtl, ['-D', pg.dataDir, 'stop', '-m', 'fast', '-w'], {
          asUser: pg.runAs,
          timeout: 90000,
        });
        if (res.code !== 0) throw new Error(`pg_ctl stop failed:\n${res.out}`);
        lines.push(`PostgreSQL: stopped local server under ${rel(pg.dataDir)} (port ${pg.port}); data kept`);
      }
    }
    const redis = started.redis;
    if (redis && redis.path === 'local') {
      const pid = readPid(redis.pidFile);
      if (!isRedisProcess(pid)) {
        lines.push('Redis: local server under .data was not running');
      } else if (await stopPid(pid)) {
        lines.push(`Redis: stopped local server (pid ${pid}, port ${redis.port})`);
      } else {
        throw new Error(`Redis pid ${pid} did not exit after SIGTERM`);
      }
    }
    const dockerServices = ['postgres', 'redis'].filter((s) => started[s] && started[s].path === 'docker');
    if (dockerServices.length > 0) {
      log(`docker compose stop ${dockerServices.join(' ')}`);
      if (!dockerCompose())
        throw new Error('docker compose services were started, but Docker is not answering now');
      const res = runCompose(['stop', ...dockerServices], {
        timeout: 120000,
        echo: true,
      });
      if (res.code !== 0) throw new Error(`docker compose stop failed (exit ${res.code})`);
      lines.push(`docker compose: stopped ${dockerServices.join(', ')} (volumes kept)`);
    }
    if (lines.length === 0) lines.push('nothing to stop: no server was started by scripts/services.js');
    state.started = {};
    writeState(state);
    return lines;
  });
}

module.exports = {
  ensureServices,
  stopServices,
  parsePostgresUrl,
  parseRedisUrl,
  withDatabase,
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
};

if (require.main === module) {
  const command = process.argv[2] || 'up';
  const log = (msg) => console.error(`[services] ${msg}`);
  const action =
    command === 'stop'
      ? stopServices({ log })
      : command === 'up'
        ? ensureServices({ log }).then((r) => r.summary)
        : Promise.reject(new Error(`unknown command "${command}" (use: node scripts/services.js [up|stop])`));
  action.then(
    (lines) => {
      for (const line of lines) console.log(line);
    },
    (err) => {
      console.error(`services: ${err.message}`);
      process.exitCode = 1;
    },
  );
}
