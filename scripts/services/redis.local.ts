// Path c for Redis: a private `redis-server --daemonize yes` with its pid, log and dir under .data.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { errorMessage } from '../support/errors';
import { DATA_DIR } from '../support/paths';
import { installPackages } from './apt.install';
import type { StartOutcome } from './postgres.local';
import type { RedisConfig } from './service-url';
import { probeRedis } from './service.probes';
import { START_TIMEOUT_MS, type ServicesState, type StartedLocalRedis, writeState } from './services.state';
import { findExecutable, pidAlive, readPid, run, stopPid, tail, waitFor } from './system.util';

/** True when pid is a running redis-server (guards against a recycled pid). */
export async function isRedisProcess(pid: number): Promise<boolean> {
  if (!pid || !pidAlive(pid)) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server');
  } catch {
    return (await run('ps', ['-o', 'command=', '-p', String(pid)])).out.includes('redis-server');
  }
}

/** Starts the private Redis on the URL's port (replacing an earlier one of ours) and records it in the state. */
export async function startLocalRedis(
  cfg: RedisConfig,
  state: ServicesState,
  log: (msg: string) => void,
): Promise<StartOutcome> {
  let bin = findExecutable('redis-server', ['/usr/bin', '/usr/local/bin', '/usr/sbin', '/opt/homebrew/bin']);
  if (!bin) {
    await installPackages(['redis-server'], 'Redis', log);
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
  if (await isRedisProcess(oldPid)) {
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
  const res = await run(bin, args);
  if (res.code !== 0) throw new Error(`redis-server failed to start:\n${res.out}\n${tail(logFile)}`);
  const probe = await waitFor(() => probeRedis(cfg.url), START_TIMEOUT_MS, 'Redis').catch((err: unknown) => {
    throw new Error(`${errorMessage(err)}\n--- ${logFile} ---\n${tail(logFile)}`);
  });
  if (probe.fatal !== undefined) throw new Error(`Redis started but refused us: ${probe.fatal}`);
  state.started.redis = { path: 'local', host: cfg.host, port: cfg.port, bin, pidFile, logFile };
  writeState(state);
  return { path: 'local', note: 'local server under .data, started now' };
}

/** Stops a Redis we started (SIGTERM to its recorded pid); the line to print. */
export async function stopLocalRedis(redis: StartedLocalRedis): Promise<string> {
  const pid = readPid(redis.pidFile);
  if (!(await isRedisProcess(pid))) return 'Redis: local server under .data was not running';
  if (await stopPid(pid)) return `Redis: stopped local server (pid ${pid}, port ${redis.port})`;
  throw new Error(`Redis pid ${pid} did not exit after SIGTERM`);
}
