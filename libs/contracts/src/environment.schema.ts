/** Every environment variable the apps read, with its default; checked once at start-up. */
import { z } from 'zod';
import { shown } from './problems';

export const NODE_ENVS = ['development', 'test', 'production'] as const;

/** A whole number given as text (`3000`), within bounds; `1e3`, `0x10` and `12abc` are refused. */
function envWholeNumber(min: number, max: number) {
  const problem = `must be an integer ${min}–${max}`;
  return z
    .string()
    .trim()
    .regex(/^\d+$/, { error: (issue) => `${problem}, got "${shown(issue.input)}"` })
    .transform(Number)
    .pipe(z.number({ error: problem }).int().min(min).max(max));
}

function envInteger(fallback: number, min: number, max: number) {
  return envWholeNumber(min, max).default(fallback);
}

/** A URL whose scheme is one of `protocols` (e.g. postgres: or postgresql:). */
function envUrl(fallback: string, protocols: readonly string[]) {
  const problem = `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`;
  return z
    .string()
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      { error: problem },
    )
    .default(fallback);
}

const HOUR_MS = 3_600_000;

/** `LOG_FORMAT`: one JSON object per line (production's default), or Nest's coloured lines for people. */
export const LOG_FORMATS = ['json', 'pretty'] as const;
/** `LOG_LEVEL`: the least severe level written; `info` is Nest's `log`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'verbose'] as const;

/** NODE_ENV values under which missing or published secrets are tolerated (with a warning). */
export const RELAXED_NODE_ENVS = ['development', 'test'] as const;
/** The shortest JWT_SECRET accepted outside development and test: 256 bits, as HS256 wants. */
export const MIN_JWT_SECRET_BYTES = 32;
/** The shortest ADMIN_PASSWORD accepted outside development and test (the same as any user's). */
export const MIN_ADMIN_PASSWORD_LENGTH = 10;
/** Secrets that were published in this repository (README, docker-compose.yml, code): never valid in production. */
export const PUBLISHED_JWT_SECRETS: readonly string[] = [
  'motcua-dev-secret-change-me',
  'motcua-dev-jwt-secret-change-me',
];
/** The README's development password of the built-in admin, and the compose file's former default. */
export const PUBLISHED_ADMIN_PASSWORDS: readonly string[] = ['motcua-admin'];
/** The shortest LOOKUP_SECRET accepted outside development and test: an HMAC-SHA256 key of 256 bits, as JWT_SECRET. */
export const MIN_LOOKUP_SECRET_BYTES = 32;
/** The development lookup secret (libs/config `DEV_LOOKUP_SECRET`): its keys can be computed by anyone. */
export const PUBLISHED_LOOKUP_SECRETS: readonly string[] = ['motcua-dev-lookup-secret'];

/** The shortest METRICS_TOKEN accepted: a scraper's bearer token is a secret like any other. */
export const MIN_METRICS_TOKEN_LENGTH = 16;

