import { formatInstant } from '@motcua/calendar';
import { SYSTEM_EVENT_TYPES, type Principal } from '@motcua/contracts';
import type { StoredEvent } from '@motcua/database';
import type { DossierState } from '@motcua/sla';
import type { AppError } from '../app-error';
import type { Rules } from '../rules/rules.provider';
import { foldStored, type StoredFold } from './dossier-fold';
import { hasBackdateReason } from './intake-backdating';
import { BACKDATE_NOT_ALLOWED, refusal, TRANSITION_NOT_ALLOWED } from './intake-refusal';

/** The fold of these events, or the error it threw (a fold that cannot count must not become a 500). */
export function tryFold(events: ReadonlyArray<StoredEvent>, rules: Rules, now: number): StoredFold | Error {
  try {
    return foldStored(events, rules, now);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

const SYSTEM_TYPES: ReadonlySet<string> = new Set(SYSTEM_EVENT_TYPES);

/**
 * Does `e` arrive as the newest event of its dossier (no stored event people logged happened after it)? What the
 * engine records on its own (a deadline reached, a mail sent) changes no state, so an officer's event logged a few
 * minutes after the tracker acted is still judged as the newest (and refused when the fold cannot apply it).
 */
export function arrivesNewest(
  e: { occurredAt: number },
  history: ReadonlyArray<{ occurredAt: number; type?: string }>,
) {
  return history.every((h) => h.occurredAt <= e.occurredAt || SYSTEM_TYPES.has(h.type ?? ''));
}

const describe = (t: { type: string; id: string; occurredAt: number }) =>
  `${t.type} ${t.id} at ${formatInstant(t.occurredAt)}`;

/**
 * Issue 7, points 3 and 2: what the fold says about an event, given the dossier's state before it (`before`,
 * null for a reception) and the fold with it (`after`).
 * - An event that arrives as the newest and that the fold rejects: `422 transition_not_allowed`, the fold's
 *   reason (the contract: nothing is stored). An out-of-order event the fold rejects is kept (rejected).
 * - An event that would turn events already applied into rejected ones (it rewrites history): `422
 *   backdate_not_allowed` naming them, unless an administrator logs it with `data.backdateReason`.
 * - A fold that throws with the event: `422 transition_not_allowed`, so that it never reaches the worker.
 */
export function transitionRefusal(
  e: { id: string; type: string; occurredAt: number; data: unknown },
  principal: Principal,
  history: ReadonlyArray<StoredEvent>,
  before: DossierState | null,
  after: StoredFold | Error,
): AppError | null {
  if (after instanceof Error) {
    return refusal(
      422,
      TRANSITION_NOT_ALLOWED,
      `the dossier's deadlines cannot be computed with this event: ${after.message}`,
      'occurredAt',
    );
  }
  const entry = after.state.timeline.find((t) => t.id === e.id);
  if (entry?.status === 'rejected' && arrivesNewest(e, history)) {
    return refusal(422, TRANSITION_NOT_ALLOWED, entry.reason ?? `${e.type} is not allowed now`, 'type');
  }
  const applied = new Set((before?.timeline ?? []).filter((t) => t.status === 'applied').map((t) => t.id));
  const undone = after.state.timeline.filter((t) => t.status === 'rejected' && applied.has(t.id));
  if (undone.length === 0) return null;
  const admin = principal.roles.includes('admin');
  if (admin && hasBackdateReason(e)) return null;
  const message =
    `the event would reject ${undone.length} event(s) already applied: ${undone.map(describe).join(', ')}; ` +
    'only an administrator may rewrite a dossier’s history, with data.backdateReason';
  return refusal(422, BACKDATE_NOT_ALLOWED, message, admin ? 'data.backdateReason' : 'occurredAt');
}
