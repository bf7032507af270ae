'use strict';
// A Redis logical database of the demo's own, claimed like the e2e harness does (test/support/harness.ts):
// SET motcua:e2e:redis-db:<n> NX in db 0, so tests and the demo never share (or flush) each other's queue.

const crypto = require('node:crypto');

const LOCK_PREFIX = 'motcua:e2e:redis-db:';
const LOCK_TTL_MS = 15 * 60_000;
const REFRESH_MS = 5 * 60_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function withRedisDb(url, db) {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

function connect(url) {
  const Redis = require('ioredis');
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  r.on('error', () => {});
  return r.connect().then(() => r);
}

/**
 * Claims a free logical db 1..15 (the demo prefers the high ones; tests start at random), flushes it (it may hold
 * completed jobs whose ids a fresh replay reuses), and keeps the claim alive until release().
 */
async function claimRedisDb(baseUrl, { waitMs = 120_000 } = {}) {
  const owner = `demo:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  const control = await connect(withRedisDb(baseUrl, 0));
  const deadline = Date.now() + waitMs;
  try {
    for (;;) {
      for (let db = 15; db >= 1; db--) {
        const ok = await control.set(`${LOCK_PREFIX}${db}`, owner, 'PX', LOCK_TTL_MS, 'NX');
        if (ok !== 'OK') continue;
        const url = withRedisDb(baseUrl, db);
        const scoped = await connect(url);
        const keys = await scoped.dbsize();
        await scoped.flushdb();
        await scoped.quit();
        const keeper = await connect(withRedisDb(baseUrl, 0));
        // Extend the claim only while it is still ours.
        const extend = () =>
          keeper
            .eval(
              "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end",
              1,
              `${LOCK_PREFIX}${db}`,
              owner,
              LOCK_TTL_MS,
            )
            .catch(() => 0);
        const timer = setInterval(extend, REFRESH_MS);
        timer.unref();
        const release = async () => {
          clearInterval(timer);
          await keeper
            .eval(
              "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
              1,
              `${LOCK_PREFIX}${db}`,
              owner,
            )
            .catch(() => 0);
          await keeper.quit().catch(() => {});
        };
        return { url, db, flushedKeys: keys, release };
      }
      if (Date.now() > deadline) throw new Error('no free Redis logical database (1..15): all claimed');
      await sleep(500);
    }
  } finally {
    await control.quit().catch(() => {});
  }
}

module.exports = { claimRedisDb, withRedisDb };
