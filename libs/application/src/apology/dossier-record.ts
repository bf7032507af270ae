import type { StoredEvent } from '@motcua/database';
import { EventStore } from '@motcua/database';
import type { Unit } from '@motcua/contracts';
import { foldStored, receptionProcedure, type StoredFold } from '../dossiers/dossier-fold';
import type { Rules } from '../rules/rules.provider';
import { RulesProvider } from '../rules/rules.provider';
import { draftsOf, type ApologyDraft } from './apology-letter';

/** One dossier as the apology use cases read it: its events, its fold at `now`, its drafts and the catalogue. */
export interface DossierRecord {
  code: string;
  events: StoredEvent[];
  fold: StoredFold;
  procedureName: string | null;
  drafts: ApologyDraft[];
  units: Unit[];
  rules: Rules;
}

/** Reads and folds the dossiers of `codes` (those without a reception are left out) with one rules snapshot. */
export async function readDossiers(
  store: EventStore,
  provider: RulesProvider,
  codes: string[],
  now: number,
): Promise<Map<string, DossierRecord>> {
  const out = new Map<string, DossierRecord>();
  if (codes.length === 0) return out;
  const rules = await provider.snapshot();
  const units = await provider.units();
  const byCode = new Map<string, StoredEvent[]>();
  for (const e of await store.eventsOf(codes))
    byCode.set(e.dossierCode, [...(byCode.get(e.dossierCode) ?? []), e]);
  for (const [code, events] of byCode) {
    const procedureCode = receptionProcedure(events);
    if (!procedureCode) continue;
    const fold = foldStored(events, rules, now);
    const definition = rules.procedures
      .get(procedureCode)
      ?.find((v) => v.version === fold.version)?.definition;
    out.set(code, {
      code,
      events,
      fold,
      procedureName: definition?.name ?? null,
      drafts: draftsOf(events, fold.state),
      units,
      rules,
    });
  }
  return out;
}
