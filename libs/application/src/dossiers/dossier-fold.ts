import type { StoredEvent } from '@motcua/database';
import { foldDossier, type DossierEvent, type DossierState } from '@motcua/sla';
import { toRules, versionAt } from '../rules/procedure-rules';
import type { Rules } from '../rules/rules.provider';

export interface StoredFold {
  state: DossierState;
  /** The procedure version the dossier was received under. */
  version: number | null;
  /** The instant whose published calendar the dates count with: the reception, or the last re-basing. */
  anchor: number;
}

const isReception = (e: { type: string }) => e.type === 'received' || e.type === 'refused_at_reception';

/** The procedure code named by the dossier's reception, if any. */
export function receptionProcedure(events: ReadonlyArray<StoredEvent>): string | null {
  const r = events.find(isReception);
  return r ? ((r.data as { procedureCode?: string }).procedureCode ?? null) : null;
}

export function hasReception(events: ReadonlyArray<{ type: string }>): boolean {
  return events.some(isReception);
}

/**
 * Folds stored events with the procedure versions of their dossier and the calendar published at its anchor:
 * the reception, or the latest re-basing by an administrator that the fold accepted (a re-basing of a closed
 * dossier is rejected and moves nothing). Later edits of the calendar never move its dates on their own (§6.9).
 */
export function foldStored(events: ReadonlyArray<StoredEvent>, rules: Rules, now: number): StoredFold {
  const reception = events.find(isReception);
  const anchor = reception ? reception.occurredAt : now;
  const first = foldAt(events, rules, now, anchor);
  const rebased = first.state.timeline
    .filter((t) => t.type === 'rules_rebased' && t.status === 'applied' && t.occurredAt > anchor)
    .at(-1);
  if (!rebased) return { ...first, anchor };
  return { ...foldAt(events, rules, now, rebased.occurredAt), anchor: rebased.occurredAt };
}

function foldAt(events: ReadonlyArray<StoredEvent>, rules: Rules, now: number, anchor: number) {
  let version: number | null = null;
  const state = foldDossier(events as unknown as DossierEvent[], {
    calendar: rules.calendars.at(anchor),
    settings: rules.settings,
    now,
    resolveProcedure: (code, receivedAt) => {
      const v = versionAt(rules.procedures.get(code) ?? [], receivedAt);
      version = v?.version ?? null;
      return v ? toRules(v) : null;
    },
  });
  return { state, version };
}
