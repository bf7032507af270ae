import { type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerRequest } from '@nestjs/throttler';
import { ApiError } from './api-error';

/**
 * A guard for one of the throttlers the module lists (intake, lookup): it applies only its own, keys its counters
 * `<name>:<tracker>` in the shared storage, and answers 429 `rate_limited` with `Retry-After`.
 */
export abstract class NamedThrottleGuard extends ThrottlerGuard {
  /** The throttler this guard applies. */
  protected abstract readonly throttlerName: string;
  /** What the 429 says is limited, e.g. "event requests". */
  protected abstract readonly limited: string;

  protected override handleRequest(props: ThrottlerRequest): Promise<boolean> {
    if (props.throttler.name !== this.throttlerName) return Promise.resolve(true);
    return super.handleRequest(props);
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const wait = Math.max(1, detail.timeToBlockExpire);
    throw new ApiError(429, 'rate_limited', `Too many ${this.limited}; retry in ${wait} s`, [], {
      'Retry-After': String(wait),
    });
  }
}
