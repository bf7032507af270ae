import type { StoredEvent } from '@motcua/database';
import { foldDossier, type DossierEvent, type DossierState } from '@motcua/sla';
import { toRules } from '../rules/procedure-rules';
import type { Anchor, Rules, RulesAt } from '../rules/rules.provider';

export interface StoredFold {
  state: DossierState;
  /** The procedure version the dossier was received under. */
  version: number | null;
  /** The instant whose published calendar and settings the dates count with: the reception, or the last re-basing. */
  anchor: number;
  /** The rules revision the anchor event was recorded with (null: every publication). */
  anchorRevision: number | null;
  /** The calendar and settings the dates count with, and their versions. */
  published: RulesAt;
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
 * Folds stored events with the procedure version of their reception and the calendar and settings published at
 * the dossier's anchor: the reception, or the latest re-basing the fold accepted (a re-basing of a closed dossier
 * is rejected and moves nothing). "Published" means: in force at the anchor instant, by a publication the anchor
 * event's intake had seen (its rules revision). So a later publication — a new calendar version, changed settings,
 * even a year's first calendar, which governs all history — never moves a dossier's dates on its own: only a
 * `rules_rebased` event does (§6.9).
 */
export function foldStored(events: ReadonlyArray<StoredEvent>, rules: Rules, now: number): StoredFold {
  const reception = events.find(isReception);
  const received: Anchor = reception
    ? { at: reception.occurredAt, revision: reception.rulesRevision ?? null }
    : { at: now, revision: null };
  const first = foldAt(events, rules, now, received, received);
  const rebased = first.state.timeline
    .filter((t) => t.type === 'rules_rebased' && t.status === 'applied' && t.occurredAt > received.at)
    .at(-1);
  if (!rebased) return first;
  const event = events.find((e) => e.id === rebased.id);
  const anchor: Anchor = { at: rebased.occurredAt, revision: event?.rulesRevision ?? null };
  return foldAt(events, rules, now, anchor, received);
}

function foldAt(
  events: ReadonlyArray<StoredEvent>,
  rules: Rules,
  now: number,
  anchor: Anchor,
  received: Anchor,
): StoredFold {
  let version: number | null = null;
  const published = rules.at(anchor.at, anchor.revision);
  const state = foldDossier(events as unknown as DossierEvent[], {
    calendar: published.calendar,
    settings: published.settings,
    now,
    // The version in force at the receipt, as the reception's intake knew the catalogue.
    resolveProcedure: (code, receivedAt) => {
      const v = rules.procedureAt(code, receivedAt, received.revision);
      version = v?.version ?? null;
      return v ? toRules(v) : null;
    },
  });
  return { state, version, anchor: anchor.at, anchorRevision: anchor.revision, published };
}
