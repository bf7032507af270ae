import type { ProjectionRow, StoredEvent } from '@motcua/database';
import { nextDeadlineOf, pendingMilestones, slaFactsOf, timelessState, type DossierState } from '@motcua/sla';

/**
 * The projection row of a dossier folded from `events` (all of its stored events). Nothing in it depends on the
 * instant it was folded at: the columns, the pending milestones and the state stay true until the next event.
 * `nextDeadlineAt`, the deadline tracker's index, is the earliest milestone not yet acted at, past or future.
 */
export function projectionRowOf(
  code: string,
  state: DossierState,
  version: number | null,
  events: ReadonlyArray<StoredEvent>,
): Omit<ProjectionRow, 'leadUnit' | 'facts'> {
  const facts = slaFactsOf(state);
  const milestones = pendingMilestones(state);
  const current = state.steps.at(-1);
  const units = [
    ...new Set([state.steps[0]?.unitCode ?? state.unitCode, ...state.handovers.map((h) => h.toUnit)]),
  ].filter((u): u is string => typeof u === 'string');
  const maxSeq = events.reduce((m, e) => (BigInt(e.seq) > m ? BigInt(e.seq) : m), 0n);
  return {
    code,
    procedureCode: state.procedureCode,
    procedureVersion: version,
    unitCode: state.unitCode,
    holderUnit: current && current.endedAt === null ? current.unitCode : null,
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
    nextDeadlineAt: nextDeadlineOf(milestones),
    milestones,
    supplementDueAt: state.supplementDueAt,
    finishedAt: state.finishedAt,
    outcome: state.sla.outcome,
    outcomeByInstant: state.sla.outcomeByInstant,
    state: timelessState(state),
    appliedSeq: maxSeq.toString(),
  };
}
