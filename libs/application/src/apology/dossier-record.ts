import type { StoredEvent } from '@motcua/database';
import { EventStore } from '@motcua/database';
import { foldStored, receptionProcedure, type StoredFold } from '../dossiers/dossier-fold';
import type { Rules } from '../rules/rules.provider';
import { RulesProvider } from '../rules/rules.provider';
import type { AppConfig } from '@motcua/config';
import {
  hasUnit,
  isDossierCode,
  type ApologyLetterView,
  type Principal,
  type ProcedureDefinition,
  type Unit,
} from '@motcua/contracts';
import { AppError } from '../app-error';
import { routeUnits } from '../dossiers/dossier.presenter';
import type { ApologyLetter } from '@motcua/sla';
import { apologyLetterOf, draftsOf, type ApologyDraft } from './apology-letter';

/** One dossier as the apology use cases read it: its events, its fold at `now`, its drafts and the catalogue. */
export interface DossierRecord {
  code: string;
  events: StoredEvent[];
  fold: StoredFold;
  procedureName: string | null;
  /** The procedure version the dossier was received under (name, duration, fee, lead unit). */
  definition: ProcedureDefinition | null;
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
      definition: definition ?? null,
      drafts: draftsOf(events, fold.state),
      units,
      rules,
    });
  }
  return out;
}

/** The apology letter of one read dossier (`letter`: an issued one to show instead of the latest), dated at `place`. */
export function letterViewOf(
  record: DossierRecord,
  config: Pick<AppConfig, 'apology' | 'documents'>,
  now: number,
  letter?: ApologyLetter,
): ApologyLetterView | null {
  const view = apologyLetterOf({
    code: record.code,
    state: record.fold.state,
    procedureName: record.procedureName,
    units: record.units,
    drafts: record.drafts,
    settings: config.apology,
    calendar: record.fold.published.calendar,
    now,
    letter,
  });
  return view && { ...view, place: config.documents.place };
}

/**
 * One dossier as the caller may read it: 404 for an impossible code, an unknown dossier, or one outside the
 * caller's units (so that its existence is not revealed).
 */
export async function readVisibleDossier(
  store: EventStore,
  provider: RulesProvider,
  code: string,
  principal: Principal,
  now: number,
): Promise<DossierRecord> {
  if (!isDossierCode(code)) throw AppError.notFound('dossier');
  const record = (await readDossiers(store, provider, [code], now)).get(code);
  if (!record || !routeUnits(record.fold.state).some((u) => hasUnit(principal, u)))
    throw AppError.notFound(`dossier ${code}`);
  return record;
}