/** `TRUST_PROXY`: `false` (default), `true`, a hop count, or a comma-separated list of addresses/subnets. */
export type TrustProxy = boolean | number | string;

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:]*:[0-9a-fA-F:.]*$/;
const TRUST_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** One entry of a TRUST_PROXY list: a name Express knows, an address, or an address/prefix length. */
function isTrustEntry(entry: string): boolean {
  if (TRUST_NAMES.includes(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length > 0) return false;
  const v4 = IPV4.test(address);
  if (!v4 && !IPV6.test(address)) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (v4 ? 32 : 128);
}

const TRUST_PROXY_PROBLEM =
  'must be false, true, a number of proxy hops, or a comma-separated list of loopback, linklocal, uniquelocal, addresses and subnets (10.0.0.0/8)';

/** Express' `trust proxy` value from the variable; Express itself is never given a value it would misread. */
const trustProxy = z
  .string()
  .trim()
  .transform((value, ctx): TrustProxy => {
    if (value === 'false') return false;
    if (value === 'true') return true;
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const entries = value.split(',').map((e) => e.trim());
    if (entries.length > 0 && entries.every(isTrustEntry)) return entries.join(',');
    ctx.issues.push({
      code: 'custom',
      input: value,
      message: `${TRUST_PROXY_PROBLEM}, got "${shown(value)}"`,
    });
    return z.NEVER;
  })
  .default(false);

const utf8Bytes = (value: string) => new TextEncoder().encode(value).length;

/** The variables' shapes and defaults, without the rules that tie them together. */
const environmentShape = z.object({
  /** `development` or `test` tolerate missing secrets; anything else, and an unset NODE_ENV, is production. */
  NODE_ENV: z.enum(NODE_ENVS).optional(),
  DATABASE_URL: envUrl('postgres://postgres@127.0.0.1:5432/motcua', ['postgres:', 'postgresql:']),
  REDIS_URL: envUrl('redis://127.0.0.1:6379', ['redis:', 'rediss:']),
  SMTP_URL: envUrl('smtp://127.0.0.1:1025', ['smtp:', 'smtps:']),
  /** The API's HTTP port (0: any free port). */
  PORT: envInteger(3000, 0, 65_535),
  /** API processes sharing PORT (node:cluster: a primary forks them and restarts one that dies); 1: no primary. */
  API_PROCESSES: envInteger(1, 1, 64),
  /** Password of the built-in admin account on a fresh install; required outside development and test. */
  ADMIN_PASSWORD: z.string().min(1).optional(),
  /** Signs access tokens; required (random, at least 32 bytes) outside development and test. */
  JWT_SECRET: z.string().min(1).optional(),
  /**
   * During a rotation only: another secret whose tokens are still accepted (never used to sign). Unset it once
   * JWT_TTL_SECONDS have passed since the last process started signing with the new JWT_SECRET.
   */
  JWT_PREVIOUS_SECRET: z.string().min(1).optional(),
  /**
   * Keys the public lookup (tra cứu): printed on every receipt, so it must stay the same across restarts; required
   * (random, at least 32 bytes, not JWT_SECRET) outside development and test.
   */
  LOOKUP_SECRET: z.string().min(1).optional(),
  JWT_TTL_SECONDS: envInteger(8 * 3600, 60, 30 * 24 * 3600),
  /** Which proxies the API believes about the client address (X-Forwarded-For): Express `trust proxy`. */
  TRUST_PROXY: trustProxy,
  /** Event-intake requests (POST /api/v1/events and /events/batch) one user may send per minute. */
  INTAKE_RATE_LIMIT: envInteger(6000, 1, 1_000_000),
  /** Public lookups (GET /tra-cuu, right key or wrong) one client address may make per minute. */
  LOOKUP_RATE_LIMIT: envInteger(30, 1, 1_000_000),
  /**
   * Milliseconds added to the apps' clock, so that a demo can run its month at a working afternoon whatever the
   * real hour; development and test only.
   */
  CLOCK_OFFSET_MS: z
    .string()
    .trim()
    .regex(/^-?\d{1,13}$/, {
      error: (issue) => `must be a whole number of milliseconds, got "${shown(issue.input)}"`,
    })
    .transform(Number)
    .optional(),
  /** The apps' PostgreSQL query timeout (migrations have none). */
  DATABASE_QUERY_TIMEOUT_MS: envInteger(10_000, 1, HOUR_MS),
  DATABASE_POOL_SIZE: envInteger(10, 1, 1000),
  /** Where settings.json, calendars/ and catalogue/ live; found above the code when absent. */
  MOTCUA_CONFIG_DIR: z.string().min(1).optional(),
  /**
   * Dossier-event jobs the worker holds at once, each of up to 25 events (gathered into micro-batches of up to 500:
   * issue 11). 100 jobs keep 100–2,500 events in hand: a frozen worker holds back no more than that (issue 12).
   */
  WORKER_CONCURRENCY: envInteger(100, 1, 1000),
  /** How often the outbox relay looks for committed events without a job. */
  RELAY_INTERVAL_MS: envInteger(1000, 10, HOUR_MS),
  /** How long the relay leaves the API to enqueue its own events first. */
  RELAY_GRACE_MS: envInteger(3000, 0, HOUR_MS),
  /** After how long an enqueued but never applied event is re-driven. */
  RELAY_STALE_MS: envInteger(120_000, 1000, 24 * HOUR_MS),
  /** Where staff reach the dossiers: the links in the mails are `<PUBLIC_BASE_URL>/api/v1/dossiers/<code>`. */
  PUBLIC_BASE_URL: envUrl('http://127.0.0.1:3000', ['http:', 'https:']),
  /** The sender of every mail, `Name <address>` or an address; its domain ends every Message-ID. */
  MAIL_FROM: z
    .string()
    .trim()
    .regex(/^(?:[^<>]*<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+)$/, {
      error: 'must be an address (motcua@example.vn) or Name <address>',
    })
    .default('Bộ phận Một cửa Sở LĐTBXH <motcua@motcua.example>'),
  /** Attempts to deliver one mail (a 4xx answer, the relay unreachable) before it is recorded as failed. */
  MAIL_ATTEMPTS: envInteger(100, 1, 10_000),
  /** The first retry's delay; each doubles, up to 32 times this (16 minutes by default: about a day in all). */
  MAIL_BACKOFF_MS: envInteger(30_000, 10, HOUR_MS),
  /** The deadline tracker (worker): `false` leaves deadlines unacted until it is turned on again. */
  TRACKER_ENABLED: z.enum(['true', 'false']).default('true'),
  /** How far ahead the tracker arms delayed jobs (Redis holds only these); later deadlines wait in PostgreSQL. */
  TRACKER_HORIZON_MS: envInteger(HOUR_MS, 0, 7 * 24 * HOUR_MS),
  /** How often the job scheduler runs the tracker's sweep (overdue milestones) and refills the horizon. */
  TRACKER_SWEEP_INTERVAL_MS: envInteger(60_000, 1000, 24 * HOUR_MS),
  /**
   * When set, `GET /metrics` (the API's, and the worker's on WORKER_METRICS_PORT) answers only a request with
   * `Authorization: Bearer <METRICS_TOKEN>`; unset, the metrics are public (they hold no personal data).
   */
  METRICS_TOKEN: z
    .string()
    .min(MIN_METRICS_TOKEN_LENGTH, { error: `must have at least ${MIN_METRICS_TOKEN_LENGTH} characters` })
    .optional(),
  /** The worker's own `GET /metrics` port (its apply latency, its process); unset: the worker serves none. */
  WORKER_METRICS_PORT: envWholeNumber(0, 65_535).optional(),
  /** `json` or `pretty`; unset: `json` in production, `pretty` under development and test. */
  LOG_FORMAT: z.enum(LOG_FORMATS).optional(),
  /** The least severe level logged; unset: `info`, or `warn` under test (the test output stays readable). */
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
});

/** True when NODE_ENV says development or test explicitly: only then may secrets be missing or published. */
export function secretsRelaxed(nodeEnv: string | undefined): boolean {
  return (RELAXED_NODE_ENVS as readonly string[]).includes(nodeEnv ?? '');
}

const OUTSIDE = 'unless NODE_ENV is development or test';

/** The variables `secretProblems` checks. */
export type SecretVariable = 'JWT_SECRET' | 'JWT_PREVIOUS_SECRET' | 'ADMIN_PASSWORD' | 'LOOKUP_SECRET';

/**
 * The problems of the secrets for this NODE_ENV: outside an explicit development or test, JWT_SECRET must be set,
 * unpublished and at least 32 bytes, ADMIN_PASSWORD set, unpublished and at least 10 characters, and
 * LOOKUP_SECRET set, unpublished, at least 32 bytes and not JWT_SECRET.
 */
export function secretProblems(env: {
  NODE_ENV?: string;
  JWT_SECRET?: string;
  JWT_PREVIOUS_SECRET?: string;
  ADMIN_PASSWORD?: string;
  LOOKUP_SECRET?: string;
}): Array<{ field: SecretVariable; problem: string }> {
  if (secretsRelaxed(env.NODE_ENV)) return [];
  // A misspelt NODE_ENV is reported on its own: which rules apply is not known until it is fixed.
  if (env.NODE_ENV !== undefined && !(NODE_ENVS as readonly string[]).includes(env.NODE_ENV)) return [];
  const out: Array<{ field: SecretVariable; problem: string }> = [];
  const secret = env.JWT_SECRET;
  if (secret === undefined)
    out.push({
      field: 'JWT_SECRET',
      problem: `must be set to a random value of at least ${MIN_JWT_SECRET_BYTES} bytes ${OUTSIDE}`,
    });
  else if (PUBLISHED_JWT_SECRETS.includes(secret))
    out.push({
      field: 'JWT_SECRET',
      problem: `is a published default: set a random value of at least ${MIN_JWT_SECRET_BYTES} bytes`,
    });
  else if (utf8Bytes(secret) < MIN_JWT_SECRET_BYTES)
    out.push({
      field: 'JWT_SECRET',
      problem: `must be at least ${MIN_JWT_SECRET_BYTES} bytes, got ${utf8Bytes(secret)}`,
    });
  // The previous secret still opens sessions: a published or short one would let anyone forge a token.
  const previous = env.JWT_PREVIOUS_SECRET;
  if (previous !== undefined && PUBLISHED_JWT_SECRETS.includes(previous))
    out.push({ field: 'JWT_PREVIOUS_SECRET', problem: 'is a published default: leave it unset' });
  else if (previous !== undefined && utf8Bytes(previous) < MIN_JWT_SECRET_BYTES)
    out.push({
      field: 'JWT_PREVIOUS_SECRET',
      problem: `must be at least ${MIN_JWT_SECRET_BYTES} bytes, got ${utf8Bytes(previous)}`,
    });
  const password = env.ADMIN_PASSWORD;
  if (password === undefined) out.push({ field: 'ADMIN_PASSWORD', problem: `must be set ${OUTSIDE}` });
  else if (PUBLISHED_ADMIN_PASSWORDS.includes(password))
    out.push({ field: 'ADMIN_PASSWORD', problem: 'is the published development default: choose another' });
  else if ([...password].length < MIN_ADMIN_PASSWORD_LENGTH)
    out.push({
      field: 'ADMIN_PASSWORD',
      problem: `must have at least ${MIN_ADMIN_PASSWORD_LENGTH} characters`,
    });
  const lookup = env.LOOKUP_SECRET;
  if (lookup === undefined)
    out.push({
      field: 'LOOKUP_SECRET',
      problem: `must be set to a random value of at least ${MIN_LOOKUP_SECRET_BYTES} bytes ${OUTSIDE}`,
    });
  else if (PUBLISHED_LOOKUP_SECRETS.includes(lookup))
    out.push({
      field: 'LOOKUP_SECRET',
      problem: `is the published development default: set a random value of at least ${MIN_LOOKUP_SECRET_BYTES} bytes`,
    });
  else if (utf8Bytes(lookup) < MIN_LOOKUP_SECRET_BYTES)
    out.push({
      field: 'LOOKUP_SECRET',
      problem: `must be at least ${MIN_LOOKUP_SECRET_BYTES} bytes, got ${utf8Bytes(lookup)}`,
    });
  // One key, one purpose: whoever learns one secret must not hold the other.
  else if (lookup === secret) out.push({ field: 'LOOKUP_SECRET', problem: 'must differ from JWT_SECRET' });
  return out;
}

/** The apps' environment: every variable checked, and the secrets refused outside development and test. */
export const environmentSchema = environmentShape.superRefine(
  (env, ctx) => {
    for (const p of secretProblems(env))
      ctx.addIssue({ code: 'custom', path: [p.field], message: p.problem, input: undefined });
    // A shifted clock in production would date every event wrong.
    if (env.CLOCK_OFFSET_MS && !secretsRelaxed(env.NODE_ENV))
      ctx.addIssue({
        code: 'custom',
        path: ['CLOCK_OFFSET_MS'],
        message: `is for demos and tests only (${OUTSIDE})`,
        input: undefined,
      });
  },
  { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
);

/**
 * The environment of the database tools (migrations, `db:setup`): the same variables without the secret rules,
 * since they sign no token and create no account.
 */
export const toolEnvironmentSchema = environmentShape;
export type Environment = z.output<typeof environmentSchema>;
export type EnvironmentInput = z.input<typeof environmentSchema>;

/** process.env without empty values: `PORT=` means "not set", as a shell or compose file usually intends. */
export function withoutEmptyValues(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}
