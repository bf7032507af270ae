import { assess } from './dossier.assessment';
import type { FoldContext, FoldRecord } from './dossier.record';
import { slaStateOf } from './sla-state';
import { applyEvents, EventFault, reasonOf } from './dossier.transitions';
import type { DossierEvent, DossierEventType, DossierState } from './sla.types';

export type { FoldContext } from './dossier.record';
export { classify, classifyByInstant, slaFactsOf } from './dossier.assessment';

/** Same-instant events apply in lifecycle order, then by id, so any arrival order folds alike. */
const TYPE_RANK: Record<DossierEventType, number> = {
  received: 0,
  refused_at_reception: 0,
  forwarded: 1,
  supplement_requested: 2,
  obligation_requested: 2,
  supplement_received: 3,
  obligation_fulfilled: 3,
  paid: 4,
  digitized: 4,
  apology_issued: 5,
  result_ready: 6,
  withdrawn: 6,
  stopped: 6,
  returned: 7,
  rated: 8,
  rules_rebased: 8,
  // What the system recorded about the dossier comes after what people did at the same instant.
  deadline_reached: 9,
  apology_drafted: 9,
  notification_sent: 9,
  notification_failed: 9,
};

/** The deadline a `deadline_reached` event names (0 for other types). */
const deadlineOf = (e: DossierEvent) => (e.type === 'deadline_reached' ? e.data.at : 0);

export function compareEvents(a: DossierEvent, b: DossierEvent): number {
  return (
    a.occurredAt - b.occurredAt ||
    TYPE_RANK[a.type] - TYPE_RANK[b.type] ||
    // Deadlines the tracker acted at in one go read in the order of the deadlines.
    deadlineOf(a) - deadlineOf(b) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * Folds a dossier's events (any arrival order) into its state at `now`. Pure, deterministic and total: an error
 * raised while applying an event rejects that event; one raised while assessing the result rejects the newest
 * applied event. Either way the fold is redone without it, so one bad date never makes the dossier unreadable.
 */
export function foldDossier(events: ReadonlyArray<DossierEvent>, ctx: FoldContext): DossierState {
  const sorted = [...events].sort(compareEvents);
  const refused = new Map<string, string>();
  // Every failed pass refuses one more event, so there are at most events.length + 1 passes.
  for (;;) {
    // Transitions record what happened in order; the assessment then computes everything that depends on `now`.
    let record: FoldRecord;
    try {
      record = applyEvents(sorted, ctx, refused);
    } catch (err) {
      if (!(err instanceof EventFault)) throw err; // applyEvents turns every error into an EventFault
      refused.set(err.eventId, err.message);
      continue;
    }
    try {
      return assess(record, ctx);
    } catch (err) {
      const newest = record.state.timeline.findLast((t) => t.status === 'applied');
      // With nothing applied the record already holds the empty, closed state: nothing is left to assess.
      if (!newest) return record.state;
      const asOfNewest = assessedBefore(record, ctx, newest.occurredAt);
      if (asOfNewest) return asOfNewest;
      refused.set(newest.id, `the dossier's dates cannot be computed with this event: ${reasonOf(err)}`);
    }
  }
}

/**
 * When only the reading instant cannot be counted (e.g. `refuse` policy and no calendar for this year), no event is
 * at fault: the state is assessed as of the newest event, its SLA state taken at `now` from the time-free facts.
 */
function assessedBefore(record: FoldRecord, ctx: FoldContext, at: number): DossierState | null {
  if (at >= ctx.now) return null;
  let state: DossierState;
  try {
    state = assess(record, { ...ctx, now: at });
  } catch {
    return null;
  }
  return {
    ...state,
    sla: { ...state.sla, state: slaStateOf(state.slaFacts, ctx.now), remainingWorkingMinutes: null },
  };
}
