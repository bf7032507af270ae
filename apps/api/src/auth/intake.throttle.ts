import { type ExecutionContext, Injectable } from '@nestjs/common';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerOptions,
  type ThrottlerRequest,
} from '@nestjs/throttler';
import type { AppConfig } from '@motcua/config';
import { ApiError } from '../common/api-error';
import type { AuthedRequest } from '../common/auth.guard';

/** The throttler name of event intake (its counters in the storage are `intake:user:<username>`). */
export const INTAKE_THROTTLER = 'intake';

/** `rateLimits.intakeRequests` per user per `intakeWindowMs` (INTAKE_RATE_LIMIT per minute), a sliding window. */
export function intakeThrottler(config: Pick<AppConfig, 'rateLimits'>): ThrottlerOptions {
  return {
    name: INTAKE_THROTTLER,
    limit: config.rateLimits.intakeRequests,
    ttl: config.rateLimits.intakeWindowMs,
    // No extra block: a caller over the limit may send again as soon as its oldest request leaves the window.
    blockDuration: 0,
  };
}

/**
 * Event intake (POST /api/v1/events and /events/batch) throttled per user, both routes on one counter: 429
 * `rate_limited` with `Retry-After`. Runs after the global AuthGuard, so the caller is known.
 */
@Injectable()
export class IntakeThrottleGuard extends ThrottlerGuard {
  // The module lists every throttler (intake, lookup): this guard applies only its own.
  protected override handleRequest(props: ThrottlerRequest): Promise<boolean> {
    if (props.throttler.name !== INTAKE_THROTTLER) return Promise.resolve(true);
    return super.handleRequest(props);
  }

  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const { principal, ip } = req as unknown as AuthedRequest;
    return Promise.resolve(principal ? `user:${principal.username}` : `ip:${ip}`);
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const wait = Math.max(1, detail.timeToBlockExpire);
    throw new ApiError(429, 'rate_limited', `Too many event requests; retry in ${wait} s`, [], {
      'Retry-After': String(wait),
    });
  }
}
