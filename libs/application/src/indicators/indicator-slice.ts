import { epochDayOfLocalDate, hasUnit, type IndicatorSliceQuery, type Principal } from '@motcua/contracts';
import { formatEpochDay, instantOfEpochDay } from '@motcua/calendar';
import type { IndicatorFilter, InstantRange, MonthRange } from '@motcua/database';
import type { ProcedureCounts } from '@motcua/indicators';
import { AppError } from '../app-error';
import type { RulesProvider } from '../rules/rules.provider';

/** Roles that read every unit's indicators; a unit head reads their own units'. */
const READ_ALL = new Set(['admin', 'manager']);
const READ_OWN = new Set(['unit_head']);

/** A slice resolved against the caller and the catalogue: what the repository filters on. */
export interface ResolvedSlice {
  filter: IndicatorFilter;
  range: InstantRange;
  /** The whole local months the period covers exactly, or null when it starts or ends inside a month. */
  months: MonthRange | null;
  /** The period as whole months (from the rollups) and the days around them (an exact pass). */
  split: PeriodSplit;
  procedures: ProcedureCounts;
  targetYear: number;
  echo: {
    from: string;
    to: string;
    unit: string | null;
    procedure: string | null;
    field: string | null;
    channel: string | null;
    units: string[] | null;
  };
}

const lastDayOfMonth = (date: string) => {
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};

/** A period as the whole months inside it and the days before and after them. */
export interface PeriodSplit {
  months: MonthRange | null;
  /** Instant ranges of the days outside the whole months (none, one or two). */
  days: InstantRange[];
}

const dayStart = (epochDay: number) => new Date(instantOfEpochDay(epochDay));

/** Splits a period of local dates into the whole months inside it and the days around them. */
export function splitPeriod(from: string, to: string): PeriodSplit {
  const [f, t] = [epochDayOfLocalDate(from) ?? 0, epochDayOfLocalDate(to) ?? 0];
  const firstOfMonth = (y: number, m: number) =>
    epochDayOfLocalDate(`${y}-${String(m).padStart(2, '0')}-01`) ?? 0;
  const [fy, fm] = from.split('-').map(Number);
  const start = from.endsWith('-01') ? f : fm === 12 ? firstOfMonth(fy + 1, 1) : firstOfMonth(fy, fm + 1);
  const [ty, tm] = to.split('-').map(Number);
  const endExcl =
    t + 1 === (tm === 12 ? firstOfMonth(ty + 1, 1) : firstOfMonth(ty, tm + 1)) ? t + 1 : firstOfMonth(ty, tm);
  if (start >= endExcl) return { months: null, days: [{ from: dayStart(f), to: dayStart(t + 1) }] };
  const days: InstantRange[] = [];
  if (f < start) days.push({ from: dayStart(f), to: dayStart(start) });
  if (endExcl <= t) days.push({ from: dayStart(endExcl), to: dayStart(t + 1) });
  return {
    months: { from: formatEpochDay(start), to: `${formatEpochDay(endExcl - 1).slice(0, 7)}-01` },
    days,
  };
}

/** The months of a period when it is made of whole months. */
export function wholeMonths(from: string, to: string): MonthRange | null {
  if (!from.endsWith('-01') || Number(to.slice(8, 10)) !== lastDayOfMonth(to)) return null;
  return { from, to: `${to.slice(0, 7)}-01` };
}

/**
 * Checks who asks and what for: managers and admins see every unit, a unit head their own units only (403 for
 * another), others nothing; an unknown unit, procedure or field is a 400 naming it.
 */
export async function resolveSlice(
  q: IndicatorSliceQuery,
  principal: Principal,
  rules: RulesProvider,
): Promise<ResolvedSlice> {
  const readsAll = principal.roles.some((r) => READ_ALL.has(r));
  if (!readsAll && !principal.roles.some((r) => READ_OWN.has(r)))
    throw AppError.forbidden('indicators are for managers and unit heads');
  const snapshot = await rules.snapshot();
  const known = await rules.units();
  const range = {
    from: new Date(instantOfEpochDay(epochDayOfLocalDate(q.from) ?? 0)),
    to: new Date(instantOfEpochDay((epochDayOfLocalDate(q.to) ?? 0) + 1)),
  };
  const problems: Array<{ field: string; problem: string }> = [];
  if (q.unit !== undefined && !known.some((u) => u.code === q.unit))
    problems.push({ field: 'unit', problem: `unknown unit ${q.unit}` });
  const end = range.to.getTime() - 1;
  const catalogue = [...snapshot.procedures.keys()].flatMap((code) => {
    const v = snapshot.procedureAt(code, end) ?? snapshot.procedures.get(code)?.[0] ?? null;
    return v ? [{ code, ...v.definition }] : [];
  });
  if (q.procedure !== undefined && !catalogue.some((p) => p.code === q.procedure))
    problems.push({ field: 'procedure', problem: `unknown procedure ${q.procedure}` });
  if (q.field !== undefined && !catalogue.some((p) => p.field === q.field))
    problems.push({ field: 'field', problem: `no procedure of the field ${q.field}` });
  if (problems.length > 0) throw AppError.invalid(problems);
  if (q.unit !== undefined && !readsAll && !hasUnit(principal, q.unit))
    throw AppError.forbidden(`the indicators of ${q.unit} are outside your units`);
  const own = readsAll || principal.units.includes('*') ? null : principal.units;
  const units = q.unit !== undefined ? [q.unit] : own;
  const chosen = catalogue.filter(
    (p) =>
      (q.procedure === undefined || p.code === q.procedure) &&
      (q.field === undefined || p.field === q.field) &&
      (units === null || units.includes(p.leadUnitCode)),
  );
  const procedures = q.procedure === undefined && q.field === undefined ? null : chosen.map((p) => p.code);
  const feeBearing = chosen.filter((p) => p.feeVnd > 0);
  return {
    filter: { units, procedures, channel: q.channel ?? null },
    range,
    months: wholeMonths(q.from, q.to),
    split: splitPeriod(q.from, q.to),
    procedures: {
      feeBearing: feeBearing.length,
      onlinePayment: feeBearing.filter((p) => p.onlinePayment === true).length,
    },
    targetYear: Number(q.to.slice(0, 4)),
    echo: {
      from: q.from,
      to: q.to,
      unit: q.unit ?? null,
      procedure: q.procedure ?? null,
      field: q.field ?? null,
      channel: q.channel ?? null,
      units: own,
    },
  };
}
