import type { ProjectionRow, StoredEvent } from '@motcua/database';
import { nextDeadlineOf, slaFactsOf, timelessState, type DossierState } from '@motcua/sla';

/**
 * The projection row of a dossier folded at `now` from `events` (all of its stored events). Nothing in it depends
 * on `now` except `nextDeadlineAt`, the tracker's index: the columns and the state stay true until the next event.
 */
export function projectionRowOf(
  code: string,
  state: DossierState,
  version: number | null,
  events: ReadonlyArray<StoredEvent>,
  now: number,
): ProjectionRow {
  const facts = slaFactsOf(state);
  const units = [
    ...new Set([state.steps[0]?.unitCode ?? state.unitCode, ...state.handovers.map((h) => h.toUnit)]),
  ].filter((u): u is string => typeof u === 'string');
  const maxSeq = events.reduce((m, e) => (BigInt(e.seq) > m ? BigInt(e.seq) : m), 0n);
  return {
    code,
    procedureCode: state.procedureCode,
    procedureVersion: version,
    unitCode: state.unitCode,
    units,
    channel: state.channel,
    status: state.status,
    nationalStatus: state.nationalStatus,
    isOpen: facts.open,
    isPaused: facts.paused,
    receivedAt: state.receivedAt,
    dueAt: state.dueAt,
    warningAt: state.warningAt,
    apologyDeadline: facts.apologyDeadline,
    apologyIssued: facts.apologyIssued,
    receivedLate: state.receivedLate,
    nextDeadlineAt: nextDeadlineOf(facts, now),
    finishedAt: state.finishedAt,
    outcome: state.sla.outcome,
    outcomeByInstant: state.sla.outcomeByInstant,
    state: timelessState(state),
    appliedSeq: maxSeq.toString(),
  };
}
