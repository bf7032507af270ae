// Per service, the first path that works wins: a server already answering, docker compose, local binaries in .data.
import * as fs from 'node:fs';
import { composeUp, dockerCompose, runCompose } from './docker.compose';
import { localPostgresRunning, startLocalPostgres, stopLocalPostgres } from './postgres.local';
import { isRedisProcess, startLocalRedis, stopLocalRedis } from './redis.local';
import {
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  type HostPort,
  hostPort,
  isLocalHost,
  parsePostgresUrl,
  parseRedisUrl,
} from './service-url';
import { createDatabase, ensureNoEviction, probePostgres, probeRedis } from './service.probes';
import {
  START_TIMEOUT_MS,
  STATE_FILE,
  type ServicePath,
  type ServicesState,
  readState,
  withLock,
  writeState,
} from './services.state';
import { readPid, waitFor } from './system.util';

type Log = (msg: string) => void;

interface How {
  path: ServicePath;
  note: string;
}

export interface EnsuredService extends How, HostPort {
  /** The line to print, e.g. `PostgreSQL: reachable at 127.0.0.1:5432 (existing server); database "motcua" exists`. */
  line: string;
}

export interface EnsuredServices {
  databaseUrl: string;
  redisUrl: string;
  postgres: EnsuredService;
  redis: EnsuredService;
  summary: string[];
}

/** True while a server that an earlier run of ours started is still the one running. */
async function stillOurs(name: 'postgres' | 'redis', state: ServicesState): Promise<boolean> {
  if (name === 'postgres') {
    const pg = state.started.postgres;
    return pg?.path === 'docker' || (pg?.path === 'local' && (await localPostgresRunning(pg)));
  }
  const redis = state.started.redis;
  return (
    redis?.path === 'docker' || (redis?.path === 'local' && (await isRedisProcess(readPid(redis.pidFile))))
  );
}

/** Describes an already reachable server, recognising one that an earlier run of ours started. */
async function describeReachable(
  name: 'postgres' | 'redis',
  cfg: HostPort,
  state: ServicesState,
): Promise<How> {
  const mine = state.started[name];
  if (mine && mine.host === cfg.host && mine.port === cfg.port && (await stillOurs(name, state))) {
    return {
      path: mine.path,
      note: `${mine.path === 'docker' ? 'docker compose' : 'local server under .data'}, started earlier`,
    };
  }
  return { path: 'existing', note: 'existing server' };
}

async function ensurePostgres(url: string, state: ServicesState, log: Log): Promise<EnsuredService> {
  const cfg = parsePostgresUrl(url);
  let probe = await probePostgres(url);
  let how: How;
  if (probe.ok) {
    how = await describeReachable('postgres', cfg, state);
  } else if (probe.fatal !== undefined) {
    throw new Error(
      `PostgreSQL at ${hostPort(cfg)} answered but refused the connection: ${probe.fatal}. Check DATABASE_URL.`,
    );
  } else if (!isLocalHost(cfg.host)) {
    throw new Error(
      `PostgreSQL at ${hostPort(cfg)} is unreachable (${probe.error}); it is not local, so nothing is started for it.`,
    );
  } else if (await dockerCompose()) {
    await composeUp('postgres', 'MOTCUA_PG_PORT', cfg.port, log);
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
  if (probe.fatal !== undefined)
    throw new Error(`PostgreSQL at ${hostPort(cfg)} refused the connection: ${probe.fatal}`);
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

async function ensureRedis(url: string, state: ServicesState, log: Log): Promise<EnsuredService> {
  const cfg = parseRedisUrl(url);
  let probe = await probeRedis(url);
  let how: How;
  if (probe.ok) {
    how = await describeReachable('redis', cfg, state);
  } else if (probe.fatal !== undefined) {
    throw new Error(`Redis at ${hostPort(cfg)} answered but refused us: ${probe.fatal}. Check REDIS_URL.`);
  } else if (!isLocalHost(cfg.host)) {
    throw new Error(
      `Redis at ${hostPort(cfg)} is unreachable (${probe.error}); it is not local, so nothing is started for it.`,
    );
  } else if (await dockerCompose()) {
    await composeUp('redis', 'MOTCUA_REDIS_PORT', cfg.port, log);
    state.started.redis = { path: 'docker', host: cfg.host, port: cfg.port };
    writeState(state);
    how = { path: 'docker', note: 'docker compose, started now' };
  } else {
    log(`Redis: nothing at ${hostPort(cfg)} (${probe.error}) and no Docker engine; using local binaries`);
    how = await startLocalRedis(cfg, state, log);
  }
  probe = await waitFor(() => probeRedis(url), START_TIMEOUT_MS, `Redis at ${hostPort(cfg)}`);
  if (probe.fatal !== undefined) throw new Error(`Redis at ${hostPort(cfg)} refused us: ${probe.fatal}`);
  const policy = await ensureNoEviction(url);
  return {
    ...how,
    host: cfg.host,
    port: cfg.port,
    line: `Redis: reachable at ${hostPort(cfg)} (${how.note}); ${policy}`,
  };
}

/** Makes PostgreSQL and Redis reachable; `summary` holds one line per service saying which path was taken. */
export async function ensureServices({ log = () => {} }: { log?: Log } = {}): Promise<EnsuredServices> {
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  return withLock(async () => {
    const state = readState();
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
export async function stopServices({ log = () => {} }: { log?: Log } = {}): Promise<string[]> {
  if (!fs.existsSync(STATE_FILE)) return ['nothing to stop (no .data/services.json)'];
  return withLock(async () => {
    const state = readState();
    const { postgres, redis } = state.started;
    const lines: string[] = [];
    if (postgres?.path === 'local') lines.push(await stopLocalPostgres(postgres));
    if (redis?.path === 'local') lines.push(await stopLocalRedis(redis));
    const dockerServices = (['postgres', 'redis'] as const).filter(
      (s) => state.started[s]?.path === 'docker',
    );
    if (dockerServices.length > 0) {
      log(`docker compose stop ${dockerServices.join(' ')}`);
      if (!(await dockerCompose()))
        throw new Error('docker compose services were started, but Docker is not answering now');
      const res = await runCompose(['stop', ...dockerServices], { timeout: 120000, echo: true });
      if (res.code !== 0) throw new Error(`docker compose stop failed (exit ${res.code})`);
      lines.push(`docker compose: stopped ${dockerServices.join(', ')} (volumes kept)`);
    }
    if (lines.length === 0) lines.push('nothing to stop: no server was started by scripts/services');
    state.started = {};
    writeState(state);
    return lines;
  });
}
