export const DOSSIER_EVENTS_QUEUE = 'dossier-events';

/** Job data is ids only (never entities, never personal data): the worker reads the rest from PostgreSQL. */
export type DossierEventJob =
  /** One event: what every job carried before version 2; a worker still takes those left in Redis. */
  | { eventId: string; dossierCode: string; v: 1 }
  /** The events committed together, up to DOSSIER_EVENT_JOB_SIZE; `v` lets a worker refuse what it does not know. */
  | { events: Array<{ eventId: string; dossierCode: string }>; v: 2 };

/**
 * Events per job. One job per event cost Redis, the API and the workers more than the apply itself at 1,000
 * events/s (issue 12, full-size chaos run); a job of many events costs about what one did.
 */
export const DOSSIER_EVENT_JOB_SIZE = 25;

/**
 * Deterministic, named after the job's first event: an event is in one job at a time, so the id is unique, and a
 * job of a single event keeps the id it always had. The event's row records its job id (`job_id`).
 */
export function dossierEventJobId(eventId: string): string {
  return `evt-${eventId}`;
}

/** Queue keys are namespaced by database, so two stacks (or test runs) on one Redis never share jobs. */
export function queuePrefix(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) || 'default';
  return `motcua:${name}`;
}

export const DOSSIER_EVENT_JOB_OPTIONS = {
  attempts: 10,
  backoff: { type: 'exponential' as const, delay: 500 },
  removeOnComplete: { age: 3600, count: 10000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** The mail outbox's queue (issue 8): one delivery job per notification row, and the daily digest. */
export const NOTIFICATIONS_QUEUE = 'notifications';

/** Delivers one notification row; ids only (the worker reads the mail from PostgreSQL). */
export interface NotificationJob {
  notificationId: string;
  v: 1;
}

/** The morning digest run (from the job scheduler). */
export interface DailyDigestJob {
  v: 1;
}

export const DELIVER_JOB = 'deliver';
export const DAILY_DIGEST_JOB = 'daily-digest';
/** The job scheduler's id: one per queue, whichever worker upserts it. */
export const DAILY_DIGEST_SCHEDULER = 'daily-digest';

/**
 * One job id per notification, so the API, the reactors and the relay never enqueue a row twice; a re-drive of a
 * row whose job finished without settling it removes that job and adds it again under the same id.
 */
export function notificationJobId(notificationId: string): string {
  return `mail-${notificationId}`;
}

/** The backoff of mail jobs: exponential from the job's `delay`, capped at 32 × delay (a relay down for a day). */
export const CAPPED_EXPONENTIAL = 'capped-exponential';
export const BACKOFF_CAP_FACTOR = 32;

/** Delay before the retry that follows `attemptsMade` failed attempts. */
export function cappedExponentialDelay(attemptsMade: number, delay: number): number {
  const factor = Math.min(2 ** Math.max(0, attemptsMade - 1), BACKOFF_CAP_FACTOR);
  return Math.round(delay * factor);
}

export function notificationJobOptions(mail: { attempts: number; backoffMs: number }) {
  return {
    attempts: mail.attempts,
    backoff: { type: CAPPED_EXPONENTIAL, delay: mail.backoffMs },
    removeOnComplete: { age: 3600, count: 10000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}
