/** Every environment variable the apps read, with its default; checked once at start-up. */
import { z } from 'zod';
import { shown } from './problems';

export const NODE_ENVS = ['development', 'test', 'production'] as const;

/** A whole number given as text (`3000`), within bounds; `1e3`, `0x10` and `12abc` are refused. */
function envInteger(fallback: number, min: number, max: number) {
  const problem = `must be an integer ${min}–${max}`;
  return z
    .string()
    .trim()
    .regex(/^\d+$/, { error: (issue) => `${problem}, got "${shown(issue.input)}"` })
    .transform(Number)
    .pipe(z.number({ error: problem }).int().min(min).max(max))
    .default(fallback);
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

export const environmentSchema = z
  .object({
    NODE_ENV: z.enum(NODE_ENVS).default('development'),
    DATABASE_URL: envUrl('postgres://postgres@127.0.0.1:5432/motcua', ['postgres:', 'postgresql:']),
    REDIS_URL: envUrl('redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    SMTP_URL: envUrl('smtp://127.0.0.1:1025', ['smtp:', 'smtps:']),
    /** The API's HTTP port (0: any free port). */
    PORT: envInteger(3000, 0, 65_535),
    /** Password of the built-in admin account on a fresh install; the apps fall back to a development value. */
    ADMIN_PASSWORD: z.string().min(1).optional(),
    /** Signs access tokens; required in production. */
    JWT_SECRET: z.string().min(1).optional(),
    JWT_TTL_SECONDS: envInteger(8 * 3600, 60, 30 * 24 * 3600),
    /** The apps' PostgreSQL query timeout (migrations have none). */
    DATABASE_QUERY_TIMEOUT_MS: envInteger(10_000, 1, HOUR_MS),
    DATABASE_POOL_SIZE: envInteger(10, 1, 1000),
    /** Where settings.json, calendars/ and catalogue/ live; found above the code when absent. */
    MOTCUA_CONFIG_DIR: z.string().min(1).optional(),
    /** Dossier-event jobs the worker runs at once. */
    WORKER_CONCURRENCY: envInteger(64, 1, 1000),
    /** How often the outbox relay looks for committed events without a job. */
    RELAY_INTERVAL_MS: envInteger(1000, 10, HOUR_MS),
    /** How long the relay leaves the API to enqueue its own events first. */
    RELAY_GRACE_MS: envInteger(3000, 0, HOUR_MS),
    /** After how long an enqueued but never applied event is re-driven. */
    RELAY_STALE_MS: envInteger(120_000, 1000, 24 * HOUR_MS),
  })
  .superRefine(
    (env, ctx) => {
      if (env.NODE_ENV === 'production' && !env.JWT_SECRET)
        ctx.addIssue({
          code: 'custom',
          path: ['JWT_SECRET'],
          message: 'must be set in production',
          input: undefined,
        });
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
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
