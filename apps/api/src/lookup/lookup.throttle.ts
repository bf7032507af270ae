import { type ExecutionContext, Injectable } from '@nestjs/common';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerOptions,
  type ThrottlerRequest,
} from '@nestjs/throttler';
import type { AppConfig } from '@motcua/config';
import type { Request } from 'express';
import { ApiError } from '../common/api-error';

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
export class LookupThrottleGuard extends ThrottlerGuard {
  protected override handleRequest(props: ThrottlerRequest): Promise<boolean> {
    if (props.throttler.name !== LOOKUP_THROTTLER) return Promise.resolve(true);
    return super.handleRequest(props);
  }

  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    return Promise.resolve(`ip:${(req as unknown as Request).ip ?? 'unknown'}`);
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const wait = Math.max(1, detail.timeToBlockExpire);
    throw new ApiError(429, 'rate_limited', `Too many lookups; retry in ${wait} s`, [], {
      'Retry-After': String(wait),
    });
  }
}
