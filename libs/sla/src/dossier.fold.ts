import { assess } from './dossier.assessment';
import type { FoldContext } from './dossier.record';
import { applyEvents } from './dossier.transitions';
import type { DossierEvent, DossierEventType, DossierState } from './sla.types';

export type { FoldContext } from './dossier.record';
export { classify, slaFactsOf } from './dossier.assessment';

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
};

export function compareEvents(a: DossierEvent, b: DossierEvent): number {
  return (
    a.occurredAt - b.occurredAt ||
    TYPE_RANK[a.type] - TYPE_RANK[b.type] ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Folds a dossier's events (any arrival order) into its state at `now`. Pure and deterministic. */
export function foldDossier(events: ReadonlyArray<DossierEvent>, ctx: FoldContext): DossierState {
  // Transitions record what happened in order; the assessment then computes everything that depends on `now`.
  return assess(applyEvents([...events].sort(compareEvents), ctx), ctx);
}
