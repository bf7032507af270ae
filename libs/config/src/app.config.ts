import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CalendarOptions } from '@motcua/calendar';
import { DEFAULT_SLA_SETTINGS, resolveSlaSettings, type SlaSettings } from '@motcua/sla';

export interface AppConfig {
  databaseUrl: string;
  redisUrl: string;
  smtpUrl: string;
  port: number;
  adminPassword: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
  /** The apps' PostgreSQL query timeout (migrations have none). */
  queryTimeoutMs: number;
  configDir: string;
  sla: SlaSettings;
  /** Office hours, statutory-rule choices and the missing-year policy (config/settings.json `calendar`). */
  calendar: Pick<CalendarOptions, 'profile' | 'statutoryRules' | 'missingYearPolicy'>;
}

export const DEV_ADMIN_PASSWORD = 'motcua-admin';
const DEV_JWT_SECRET = 'motcua-dev-secret-change-me';

/** The repository's config/ folder, wherever the code runs from (src via swc, or dist). */
export function findConfigDir(start = __dirname): string {
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, 'config', 'calendars');
    if (fs.existsSync(candidate)) return path.join(dir, 'config');
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`config/ not found above ${start}; set MOTCUA_CONFIG_DIR`);
    dir = parent;
  }
}

/** Reads the environment once; rule settings come from config/settings.json over the documented defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const configDir = env.MOTCUA_CONFIG_DIR ?? findConfigDir();
  const settingsFile = path.join(configDir, 'settings.json');
  const settings = fs.existsSync(settingsFile)
    ? (JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as {
        sla?: Partial<SlaSettings>;
        calendar?: AppConfig['calendar'];
      })
    : {};
  const unknown = Object.keys(settings.sla ?? {}).filter((k) => !(k in DEFAULT_SLA_SETTINGS));
  // A misspelt rule name would silently keep the default: refuse to start instead.
  if (unknown.length > 0) throw new Error(`${settingsFile}: unknown sla setting(s) ${unknown.join(', ')}`);
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET)
    throw new Error('JWT_SECRET must be set in production');
  return {
    databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/motcua',
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    smtpUrl: env.SMTP_URL ?? 'smtp://127.0.0.1:1025',
    port: Number(env.PORT ?? 3000),
    adminPassword: env.ADMIN_PASSWORD ?? DEV_ADMIN_PASSWORD,
    jwtSecret: env.JWT_SECRET ?? DEV_JWT_SECRET,
    jwtTtlSeconds: Number(env.JWT_TTL_SECONDS ?? 8 * 3600),
    queryTimeoutMs: Number(env.DATABASE_QUERY_TIMEOUT_MS ?? 10_000),
    configDir,
    sla: resolveSlaSettings(settings.sla ?? {}),
    calendar: settings.calendar ?? {},
  };
}
