import cluster, { type Worker } from 'node:cluster';
import { Logger } from '@nestjs/common';

/** The IPC message a cluster primary sends its processes to shut down as on SIGTERM (see closeOnSignals). */
export const SHUTDOWN_MESSAGE = 'motcua:shutdown';

export interface ClusterOptions {
  /** How many processes; 1 runs `start` in this process, with no primary. */
  processes: number;
  name: string;
  /** Extra environment of each forked process (e.g. the one JWT secret they must share). */
  env?: NodeJS.ProcessEnv;
  /** A process that dies within this many ms of its fork counts as a failed start (default 10 s). */
  startWindowMs?: number;
  /** Failed starts in a row after which the primary gives up and exits 1 (default 3). */
  maxFailedStarts?: number;
}

/**
 * Several processes of one app sharing its port (node:cluster; the kernel hands connections round-robin through the
 * primary). The primary serves nothing: it forks, re-forks a process that dies unexpectedly, and on SIGTERM/SIGINT
 * asks each to shut down gracefully (an IPC message, so a Ctrl-C that also reaches them directly is not a second
 * signal), then exits 0 when all have, 1 when one did not stop cleanly.
 */
export function runClustered(options: ClusterOptions, start: () => void): void {
  if (options.processes <= 1 || !cluster.isPrimary) {
    start();
    return;
  }
  const log = new Logger(`${options.name}-primary`);
  const startWindowMs = options.startWindowMs ?? 10_000;
  const maxFailedStarts = options.maxFailedStarts ?? 3;
  const forkedAt = new Map<Worker, number>();
  let failedStarts = 0;
  let stopping = false;
  let unclean = false;

  const fork = () => forkedAt.set(cluster.fork(options.env ?? {}), Date.now());
  const stopAll = (reason: string) => {
    if (stopping) {
      log.error(`${reason} again: killing the ${forkedAt.size} remaining processes`);
      for (const w of forkedAt.keys()) w.process.kill('SIGKILL');
      process.exit(1);
    }
    stopping = true;
    log.log(`${reason}: asking ${forkedAt.size} processes to stop`);
    for (const w of forkedAt.keys()) if (w.isConnected()) w.send(SHUTDOWN_MESSAGE);
    if (forkedAt.size === 0) process.exit(unclean ? 1 : 0);
  };

  cluster.on('exit', (worker, code, signal) => {
    const born = forkedAt.get(worker) ?? 0;
    forkedAt.delete(worker);
    if (stopping) {
      if (code !== 0) unclean = true;
      if (forkedAt.size === 0) {
        log.log('every process stopped');
        process.exit(unclean ? 1 : 0);
      }
      return;
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    failedStarts = Date.now() - born < startWindowMs ? failedStarts + 1 : 0;
    if (failedStarts >= maxFailedStarts) {
      log.error(
        `process ${worker.process.pid} died (${how}); ${failedStarts} failed starts in a row: giving up`,
      );
      unclean = true;
      stopAll('failed starts');
      return;
    }
    log.warn(`process ${worker.process.pid} died (${how}); starting another`);
    fork();
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => stopAll(signal));
  log.log(`starting ${options.processes} processes`);
  for (let i = 0; i < options.processes; i++) fork();
}
