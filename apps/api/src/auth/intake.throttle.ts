import { Injectable } from '@nestjs/common';
import type { ThrottlerOptions } from '@nestjs/throttler';
import type { AppConfig } from '@motcua/config';
import type { AuthedRequest } from '../common/auth.guard';
import { NamedThrottleGuard } from '../common/named-throttle.guard';

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
export class IntakeThrottleGuard extends NamedThrottleGuard {
  protected readonly throttlerName = INTAKE_THROTTLER;
  protected readonly limited = 'event requests';

  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const { principal, ip } = req as unknown as AuthedRequest;
    return Promise.resolve(principal ? `user:${principal.username}` : `ip:${ip}`);
  }
}
