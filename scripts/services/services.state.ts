// .data/services.json (what we started, so `stop` never touches a system server) and the lock around it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { errorCode } from '../support/errors';
import { DATA_DIR, rel } from '../support/paths';
import { pidAlive, readPid } from './system.util';

export const STATE_FILE = path.join(DATA_DIR, 'services.json');
const LOCK_DIR = path.join(DATA_DIR, 'services.lock');
/** How long a start may take; the lock waits three times that for another run. */
export const START_TIMEOUT_MS = 60000;

const startedDocker = z.object({ path: z.literal('docker'), host: z.string(), port: z.number() });
const startedLocalPostgres = z.object({
  path: z.literal('local'),
  host: z.string(),
  port: z.number(),
  bin: z.string(),
  runAs: z.string().optional(),
  dataDir: z.string(),
  socketDir: z.string(),
  logFile: z.string(),
});
const startedLocalRedis = z.object({
  path: z.literal('local'),
  host: z.string(),
  port: z.number(),
  bin: z.string(),
  pidFile: z.string(),
  logFile: z.string(),
});
const lastPath = z.object({
  path: z.enum(['existing', 'docker', 'local']),
  host: z.string(),
  port: z.number(),
});
const stateSchema = z.object({
  started: z
    .object({
      postgres: z.union([startedDocker, startedLocalPostgres]).optional(),
      redis: z.union([startedDocker, startedLocalRedis]).optional(),
    })
    .default({}),
  last: z.object({ at: z.string(), postgres: lastPath, redis: lastPath }).optional(),
});

export type ServicePath = z.infer<typeof lastPath>['path'];
export type StartedLocalPostgres = z.infer<typeof startedLocalPostgres>;
export type StartedLocalRedis = z.infer<typeof startedLocalRedis>;
export type ServicesState = z.infer<typeof stateSchema>;

/** The recorded state; a missing or unreadable file means nothing was started. */
export function readState(): ServicesState {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')));
    return parsed.success ? parsed.data : { started: {} };
  } catch {
    return { started: {} };
  }
}

export function writeState(state: ServicesState): void {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);
}

/** Takes the lock directory (mkdir is atomic); false when another run holds it. */
function tryLock(): boolean {
  try {
    fs.mkdirSync(LOCK_DIR);
  } catch (err) {
    if (errorCode(err) === 'EEXIST') return false;
    throw err;
  }
  fs.writeFileSync(path.join(LOCK_DIR, 'pid'), String(process.pid));
  return true;
}

/** Serialises concurrent `npm test` runs in one checkout so they don't both start servers. */
export async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const deadline = Date.now() + 3 * START_TIMEOUT_MS;
  while (!tryLock()) {
    const owner = readPid(path.join(LOCK_DIR, 'pid'));
    // A lock left by a dead process (or one still being written) is taken over after a grace period.
    if (owner && !pidAlive(owner)) fs.rmSync(LOCK_DIR, { recursive: true, force: true });
    else if (Date.now() > deadline)
      throw new Error(`${rel(LOCK_DIR)} is held by pid ${owner}; remove it if stale`);
    else await sleep(owner ? 500 : 1000);
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}
