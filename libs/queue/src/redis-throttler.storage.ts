import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';
import { redisOptions } from './redis.options';

/** What `increment` answers (the package does not export the record's type from its entry point). */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** The injection token of the throttles' storage (the API's login and intake throttles). */
export const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');

/** A throttler storage that can also forget a key (a successful login clears the username's failures). */
export interface ForgetfulThrottlerStorage extends ThrottlerStorage {
  forget(key: string, throttlerName: string): Promise<void>;
}

/**
 * One hit, atomically, with the semantics of @nestjs/throttler's in-memory `ThrottlerStorageService` (6.x):
 * a sliding window of hits (a sorted set of their expiry instants), and, when `blockDuration` > 0, a block of that
 * length once the hits exceed the limit. Time is the Redis server's, so every API process shares one clock.
 *
 * KEYS: hits (zset), block (string with a TTL), window (string with a TTL, for timeToExpire)
 * ARGV: ttl ms, limit, blockDuration ms, a unique member
 * Returns {totalHits, timeToExpire s, isBlocked 0|1, timeToBlockExpire s}.
 */
const HIT_SCRIPT = `
local hits, block, win = KEYS[1], KEYS[2], KEYS[3]
local ttl, limit, blockMs, member = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', hits, '-inf', now)
redis.call('SET', win, '1', 'PX', ttl, 'NX')
local winMs = redis.call('PTTL', win)
if winMs < 0 then winMs = ttl end
local timeToExpire = math.ceil(winMs / 1000)
local function hit()
  redis.call('ZADD', hits, now + ttl, member)
  redis.call('PEXPIRE', hits, ttl)
end
if blockMs <= 0 then
  local count = redis.call('ZCARD', hits)
  local blocked = count >= limit
  if not blocked then
    hit()
    return {count + 1, timeToExpire, 0, 0}
  end
  local oldest = redis.call('ZRANGE', hits, 0, 0, 'WITHSCORES')
  local wait = timeToExpire
  if oldest[2] then wait = math.ceil((tonumber(oldest[2]) - now) / 1000) end
  return {count + 1, timeToExpire, 1, wait}
end
local blockLeft = redis.call('PTTL', block)
if blockLeft > 0 then
  return {redis.call('ZCARD', hits), timeToExpire, 1, math.ceil(blockLeft / 1000)}
end
hit()
local count = redis.call('ZCARD', hits)
if count > limit then
  redis.call('SET', block, '1', 'PX', blockMs)
  -- After the block the count starts again, as the in-memory storage resets it.
  redis.call('DEL', hits)
  return {count, timeToExpire, 1, math.ceil(blockMs / 1000)}
end
return {count, timeToExpire, 0, 0}
`;

type HitReply = [number, number, number, number];
type ScriptedRedis = Redis & {
  motcuaThrottleHit(
    hits: string,
    block: string,
    win: string,
    ttl: number,
    limit: number,
    blockMs: number,
    member: string,
  ): Promise<HitReply>;
};

/**
 * @nestjs/throttler's storage in Redis, so that every API process on one Redis shares the counters (the login
 * failures per username and per address, the intake requests per user). Keys live under `<prefix>:throttle:`.
 *
 * Redis away must not stop logins or intake (the outbox relay exists so that intake works without Redis): each
 * call that Redis cannot answer at once falls back to an in-memory storage of this process, with a warning, and
 * the next call tries Redis again. The connection fails fast (no offline queue).
 */
export class RedisThrottlerStorage implements ForgetfulThrottlerStorage, OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('throttle');
  private readonly redis: ScriptedRedis;
  private readonly fallback = new ThrottlerStorageService();
  private readonly fallbackForgotten = new Map<string, number>();
  private degraded = false;
  private sequence = 0;
  private closed = false;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.redis = new Redis({
      ...(redisOptions(url) as object),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      lazyConnect: true,
    }) as ScriptedRedis;
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('motcuaThrottleHit', { numberOfKeys: 3, lua: HIT_SCRIPT });
  }

  /** Connects before the app serves requests, so the first ones count in Redis; an unreachable Redis is not fatal. */
  async onModuleInit(): Promise<void> {
    if (this.redis.status !== 'wait') return;
    await this.redis.connect().catch((err: unknown) => this.warn(err));
  }

  onModuleDestroy(): void {
    if (this.closed) return;
    this.closed = true;
    this.redis.disconnect();
    this.fallback.onApplicationShutdown();
  }

  private key(name: string, key: string, part: string): string {
    return `${this.prefix}:throttle:${name}:${key}:${part}`;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      const member = `${process.pid}:${Date.now()}:${++this.sequence}`;
      const [totalHits, timeToExpire, isBlocked, timeToBlockExpire] = await this.redis.motcuaThrottleHit(
        this.key(throttlerName, key, 'hits'),
        this.key(throttlerName, key, 'block'),
        this.key(throttlerName, key, 'window'),
        ttl,
        limit,
        blockDuration,
        member,
      );
      this.recovered();
      return { totalHits, timeToExpire, isBlocked: isBlocked === 1, timeToBlockExpire };
    } catch (err) {
      this.warn(err);
      return this.fallback.increment(this.fallbackKey(key), ttl, limit, blockDuration, throttlerName);
    }
  }

  async forget(key: string, throttlerName: string): Promise<void> {
    // The in-memory fallback has no delete: its key moves to a new generation, whose count starts at 0.
    this.fallbackForgotten.set(key, (this.fallbackForgotten.get(key) ?? 0) + 1);
    try {
      await this.redis.del(
        this.key(throttlerName, key, 'hits'),
        this.key(throttlerName, key, 'block'),
        this.key(throttlerName, key, 'window'),
      );
      this.recovered();
    } catch (err) {
      this.warn(err);
    }
  }

  private fallbackKey(key: string): string {
    const generation = this.fallbackForgotten.get(key);
    return generation ? `g${generation}:${key}` : key;
  }

  private warn(err: unknown): void {
    if (this.degraded) return;
    this.degraded = true;
    const why = err instanceof Error ? err.message : String(err);
    this.log.warn(`Redis does not answer (${why}); rate limits count in this process only until it does`);
  }

  private recovered(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.log.log('Redis answers again; rate limits are shared again');
  }
}
