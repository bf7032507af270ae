import { eventInstantProblems, INSTANT_OUT_OF_RANGE, type EventInstants } from '@motcua/contracts';
import type { AppError } from '../app-error';
import { refusalOf } from './intake-refusal';

/**
 * Issue 7, point 1: every instant of an event within its documented range (libs/contracts `instant-bounds.ts`),
 * or `422 instant_out_of_range` naming each field outside it. Checked before anything folds the event, so that
 * no instant the calendar cannot count (year 9999) reaches the dossier.
 */
export function instantRefusal(e: EventInstants, now: number): AppError | null {
  const problems = eventInstantProblems(e, now);
  if (problems.length === 0) return null;
  const message = problems.map((p) => `${p.field} ${p.problem}`).join('; ');
  return refusalOf(422, INSTANT_OUT_OF_RANGE, message, problems);
}
