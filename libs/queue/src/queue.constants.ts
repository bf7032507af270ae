export const DOSSIER_EVENTS_QUEUE = 'dossier-events';

/** Job data is ids only (never entities, never personal data): the worker reads the rest from PostgreSQL. */
export interface DossierEventJob {
  eventId: string;
  dossierCode: string;
  /** Payload version, so a worker can refuse jobs it does not understand. */
  v: 1;
}

/** Deterministic: the relay and the API enqueue the same event under the same id. */
export function dossierEventJobId(eventId: string): string {
  return `evt-${eventId}`;
}

export const DOSSIER_EVENT_JOB_OPTIONS = {
  attempts: 10,
  backoff: { type: 'exponential' as const, delay: 500 },
  removeOnComplete: { age: 3600, count: 10000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
