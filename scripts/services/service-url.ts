// DATABASE_URL / REDIS_URL: defaults, parsing with libpq-like defaults, and how they are shown in messages.

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/motcua';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

export interface HostPort {
  host: string;
  port: number;
}

export interface PostgresConfig extends HostPort {
  url: string;
  user: string;
  password: string;
  database: string;
}

export interface RedisConfig extends HostPort {
  url: string;
  password: string;
  db: number;
}

const stripBrackets = (host: string): string => host.replace(/^\[(.*)\]$/, '$1');

/** Parses a postgres:// URL into its parts, with libpq-like defaults. */
export function parsePostgresUrl(url: string): PostgresConfig {
  const u = new URL(url);
  if (!/^postgres(ql)?:$/.test(u.protocol))
    throw new Error(`DATABASE_URL must start with postgres://, got ${url}`);
  return {
    url,
    host: stripBrackets(u.hostname) || '127.0.0.1',
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username) || 'postgres',
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
  };
}

/** Parses a redis:// URL into its parts. */
export function parseRedisUrl(url: string): RedisConfig {
  const u = new URL(url);
  if (!/^rediss?:$/.test(u.protocol)) throw new Error(`REDIS_URL must start with redis://, got ${url}`);
  return {
    url,
    host: stripBrackets(u.hostname) || '127.0.0.1',
    port: Number(u.port || 6379),
    password: decodeURIComponent(u.password),
    db: Number(u.pathname.replace(/^\//, '') || 0),
  };
}

/** Same URL with another database name (used to reach the maintenance db `postgres`). */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export function hostPort({ host, port }: HostPort): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Only servers on this machine are ever started; a remote URL must already answer. */
export function isLocalHost(host: string): boolean {
  return LOCAL_HOSTS.has(host);
}
