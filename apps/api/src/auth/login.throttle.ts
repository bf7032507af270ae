/** Failed-login limiter per username and per client address: a fixed window, in memory (one API instance). */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; windowStart: number }>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 5 * 60_000,
  ) {}

  /** Seconds to wait before another attempt, or 0 when the caller may try. */
  retryAfter(keys: string[], now: number): number {
    let wait = 0;
    for (const key of keys) {
      const f = this.failures.get(key);
      if (!f) continue;
      if (now - f.windowStart >= this.windowMs) this.failures.delete(key);
      else if (f.count >= this.maxFailures)
        wait = Math.max(wait, Math.ceil((f.windowStart + this.windowMs - now) / 1000));
    }
    return wait;
  }

  fail(keys: string[], now: number): void {
    for (const key of keys) {
      const f = this.failures.get(key);
      if (!f || now - f.windowStart >= this.windowMs) this.failures.set(key, { count: 1, windowStart: now });
      else f.count += 1;
    }
    // Bound the memory a flood of random usernames can take.
    if (this.failures.size > 100_000) this.failures.clear();
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
