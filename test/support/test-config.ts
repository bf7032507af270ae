// The apps' configuration for one test file: its own database and Redis, known passwords, a fresh JWT secret.
import { randomBytes } from 'node:crypto';
import type { RecordingNotifier } from '../../libs/application/src/testing/in-memory.fakes';
import { type AppConfig, loadConfig } from '@motcua/config';
import { ADMIN_PASSWORD } from './settings';

export interface HarnessOptions {
  /** The clock's first reading (default 2025-03-20T10:00:00+07:00). */
  now?: string;
  /** Start the worker in-process (default true). */
  worker?: boolean;
  /**
   * The Notifier the in-process worker puts its mails through (default: a fresh recording one, `h.notifier`, whose
   * requests the specs assert). `'outbox'`: the worker keeps the mail outbox, as in production, so the applicant's
   * apology letters are mailed like the staff mails (`h.notifier` then records nothing).
   */
  notifier?: RecordingNotifier | 'outbox';
  /** Overrides for the AppConfig built from the test's database and Redis (`calendar` merged into the defaults). */
  config?: Omit<Partial<AppConfig>, 'calendar'> & { calendar?: Partial<AppConfig['calendar']> };
}

/**
 * The specs replay dossier histories dated days or weeks before the test clock, logged by whoever the case
 * needs: they run with the widest back-dating allowance the settings schema takes (525,600 working minutes,
 * about four years). The back-dating rules themselves are tested with the shipped allowance (one working day):
 * test/intake-backdating.e2e-spec.ts passes `config: { intake: … }`.
 */
export const REPLAY_BACKDATE_ALLOWANCE = 525_600;

/** The environment's config pointed at `databaseUrl` and `redisUrl`, with the test's overrides on top. */
export function testConfig(
  databaseUrl: string,
  redisUrl: string,
  overrides: HarnessOptions['config'] = {},
): AppConfig {
  const base = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl });
  return {
    ...base,
    adminPassword: ADMIN_PASSWORD,
    jwtSecret: `e2e-${randomBytes(16).toString('hex')}`,
    lookupSecret: `e2e-lookup-${randomBytes(16).toString('hex')}`,
    // The secrets are set just above: the development fallbacks loadConfig warns about are not in use.
    warnings: [],
    // Nothing listens here: documents/mail are not under test.
    smtpUrl: 'smtp://127.0.0.1:1',
    intake: { ...base.intake, backdateAllowanceWorkingMinutes: REPLAY_BACKDATE_ALLOWANCE },
    // The deadline tracker acts on its own at every deadline of the histories the specs replay (weeks before the
    // clock), adding events of its own: specs about something else run without it; test/tracker-*.e2e-spec.ts
    // turn it on with `config: { tracker: { …, enabled: true } }`.
    tracker: { ...base.tracker, enabled: false },
    ...overrides,
    calendar: { ...base.calendar, ...overrides.calendar },
  };
}
