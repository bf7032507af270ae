import type { DossierEventType, FieldProblem } from '@motcua/contracts';
import type { AppError } from '../app-error';
import { refusalOf, UNKNOWN_UNIT } from './intake-refusal';

/** The fields of `data` that name a unit, per event type: each must be a unit of the catalogue. */
export const UNIT_FIELDS: Readonly<Partial<Record<DossierEventType, readonly string[]>>> = {
  forwarded: ['fromUnit', 'toUnit'],
  apology_issued: ['responsibleUnit'],
  apology_drafted: ['responsibleUnit'],
};

/** Issue 7, point 4: `422 unknown_unit` naming every unit field whose code is not in the catalogue. */
export function unknownUnitRefusal(
  e: { type: DossierEventType; data: unknown },
  units: ReadonlySet<string>,
): AppError | null {
  const data = (e.data ?? {}) as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  for (const name of UNIT_FIELDS[e.type] ?? []) {
    const code = data[name];
    if (typeof code === 'string' && !units.has(code))
      problems.push({ field: `data.${name}`, problem: `unit ${code} is not in the catalogue` });
  }
  if (problems.length === 0) return null;
  return refusalOf(422, UNKNOWN_UNIT, problems.map((p) => p.problem).join('; '), problems);
}
