import type { ConnectionOptions } from 'bullmq';

/** Connection options from a redis:// URL, with overrides (e.g. fail-fast for the API, blocking-safe for workers). */
export function redisOptions(
  url: string,
  extra: Record<string, unknown> = {},
): ConnectionOptions & Record<string, unknown> {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    ...extra,
  };
}
