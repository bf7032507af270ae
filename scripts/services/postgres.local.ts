// Path c for PostgreSQL: a private cluster from local binaries (initdb + pg_ctl), its files under .data/pg.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DATA_DIR, ROOT, rel } from '../support/paths';
import { installPackages } from './apt.install';
import type { PostgresConfig } from './service-url';
import { probePostgres } from './service.probes';
import {
  START_TIMEOUT_MS,
  type ServicesState,
  type StartedLocalPostgres,
  writeState,
} from './services.state';
import { isRoot, run, tail } from './system.util';

export interface StartOutcome {
  path: 'existing' | 'local';
  note: string;
}

interface PostgresBin {
  dir: string;
  major: string | undefined;
}

interface Layout {
  dataDir: string;
  socketDir: string;
  logFile: string;
}

/** Directory holding initdb and pg_ctl; prefers the version an existing data dir was made with. */
export async function findPostgresBin(wantedMajor?: string): Promise<PostgresBin | null> {
  const has = (dir: string): boolean => ['initdb', 'pg_ctl'].every((b) => fs.existsSync(path.join(dir, b)));
  let debianDirs: string[] = [];
  try {
    debianDirs = fs
      .readdirSync('/usr/lib/postgresql')
      .sort((a, b) => Number(b) - Number(a))
      .map((v) => `/usr/lib/postgresql/${v}/bin`);
  } catch {
    // not Debian's layout
  }
  const preferred = wantedMajor ? [`/usr/lib/postgresql/${wantedMajor}/bin`] : [];
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const dir of [...preferred, ...onPath, ...debianDirs, '/usr/local/pgsql/bin']) {
    if (!has(dir)) continue;
    const major = /(\d+)/.exec((await run(path.join(dir, 'pg_ctl'), ['--version'])).out)?.[1];
    if (!wantedMajor || major === wantedMajor) return { dir, major };
  }
  return null;
}

/** Where the private PostgreSQL keeps its files: .data, or a temp dir when the postgres user cannot reach .data. */
async function postgresLayout(port: number, runAs: string | undefined): Promise<Layout> {
  const tmpBase = path.join(
    os.tmpdir(),
    `motcua-${createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}`,
  );
  let layout: Layout = {
    dataDir: path.join(DATA_DIR, 'pg'),
    socketDir: path.join(DATA_DIR, 'pg-socket'),
    logFile: path.join(DATA_DIR, 'pg.log'),
  };
  if (runAs) fs.chmodSync(DATA_DIR, 0o755);
  // As root, files are written by `postgres`, which cannot enter e.g. a clone under /root (mode 700).
  if (runAs && (await run('test', ['-x', DATA_DIR], { asUser: runAs })).code !== 0) {
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

/** Initialises (first time) and starts the private cluster on the URL's port, and records it in the state. */
export async function startLocalPostgres(
  cfg: PostgresConfig,
  state: ServicesState,
  log: (msg: string) => void,
): Promise<StartOutcome> {
  const runAs = isRoot() ? 'postgres' : undefined;
  let layout = await postgresLayout(cfg.port, runAs);
  const previous = state.started.postgres;
  // Reuse the data dir recorded last time (it may live in the temp fallback).
  if (previous?.path === 'local' && fs.existsSync(path.join(previous.dataDir, 'PG_VERSION'))) {
    layout = { ...layout, dataDir: previous.dataDir, logFile: previous.logFile };
  }
  const versionFile = path.join(layout.dataDir, 'PG_VERSION');
  const existingMajor = fs.existsSync(versionFile) ? fs.readFileSync(versionFile, 'utf8').trim() : undefined;

  let bin = await findPostgresBin(existingMajor);
  if (!bin && !existingMajor) {
    await installPackages(['postgresql'], 'PostgreSQL', log);
    // Debian's package may have started its own cluster on this very port.
    if ((await probePostgres(cfg.url)).ok)
      return { path: 'existing', note: 'server started by the postgresql package' };
    bin = await findPostgresBin();
  }
  if (!bin) {
    throw new Error(
      existingMajor
        ? `${rel(layout.dataDir)} was made by PostgreSQL ${existingMajor}, whose binaries are missing; ` +
            `install them or delete ${rel(layout.dataDir)} to start afresh`
        : 'PostgreSQL binaries (initdb, pg_ctl) not found even after installing',
    );
  }
  if (runAs && (await run('id', ['-u', runAs])).code !== 0) {
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
    for (const p of [layout.dataDir, layout.socketDir, layout.logFile])
      await run('chown', ['-R', `${runAs}:`, p]);
  }
  const pgCtl = path.join(bin.dir, 'pg_ctl');

  if (!existingMajor) {
    log(
      `PostgreSQL: initdb ${rel(layout.dataDir)} (PostgreSQL ${bin.major}, trust auth, superuser ${cfg.user})`,
    );
    const init = await run(
      path.join(bin.dir, 'initdb'),
      ['-D', layout.dataDir, '-A', 'trust', '-U', cfg.user, '-E', 'UTF8', '--locale=C'],
      { asUser: runAs, timeout: 120000 },
    );
    if (init.code !== 0) throw new Error(`initdb failed:\n${init.out}`);
  }
  // A server from this data dir that we could not reach must be listening on another port: restart it.
  if ((await run(pgCtl, ['-D', layout.dataDir, 'status'], { asUser: runAs })).code === 0) {
    log(`PostgreSQL: restarting the server in ${rel(layout.dataDir)} on port ${cfg.port}`);
    await run(pgCtl, ['-D', layout.dataDir, 'stop', '-m', 'fast', '-w'], { asUser: runAs, timeout: 60000 });
  }
  const listen = cfg.host === '::1' ? '::1' : '127.0.0.1';
  const start = await run(
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

/** `pg_ctl status` of a cluster we started. */
export async function localPostgresRunning(pg: StartedLocalPostgres): Promise<boolean> {
  return (
    (await run(path.join(pg.bin, 'pg_ctl'), ['-D', pg.dataDir, 'status'], { asUser: pg.runAs })).code === 0
  );
}

/** Stops a cluster we started (fast shutdown; its data stays); the line to print. */
export async function stopLocalPostgres(pg: StartedLocalPostgres): Promise<string> {
  if (!(await localPostgresRunning(pg)))
    return `PostgreSQL: local server under ${rel(pg.dataDir)} was not running`;
  const res = await run(path.join(pg.bin, 'pg_ctl'), ['-D', pg.dataDir, 'stop', '-m', 'fast', '-w'], {
    asUser: pg.runAs,
    timeout: 90000,
  });
  if (res.code !== 0) throw new Error(`pg_ctl stop failed:\n${res.out}`);
  return `PostgreSQL: stopped local server under ${rel(pg.dataDir)} (port ${pg.port}); data kept`;
}
