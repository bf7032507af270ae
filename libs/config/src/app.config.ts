import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveSlaSettings, type SlaSettings } from '@motcua/sla';

export interface AppConfig {
  databaseUrl: string;
  redisUrl: string;
  smtpUrl: string;
  port: number;
  adminPassword: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
  configDir: string;
  sla: SlaSettings;
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

/** Reads the environment once; SLA settings come from config/sla-settings.json over the documented defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const configDir = env.MOTCUA_CONFIG_DIR ?? findConfigDir();
  const slaFile = path.join(configDir, 'sla-settings.json');
  const slaOverrides = fs.existsSync(slaFile)
    ? (JSON.parse(fs.readFileSync(slaFile, 'utf8')) as { settings?: Partial<SlaSettings> }).settings
    : undefined;
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
    configDir,
    sla: resolveSlaSettings(slaOverrides ?? {}),
  };
}
