import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  describeProblems,
  environmentSchema,
  problemsOf,
  toolEnvironmentSchema,
  withoutEmptyValues,
  type ApologySettings,
  type CalendarSettings,
  type Environment,
  type IntakeSettings,
  type NotificationSettings,
  type DocumentSettings,
  type IndicatorSettings,
  type TargetsFile,
  type ScoringFile,
  type RulesSettings,
  type SlaSettings,
  type TrustProxy,
  type LOG_FORMATS,
  type LOG_LEVELS,
} from '@motcua/contracts';
import { ConfigError } from './config.errors';
import { loadScoring, loadSettings, loadTargets } from './settings.loader';

/** An unset NODE_ENV is production: the secrets are checked. */
export type NodeEnv = NonNullable<Environment['NODE_ENV']>;

/** The throttles of the API (counters in Redis, shared by every API process on it). */
export interface RateLimits {
  /** Failed logins per username and per client address within `loginWindowMs` before 429. */
  loginMaxFailures: number;
  loginWindowMs: number;
  /** Event-intake requests per user within `intakeWindowMs` before 429 (INTAKE_RATE_LIMIT per minute). */
  intakeRequests: number;
  intakeWindowMs: number;
  /** Public lookups (GET /tra-cuu) per client address within `lookupWindowMs` before 429 (LOOKUP_RATE_LIMIT). */
  lookupRequests: number;
  lookupWindowMs: number;
}

/** Everything the apps read from the environment and config/settings.json, checked once at start-up. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  databaseUrl: string;
  /** Connections of an app's PostgreSQL pool. */
  databasePoolSize: number;
  redisUrl: string;
  smtpUrl: string;
  port: number;
  /** API processes sharing the port (API_PROCESSES; node:cluster when more than one). */
  apiProcesses: number;
  adminPassword: string;
  jwtSecret: string;
  /** JWT_PREVIOUS_SECRET: during a rotation, the other secret whose tokens are still accepted. */
  jwtPreviousSecret: string | null;
  /** The secret behind each dossier's public lookup key (LOOKUP_SECRET); keys printed on paper depend on it. */
  lookupSecret: string;
  jwtTtlSeconds: number;
  /** Express `trust proxy`: whose X-Forwarded-For the API believes for the client address (TRUST_PROXY). */
  trustProxy: TrustProxy;
  rateLimits: RateLimits;
  /** What the apps log at start: development fallbacks in use (a random JWT secret, the published admin password). */
  warnings: string[];
  /** The apps' PostgreSQL query timeout (migrations have none). */
  queryTimeoutMs: number;
  /** Milliseconds added to the apps' clock (CLOCK_OFFSET_MS, demos and tests only); 0 in production. */
  clockOffsetMs: number;
  configDir: string;
  sla: SlaSettings;
  /** Office hours, statutory-rule choices and the missing-year policy (config/settings.json `calendar`). */
  calendar: CalendarSettings;
  /** Back-dating allowance and the agency code of issued dossier codes (config/settings.json `intake`). */
  intake: IntakeSettings;
  /** How published rule changes reach open dossiers (config/settings.json `rules`). */
  rules: RulesSettings;
  /** How apology letters are drafted and issued (config/settings.json `apology`). */
  apology: ApologySettings;
  /** Who gets the staff mails: per-unit overrides of the catalogue (config/settings.json `notifications`). */
  notifications: NotificationSettings;
  /** What the paper forms print beyond the catalogue (config/settings.json `documents`): the place name. */
  documents: DocumentSettings;
  /** How the indicators count what the rules leave open (config/settings.json `indicators`). */
  indicators: IndicatorSettings;
  /** The plan's targets by year (config/targets.json). */
  targets: TargetsFile;
  /** The points and thresholds of the Decision 766 scores and the Circular 01/2018 evaluation (config/scoring.json). */
  scoring: ScoringFile;
  /** Where staff reach the API: the base of the links in mails (PUBLIC_BASE_URL, no trailing slash). */
  publicBaseUrl: string;
  /** The sender, the attempts and the first retry delay of every mail (MAIL_FROM, MAIL_ATTEMPTS, MAIL_BACKOFF_MS). */
  mail: { from: string; attempts: number; backoffMs: number };
  /** The worker's job concurrency and its outbox relay. */
  worker: { concurrency: number; relayIntervalMs: number; relayGraceMs: number; relayStaleMs: number };
  /** The deadline tracker of the worker: delayed jobs within `horizonMs`, a sweep every `sweepIntervalMs`. */
  tracker: { enabled: boolean; horizonMs: number; sweepIntervalMs: number };
  /** `GET /metrics`: the bearer token it asks for (null: public), the worker's own port (null: none). */
  metrics: { token: string | null; workerPort: number | null };
  /** What the apps log and how (LOG_FORMAT, LOG_LEVEL). */
  log: { format: LogFormat; level: LogLevelName };
}

export type LogFormat = (typeof LOG_FORMATS)[number];
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** The built-in admin's password in development and test when ADMIN_PASSWORD is unset (README). */
export const DEV_ADMIN_PASSWORD = 'motcua-admin';
/** The lookup secret in development and test when LOOKUP_SECRET is unset (published: never valid in production). */
export const DEV_LOOKUP_SECRET = 'motcua-dev-lookup-secret';

