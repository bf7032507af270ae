import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether an Authorization header carries the metrics token (METRICS_TOKEN); with no token configured every
 * request may read the metrics. Compared as digests in constant time, so the answer's timing tells nothing.
 */
export function metricsTokenAccepted(authorization: string | undefined, token: string | null): boolean {
  if (token === null) return true;
  const m = /^Bearer (.+)$/.exec(authorization ?? '');
  if (!m) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(m[1]), digest(token));
}
