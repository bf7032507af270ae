import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  describeProblems,
  environmentSchema,
  problemsOf,
  withoutEmptyValues,
  type CalendarSettings,
  type Environment,
  type IntakeSettings,
  type RulesSettings,
  type SlaSettings,
} from '@motcua/contracts';
import { ConfigError } from './config.errors';
import { loadSettings } from './settings.loader';

export type NodeEnv = Environment['NODE_ENV'];

/** Everything the apps read from the environment and config/settings.json, checked once at start-up. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  databaseUrl: string;
  /** Connections of an app's PostgreSQL pool. */
  databasePoolSize: number;
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
  calendar: CalendarSettings;
  /** Back-dating allowance and the agency code of issued dossier codes (config/settings.json `intake`). */
  intake: IntakeSettings;
  /** How published rule changes reach open dossiers (config/settings.json `rules`). */
  rules: RulesSettings;
  /** The worker's job concurrency and its outbox relay. */
  worker: { concurrency: number; relayIntervalMs: number; relayGraceMs: number; relayStaleMs: number };
}

export const DEV_ADMIN_PASSWORD = 'motcua-admin';
const DEV_JWT_SECRET = 'motcua-dev-secret-change-me';

/** The repository's config/ folder, wherever the code runs from (src via swc, or dist). */
export function findConfigDir(start = __dirname): string {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'config', 'calendars');
    if (existsSync(candidate)) return join(dir, 'config');
    const parent = dirname(dir);
    if (parent === dir) throw new ConfigError(`config/ not found above ${start}; set MOTCUA_CONFIG_DIR`);
    dir = parent;
  }
}

/** The environment checked against the contract; one error names every bad variable. Empty values count as unset. */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const parsed = environmentSchema.safeParse(withoutEmptyValues(env));
  if (parsed.success) return parsed.data;
  throw new ConfigError(`Invalid environment: ${describeProblems(problemsOf(parsed.error))}`);
}

/** Reads the environment once; rule settings come from config/settings.json over the documented defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const e = readEnvironment(env);
  const configDir = e.MOTCUA_CONFIG_DIR ?? findConfigDir();
  const { sla, calendar, intake, rules } = loadSettings(configDir);
  return {
    nodeEnv: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    smtpUrl: e.SMTP_URL,
    port: e.PORT,
    adminPassword: e.ADMIN_PASSWORD ?? DEV_ADMIN_PASSWORD,
    jwtSecret: e.JWT_SECRET ?? DEV_JWT_SECRET,
    jwtTtlSeconds: e.JWT_TTL_SECONDS,
    queryTimeoutMs: e.DATABASE_QUERY_TIMEOUT_MS,
    configDir,
    sla,
    calendar,
    intake,
    rules,
    worker: {
      concurrency: e.WORKER_CONCURRENCY,
      relayIntervalMs: e.RELAY_INTERVAL_MS,
      relayGraceMs: e.RELAY_GRACE_MS,
      relayStaleMs: e.RELAY_STALE_MS,
    },
  };
}