/**
 * In development and test without JWT_SECRET, tokens are signed with a random secret of this process: nothing
 * published can forge them, and they die with the process.
 */
const PROCESS_JWT_SECRET = randomBytes(32).toString('base64url');

export const LOGIN_MAX_FAILURES = 10;
export const LOGIN_WINDOW_MS = 5 * 60_000;
export const INTAKE_WINDOW_MS = 60_000;
export const LOOKUP_WINDOW_MS = 60_000;

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

/**
 * The environment checked against the contract; one error names every bad variable. Empty values count as unset.
 * Outside NODE_ENV=development or test, a missing, published or short JWT_SECRET or LOOKUP_SECRET and a missing or
 * published ADMIN_PASSWORD stop here.
 */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const parsed = environmentSchema.safeParse(withoutEmptyValues(env));
  if (parsed.success) return parsed.data;
  throw new ConfigError(`Invalid environment: ${describeProblems(problemsOf(parsed.error))}`);
}

/** What the database tools (migrations, db:setup) read: they need no secrets. */
export function loadToolConfig(env: NodeJS.ProcessEnv = process.env): {
  databaseUrl: string;
  configDir: string;
} {
  const parsed = toolEnvironmentSchema.safeParse(withoutEmptyValues(env));
  if (!parsed.success)
    throw new ConfigError(`Invalid environment: ${describeProblems(problemsOf(parsed.error))}`);
  return {
    databaseUrl: parsed.data.DATABASE_URL,
    configDir: parsed.data.MOTCUA_CONFIG_DIR ?? findConfigDir(),
  };
}

/** Reads the environment once; rule settings come from config/settings.json over the documented defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const e = readEnvironment(env);
  const configDir = e.MOTCUA_CONFIG_DIR ?? findConfigDir();
  const { sla, calendar, intake, rules, apology, notifications, documents, indicators } =
    loadSettings(configDir);
  const targets = loadTargets(configDir);
  const scoring = loadScoring(configDir);
  const nodeEnv: NodeEnv = e.NODE_ENV ?? 'production';
  // Only reachable under NODE_ENV=development or test: the schema refused these anywhere else.
  const warnings: string[] = [];
  if (!e.JWT_SECRET)
    warnings.push(
      `JWT_SECRET is not set (NODE_ENV=${nodeEnv}): tokens are signed with a random secret of this process and die with it`,
    );
  if (!e.ADMIN_PASSWORD)
    warnings.push(
      `ADMIN_PASSWORD is not set (NODE_ENV=${nodeEnv}): a fresh database gets user admin with the published development password`,
    );
  if (!e.LOOKUP_SECRET)
    warnings.push(
      `LOOKUP_SECRET is not set (NODE_ENV=${nodeEnv}): lookup keys come from the published development secret, so anyone can compute them`,
    );
  return {
    nodeEnv,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    smtpUrl: e.SMTP_URL,
    port: e.PORT,
    apiProcesses: e.API_PROCESSES,
    adminPassword: e.ADMIN_PASSWORD ?? DEV_ADMIN_PASSWORD,
    jwtSecret: e.JWT_SECRET ?? PROCESS_JWT_SECRET,
    jwtPreviousSecret: e.JWT_PREVIOUS_SECRET ?? null,
    lookupSecret: e.LOOKUP_SECRET ?? DEV_LOOKUP_SECRET,
    jwtTtlSeconds: e.JWT_TTL_SECONDS,
    trustProxy: e.TRUST_PROXY,
    rateLimits: {
      loginMaxFailures: LOGIN_MAX_FAILURES,
      loginWindowMs: LOGIN_WINDOW_MS,
      intakeRequests: e.INTAKE_RATE_LIMIT,
      intakeWindowMs: INTAKE_WINDOW_MS,
      lookupRequests: e.LOOKUP_RATE_LIMIT,
      lookupWindowMs: LOOKUP_WINDOW_MS,
    },
    warnings,
    queryTimeoutMs: e.DATABASE_QUERY_TIMEOUT_MS,
    clockOffsetMs: e.CLOCK_OFFSET_MS ?? 0,
    configDir,
    sla,
    calendar,
    intake,
    rules,
    apology,
    notifications,
    documents,
    indicators,
    targets,
    scoring,
    publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/+$/, ''),
    mail: { from: e.MAIL_FROM, attempts: e.MAIL_ATTEMPTS, backoffMs: e.MAIL_BACKOFF_MS },
    worker: {
      concurrency: e.WORKER_CONCURRENCY,
      relayIntervalMs: e.RELAY_INTERVAL_MS,
      relayGraceMs: e.RELAY_GRACE_MS,
      relayStaleMs: e.RELAY_STALE_MS,
    },
    tracker: {
      enabled: e.TRACKER_ENABLED === 'true',
      horizonMs: e.TRACKER_HORIZON_MS,
      sweepIntervalMs: e.TRACKER_SWEEP_INTERVAL_MS,
    },
    metrics: { token: e.METRICS_TOKEN ?? null, workerPort: e.WORKER_METRICS_PORT ?? null },
    log: {
      format: e.LOG_FORMAT ?? (nodeEnv === 'production' ? 'json' : 'pretty'),
      level: e.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    },
  };
}
