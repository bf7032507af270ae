// A Redis logical database (1..15) of one's own, claimed with SET motcua:e2e:redis-db:<n> <owner> NX in db 0, so
// test files, parallel test runs and the demo never share (or flush) each other's queue. The one implementation.
import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

export const REDIS_DB_LOCK_PREFIX = 'motcua:e2e:redis-db:';
const LOCK_TTL_MS = 15 * 60_000;
const REFRESH_MS = 5 * 60_000;
const DATABASES = 15;

const DELETE_IF_OURS =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const EXTEND_IF_OURS =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

export interface RedisDbClaimOptions {
  /** Stored in the claim key; release() only deletes a claim that still holds it. */
  owner: string;
  /** 'descending': 15 down to 1 (the demo keeps clear of the tests); 'random': start anywhere (test files). */
  order?: 'descending' | 'random';
  /** How long to wait for a free database before giving up. */
  waitMs?: number;
  /** Pause between two rounds over all databases. */
  pollMs?: number;
  /** Extends the claim's TTL while held, for claims that may outlive it (a demo left running). */
  keepAlive?: boolean;
  /** Flushes the database on release (while the claim is still ours), leaving it empty for the next owner. */
  flushOnRelease?: boolean;
}

export interface RedisDbClaim {
  url: string;
  db: number;
  /** Keys found (and flushed) when the database was claimed: left over by an earlier owner. */
  flushedKeys: number;
  release(): Promise<void>;
}

/** The same Redis URL pointing at logical database `db`. */
export function withRedisDb(url: string, db: number): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function connect(url: string): Promise<Redis> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  r.on('error', () => {}); // failures surface as rejected commands
  await r.connect();
  return r;
}

/** Claims a free logical database of the Redis at baseUrl, flushes it, and holds it until release(). */
export async function claimRedisDb(baseUrl: string, options: RedisDbClaimOptions): Promise<RedisDbClaim> {
  const { owner, order = 'descending', waitMs = 120_000, pollMs = 500, keepAlive = false } = options;
  const control = await connect(withRedisDb(baseUrl, 0));
  const deadline = Date.now() + waitMs;
  try {
    for (;;) {
      const start = order === 'random' ? randomInt(DATABASES) : 0;
      for (let k = 0; k < DATABASES; k++) {
        const db = order === 'random' ? ((start + k) % DATABASES) + 1 : DATABASES - k;
        const key = `${REDIS_DB_LOCK_PREFIX}${db}`;
        if ((await control.set(key, owner, 'PX', LOCK_TTL_MS, 'NX')) !== 'OK') continue;
        const url = withRedisDb(baseUrl, db);
        const scoped = await connect(url);
        const flushedKeys = await scoped.dbsize();
        await scoped.flushdb();
        await scoped.quit();
        return { url, db, flushedKeys, release: await holdClaim(baseUrl, url, key, options, keepAlive) };
      }
      if (Date.now() > deadline) throw new Error('no free Redis logical database (1..15): all claimed');
      await sleep(pollMs);
    }
  } finally {
    await control.quit().catch(() => {});
  }
}

/** Keeps the claim alive if asked and returns its release(); both act only while the claim is still ours. */
async function holdClaim(
  baseUrl: string,
  url: string,
  key: string,
  { owner, flushOnRelease = false }: RedisDbClaimOptions,
  keepAlive: boolean,
): Promise<() => Promise<void>> {
  const keeper = keepAlive ? await connect(withRedisDb(baseUrl, 0)) : null;
  const timer = keeper
    ? setInterval(
        () => void keeper.eval(EXTEND_IF_OURS, 1, key, owner, LOCK_TTL_MS).catch(() => 0),
        REFRESH_MS,
      )
    : null;
  timer?.unref();
  return async () => {
    if (timer) clearInterval(timer);
    const c = keeper ?? (await connect(withRedisDb(baseUrl, 0)));
    try {
      if (flushOnRelease && (await c.get(key)) === owner) {
        const mine = await connect(url);
        await mine.flushdb();
        await mine.quit();
      }
      await c.eval(DELETE_IF_OURS, 1, key, owner).catch(() => 0);
    } finally {
      await c.quit().catch(() => {});
    }
  };
}
