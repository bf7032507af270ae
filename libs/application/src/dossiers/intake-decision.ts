import type { DossierEventInput, Principal } from '@motcua/contracts';
import type { StoredEvent } from '@motcua/database';
import { previewDue, type DossierState } from '@motcua/sla';
import type { AppError } from '../app-error';
import { present } from '../presentation/instants';
import { toRules } from '../rules/procedure-rules';
import { procedureAt, type Rules } from '../rules/rules.provider';
import { hasReception, type StoredFold } from './dossier-fold';
import { eventAuthority, receptionAuthority } from './intake-authority';
import { backdateRefusal, lateWorkingMinutes } from './intake-backdating';
import { instantRefusal } from './intake-instants';
import { refusal } from './intake-refusal';
import { transitionRefusal, tryFold } from './intake-transitions';
import { unknownUnitRefusal } from './intake-units';

/** A validated event with its dossier code (for a reception without one: a placeholder until one is issued). */
export type Validated = DossierEventInput & { dossierCode: string };

type Reception = Extract<Validated, { type: 'received' | 'refused_at_reception' }>;
export const isReception = (e: { type: string }): e is Reception =>
  e.type === 'received' || e.type === 'refused_at_reception';

/** What one decision needs besides the event and its dossier's history: taken once per call. */
export interface IntakeContext {
  rules: Rules;
  /** The server clock: the moment the event is recorded. */
  now: number;
  /** Unit codes of the catalogue. */
  units: ReadonlySet<string>;
  /** `intake.backdateAllowanceWorkingMinutes`. */
  allowanceWorkingMinutes: number;
}

/** An accepted event: the answer to give, how far back it is dated (stored with it), the fold with it. */
export interface Acceptance {
  body: Record<string, unknown>;
  lateWorkingMinutes: number;
  /** The dossier folded with this event: the next event of the same call starts from it. */
  fold: StoredFold;
}

/** The event as the dossier's history will hold it once stored. */
export function asStored(
  e: Validated,
  lateWorkingMinutes: number | null = null,
  rulesRevision: number | null = null,
): StoredEvent {
  return {
    rulesRevision,
    id: e.id,
    dossierCode: e.dossierCode,
    type: e.type,
    occurredAt: e.occurredAt,
    data: e.data,
    seq: '0',
    appliedAt: null,
    lateWorkingMinutes,
  };
}

/**
 * The intake decision for one event against its dossier's committed history (plus the events accepted earlier
 * in the same call), in this order: instants in range (422) → the dossier exists or not, the procedure is known
 * (422) → the caller's role and unit scope (403) → unit codes in the catalogue (422) → back-dating (422) →
 * what the fold says (422). The first refusal answers; nothing refused is stored.
 */
export function decide(
  e: Validated,
  principal: Principal,
  history: StoredEvent[],
  ctx: IntakeContext,
  /** The fold of `history`, when the caller has it already (the previous event of the same call). */
  folded?: StoredFold,
): Acceptance | AppError {
  const { rules, now } = ctx;
  const outOfRange = instantRefusal(e, now);
  if (outOfRange) return outOfRange;
  const exists = hasReception(history);
  let before: DossierState | null = null;
  if (isReception(e)) {
    if (exists)
      return refusal(422, 'dossier_exists', `dossier ${e.dossierCode} was already received`, 'dossierCode');
    const version = procedureAt(rules, e.data.procedureCode, e.occurredAt);
    if (!version) {
      const message = `procedure ${e.data.procedureCode} is not in the catalogue`;
      return refusal(422, 'unknown_procedure', message, 'data.procedureCode');
    }
    const receivingUnit = version.definition.steps[0]?.unitCode ?? version.definition.leadUnitCode;
    const forbidden = receptionAuthority(e.type, principal, receivingUnit);
    if (forbidden) return forbidden;
  } else {
    if (!exists)
      return refusal(422, 'unknown_dossier', `dossier ${e.dossierCode} was never received`, 'dossierCode');
    const fold = folded ?? tryFold(history, rules, now);
    if (fold instanceof Error) {
      const message = `the dossier's stored events cannot be folded: ${fold.message}`;
      return refusal(422, 'transition_not_allowed', message, 'dossierCode');
    }
    before = fold.state;
    const forbidden = eventAuthority(e, principal, before);
    if (forbidden) return forbidden;
  }
  const unknownUnit = unknownUnitRefusal(e, ctx.units);
  if (unknownUnit) return unknownUnit;
  const late = lateWorkingMinutes(e.occurredAt, now, rules.calendars.at(now));
  const backdated = backdateRefusal(e, principal, late, ctx.allowanceWorkingMinutes);
  if (backdated) return backdated;
  const after = tryFold([...history, asStored(e, null, rules.revision)], rules, now);
  const notAllowed = transitionRefusal(e, principal, history, before, after);
  if (notAllowed) return notAllowed;
  // transitionRefusal refuses a fold that threw, so `after` is a fold here.
  return { body: answerOf(e, rules), lateWorkingMinutes: late, fold: after as StoredFold };
}

/** The 202 body: for a reception also the appointment and the receipt's address. */
function answerOf(e: Validated, rules: Rules): Record<string, unknown> {
  const body: Record<string, unknown> = { id: e.id, dossierCode: e.dossierCode, status: 'accepted' };
  if (e.type === 'received') {
    const version = procedureAt(rules, e.data.procedureCode, e.occurredAt)!;
    // What a reception now is folded with: the calendar and settings published at its instant.
    const published = rules.at(e.occurredAt);
    const p = previewDue(published.calendar, published.settings, toRules(version), e.occurredAt);
    Object.assign(body, present({ dueAt: p.dueAt }), { receiptUrl: receiptUrlOf(e.dossierCode) });
  }
  return body;
}

export const receiptUrlOf = (code: string) => `/api/v1/dossiers/${encodeURIComponent(code)}/receipt`;
