import type { FieldProblem } from './problems';

/**
 * The instants a request may name. Every instant of an event, and the calendar preview's `receivedAt`, must lie
 * in a documented range; outside it the answer is `422 instant_out_of_range` with the field (api-contract.md,
 * "Additions (v1.1)"). A syntactically impossible instant stays a `400` (instantSchema).
 *
 * | instant                        | range                                                           |
 * | ------------------------------ | --------------------------------------------------------------- |
 * | `occurredAt` (every event)     | EARLIEST_INSTANT … server clock + MAX_FUTURE_SKEW_MS            |
 * | `data.submittedAt` (received)  | EARLIEST_INSTANT … the event's `occurredAt`                     |
 * | `data.newDueAt` (apology)      | after the event's `occurredAt` … `occurredAt` + MAX_REAPPOINTMENT_MS |
 * | `receivedAt` (calendar preview)| EARLIEST_INSTANT … server clock + MAX_PREVIEW_AHEAD_MS          |
 */
const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * 3_600_000;

/** 2000-01-01 00:00 in Vietnam: older than any electronic one-stop record (Decree 61 dates from 2018). */
export const EARLIEST_INSTANT = Date.parse('2000-01-01T00:00:00+07:00');
/** How far ahead of the server clock an event may be stamped (clock skew between desks). */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;
/** An apology's new appointment (`newDueAt`) lies at most a year after the apology itself. */
export const MAX_REAPPOINTMENT_MS = 366 * DAY_MS;
/** A due-date preview may be asked for a receipt at most five years ahead of the server clock. */
export const MAX_PREVIEW_AHEAD_MS = 5 * 366 * DAY_MS;

/** The 422 code of an instant outside its range. */
export const INSTANT_OUT_OF_RANGE = 'instant_out_of_range';
export const FUTURE_PROBLEM = 'must not be in the future';

/** An instant as the problems name it: ISO 8601 in Vietnam time (no DST: always +07:00). */
export function isoVietnam(t: number): string {
  return new Date(t + VN_OFFSET_MS).toISOString().replace(/\.000Z$|Z$/, '+07:00');
}

const notBefore = (min: number, what = isoVietnam(min)) => `must not be before ${what}`;
const notAfter = (max: number, what = isoVietnam(max)) => `must not be after ${what}`;

/** The instants of one event, as `validateEvent` returns them (epoch ms). */
export interface EventInstants {
  type: string;
  occurredAt: number;
  data: unknown;
}

/** Every instant of an event outside its range, by field; `prefix` names its place in a batch. */
export function eventInstantProblems(e: EventInstants, now: number, prefix = ''): FieldProblem[] {
  const field = (name: string) => (prefix ? `${prefix}.${name}` : name);
  const problems: FieldProblem[] = [];
  if (e.occurredAt < EARLIEST_INSTANT)
    problems.push({ field: field('occurredAt'), problem: notBefore(EARLIEST_INSTANT) });
  if (e.occurredAt > now + MAX_FUTURE_SKEW_MS)
    problems.push({ field: field('occurredAt'), problem: FUTURE_PROBLEM });
  const data = (e.data ?? {}) as { submittedAt?: unknown; newDueAt?: unknown };
  if (e.type === 'received' && typeof data.submittedAt === 'number') {
    if (data.submittedAt < EARLIEST_INSTANT)
      problems.push({ field: field('data.submittedAt'), problem: notBefore(EARLIEST_INSTANT) });
    else if (data.submittedAt > e.occurredAt)
      problems.push({
        field: field('data.submittedAt'),
        problem: notAfter(
          e.occurredAt,
          `occurredAt (${isoVietnam(e.occurredAt)}): a dossier is submitted before it is received`,
        ),
      });
  }
  if (e.type === 'apology_issued' && typeof data.newDueAt === 'number') {
    if (data.newDueAt <= e.occurredAt)
      problems.push({
        field: field('data.newDueAt'),
        problem: `must be after occurredAt (${isoVietnam(e.occurredAt)})`,
      });
    else if (data.newDueAt > e.occurredAt + MAX_REAPPOINTMENT_MS)
      problems.push({
        field: field('data.newDueAt'),
        problem: notAfter(
          e.occurredAt + MAX_REAPPOINTMENT_MS,
          `${isoVietnam(e.occurredAt + MAX_REAPPOINTMENT_MS)} (366 days after the apology)`,
        ),
      });
  }
  return problems;
}

/** The calendar preview's `receivedAt` outside its range, on the field `receivedAt`. */
export function previewInstantProblems(receivedAt: number, now: number): FieldProblem[] {
  if (receivedAt < EARLIEST_INSTANT) return [{ field: 'receivedAt', problem: notBefore(EARLIEST_INSTANT) }];
  const max = now + MAX_PREVIEW_AHEAD_MS;
  if (receivedAt > max)
    return [{ field: 'receivedAt', problem: notAfter(max, `${isoVietnam(max)} (five years ahead)`) }];
  return [];
}
