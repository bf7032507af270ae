import { hasUnit, type FieldProblem, type Principal, type ProcedureDefinition } from '@motcua/contracts';
import type { ProcedureScope } from '@motcua/database';
import { AppError } from '../app-error';
import type { Rules } from '../rules/rules.provider';

/** Roles that read every unit's reports; a unit head reads its own units'. */
const READ_ALL = new Set(['admin', 'manager']);

/**
 * The lead units a caller's report covers (null: every unit). Managers and administrators see all; a unit head
 * sees its own units (403 for another); other roles get no reports (403).
 */
export function reportUnits(principal: Principal, unit: string | undefined): string[] | null {
  const readsAll = principal.roles.some((r) => READ_ALL.has(r));
  // The role decides first, as for the indicators: an officer of every unit ('*') is still no report reader.
  if (!readsAll && !principal.roles.includes('unit_head'))
    throw AppError.forbidden('reports are for managers and unit heads');
  if (readsAll || principal.units.includes('*')) return unit === undefined ? null : [unit];
  if (unit === undefined) return [...principal.units];
  if (!hasUnit(principal, unit)) throw AppError.forbidden(`unit ${unit} is outside your units`);
  return [unit];
}

/** The catalogue names a filter must match: 400 naming the field otherwise. */
export function checkCatalogueFilters(
  rules: Rules,
  unitCodes: ReadonlyArray<string>,
  q: { unit?: string; procedure?: string; field?: string },
): void {
  const problems: FieldProblem[] = [];
  if (q.unit !== undefined && !unitCodes.includes(q.unit))
    problems.push({ field: 'unit', problem: `unknown unit ${q.unit}` });
  if (q.procedure !== undefined && !rules.procedures.has(q.procedure))
    problems.push({ field: 'procedure', problem: `unknown procedure ${q.procedure}` });
  if (q.field !== undefined && !versionsOf(rules).some((v) => v.definition.field === q.field))
    problems.push({ field: 'field', problem: `no procedure of the catalogue is in the field “${q.field}”` });
  if (problems.length > 0) throw AppError.invalid(problems);
}

const versionsOf = (rules: Rules) => [...rules.procedures.values()].flat();

/** The procedure versions of a report, and the field of each. */
export interface ReportProcedures extends ProcedureScope {
  fields: string[];
  definitionOf: (code: string, version: number) => ProcedureDefinition | null;
}

/**
 * Every published procedure version led by one of `units` (all when null), of `procedure` and `field` when
 * given: a dossier counts under the version it was received under, so a procedure whose lead unit or field
 * changed counts each dossier where it belonged then.
 */
export function reportProcedures(
  rules: Rules,
  f: { units: string[] | null; procedure?: string; field?: string },
): ReportProcedures {
  const chosen = versionsOf(rules).filter(
    (v) =>
      (f.units === null || f.units.includes(v.definition.leadUnitCode)) &&
      (f.procedure === undefined || v.code === f.procedure) &&
      (f.field === undefined || v.definition.field === f.field),
  );
  const byKey = new Map(chosen.map((v) => [`${v.code}@${v.version}`, v.definition]));
  return {
    codes: chosen.map((v) => v.code),
    versions: chosen.map((v) => v.version),
    obligationPauses: chosen.map((v) => v.definition.pauseOnFinancialObligation === true),
    fields: [...new Set(chosen.map((v) => v.definition.field))],
    definitionOf: (code, version) => byKey.get(`${code}@${version}`) ?? null,
  };
}
