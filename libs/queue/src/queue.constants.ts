export const DOSSIER_EVENTS_QUEUE = 'dossier-events';

/** Job data is ids only (never entities, never personal data): the worker reads the rest from PostgreSQL. */
export interface DossierEventJob {
  eventId: string;
  dossierCode: string;
  /** Payload version, so a worker can refuse jobs it does not understand. */
  v: 1;
}

/**
 * Deterministic: the relay and the API enqueue the same event under the same id. A re-drive of an event that
 * stayed unapplied gets a tagged id, because BullMQ ignores an id it still keeps (completed or failed).
 */
export function dossierEventJobId(eventId: string, redriveTag?: string): string {
  return redriveTag === undefined ? `evt-${eventId}` : `evt-${eventId}-r${redriveTag}`;
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
