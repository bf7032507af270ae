import type { WorkingCalendar } from '@motcua/calendar';
import { mayBackdate, type Principal } from '@motcua/contracts';
import type { AppError } from '../app-error';
import { BACKDATE_NOT_ALLOWED, refusal } from './intake-refusal';

/**
 * How far back an event is dated: the working minutes between its occurrence and `now` (the moment intake
 * records it, by the server clock) on the calendar; 0 for an event stamped at or after `now`. Should the
 * calendar refuse to count (a year without a schedule under `missingYearPolicy: refuse`), the elapsed
 * clock time stands in: never less than the working time, so the rule errs on the governed side.
 */
export function lateWorkingMinutes(occurredAt: number, now: number, calendar: WorkingCalendar): number {
  if (occurredAt >= now) return 0;
  try {
    return Math.floor(calendar.workingMinutesBetween(occurredAt, now));
  } catch {
    return Math.floor((now - occurredAt) / 60_000);
  }
}

/**
 * Issue 7, point 2: back-dating is a governed act. Anyone may date an event up to `allowance` working minutes
 * before it is recorded; beyond, only a unit head or an administrator, and only with `data.backdateReason`.
 */
export function backdateRefusal(
  e: { type: string; data: unknown },
  principal: Principal,
  late: number,
  allowance: number,
): AppError | null {
  if (late <= allowance) return null;
  const dated = `the event is dated ${late} working minutes before it is recorded, beyond the allowance of ${allowance}`;
  if (!mayBackdate(principal)) {
    return refusal(
      422,
      BACKDATE_NOT_ALLOWED,
      `${dated}; only a unit head or an administrator may log it, with data.backdateReason`,
      'occurredAt',
    );
  }
  if (!hasBackdateReason(e)) {
    return refusal(
      422,
      BACKDATE_NOT_ALLOWED,
      `${dated}; say why in data.backdateReason`,
      'data.backdateReason',
    );
  }
  return null;
}

export function hasBackdateReason(e: { data: unknown }): boolean {
  const reason = (e.data as { backdateReason?: unknown } | null)?.backdateReason;
  return typeof reason === 'string' && reason.trim().length > 0;
}
