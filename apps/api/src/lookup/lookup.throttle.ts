import { Injectable } from '@nestjs/common';
import type { ThrottlerOptions } from '@nestjs/throttler';
import type { AppConfig } from '@motcua/config';
import type { Request } from 'express';
import { NamedThrottleGuard } from '../common/named-throttle.guard';

/** The throttler name of the public lookup (its counters in the storage are `lookup:ip:<address>`). */
export const LOOKUP_THROTTLER = 'lookup';

/** `rateLimits.lookupRequests` per client address per `lookupWindowMs` (LOOKUP_RATE_LIMIT a minute), sliding. */
export function lookupThrottler(config: Pick<AppConfig, 'rateLimits'>): ThrottlerOptions {
  return {
    name: LOOKUP_THROTTLER,
    limit: config.rateLimits.lookupRequests,
    ttl: config.rateLimits.lookupWindowMs,
    blockDuration: 0,
  };
}

/**
 * GET /tra-cuu throttled per client address (`req.ip`: TRUST_PROXY decides whose X-Forwarded-For counts), every
 * request alike — a right key, a wrong one or the blank form — so guessing keys costs the same as reading: 429
 * `rate_limited` with `Retry-After`. Only the lookup throttler of the module's list applies here.
 */
@Injectable()
export class LookupThrottleGuard extends NamedThrottleGuard {
  protected readonly throttlerName = LOOKUP_THROTTLER;
  protected readonly limited = 'lookups';

  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    return Promise.resolve(`ip:${(req as unknown as Request).ip ?? 'unknown'}`);
  }
}
