import type { ThrottlerStorage } from '@nestjs/throttler';
import { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS } from '@motcua/config';
import type { ForgetfulThrottlerStorage } from '@motcua/queue';
import { ApiError } from '../common/api-error';

/** 10 failed logins within 5 minutes, per username and per client address, block further attempts. */
export { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS };
/** The throttler name our records carry in the storage (no ThrottlerGuard uses it). */
const FAILURES = 'login-failures';

/** 429 with the seconds to wait, also as a `Retry-After` header. */
export class LoginRateLimited extends ApiError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'rate_limited', `Too many failed logins; retry in ${retryAfterSeconds} s`, [], {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}

const canForget = (s: ThrottlerStorage): s is ForgetfulThrottlerStorage =>
  typeof (s as Partial<ForgetfulThrottlerStorage>).forget === 'function';

/**
 * Failed-login limiter on @nestjs/throttler's storage: in the app, `RedisThrottlerStorage` of libs/queue, shared
 * by every API process on one Redis; in unit tests, the in-memory `ThrottlerStorageService`.
 *
 * The storage keeps, per key, the expiry of each recorded hit (a sliding window): a key is blocked while it
 * holds `maxFailures` failures younger than `windowMs`, until the oldest of them leaves the window. Time is
 * the storage's own (Redis' server time; `Date.now()` in memory): it cannot take the app's clock, so unit tests
 * move it with Jest's fake timers.
 *
 * The storage only offers `increment(key, ttl, limit, blockDuration, name)`:
 *  - a failure is `increment(key, window, maxFailures, 0)`: recorded while the key is under the limit;
 *  - a read is `increment(key, window, 0, 0)`: with limit 0 every call is over the limit, and the storage
 *    records no hit over the limit; it answers `totalHits` = recorded hits + 1 and `timeToBlockExpire` = the
 *    seconds until the oldest hit expires;
 *  - a success deletes the key where the storage can (`forget`, Redis); the in-memory storage has no delete, so
 *    the key moves to a new generation (`g<n>:user:x`), whose count starts at 0; the old generation's record
 *    expires with its hits and the storage sweeps it.
 */
export class LoginThrottle {
  /** Keys that saw a success → generation; only real users succeed, so this is bounded by the user count. */
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly storage: ThrottlerStorage,
    private readonly maxFailures = LOGIN_MAX_FAILURES,
    private readonly windowMs = LOGIN_WINDOW_MS,
  ) {}

  /** Seconds to wait before another attempt, or 0 when the caller may try. Records nothing. */
  async retryAfter(keys: string[]): Promise<number> {
    let wait = 0;
    for (const key of keys) {
      const r = await this.storage.increment(this.slot(key), this.windowMs, 0, 0, FAILURES);
      if (r.totalHits - 1 >= this.maxFailures) wait = Math.max(wait, Math.max(1, r.timeToBlockExpire));
    }
    return wait;
  }

  async fail(keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.storage.increment(this.slot(key), this.windowMs, this.maxFailures, 0, FAILURES);
    }
  }

  /** Forgets the keys' failures (the caller passes the username's key, not the address's). */
  async succeed(keys: string[]): Promise<void> {
    for (const key of keys) {
      if (canForget(this.storage)) await this.storage.forget(key, FAILURES);
      else this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    }
  }

  /** Keys start with `user:`/`ip:`, so a `g<n>:` prefix cannot collide with another key. */
  private slot(key: string): string {
    const g = this.generations.get(key);
    return g ? `g${g}:${key}` : key;
  }
}
