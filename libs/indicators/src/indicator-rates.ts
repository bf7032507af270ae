import type {
  IndicatorBasis,
  IndicatorKey,
  IndicatorTarget,
  IndicatorValue,
  TargetsFile,
} from '@motcua/contracts';
import type { Counter } from './dossier-facts';

/** Sums of the counters over a slice (rollup rows or dossiers). */
export type CounterTotals = Record<Counter, number>;

/** The catalogue side of online-payment availability (§7.3 3.5): fee-bearing procedures, those offering it. */
export interface ProcedureCounts {
  feeBearing: number;
  onlinePayment: number;
}

/** A sum of counters: `a + b - c` is `[['a', 1], ['b', 1], ['c', -1]]`. */
type Sum = ReadonlyArray<readonly [Counter, 1 | -1]>;
const just = (c: Counter): Sum => [[c, 1]];

interface Definition {
  basis: IndicatorBasis;
  numerator: Sum;
  denominator: Sum;
}

/**
 * Every rate of the summary as counters (domain.md §7): one place says what each numerator and denominator is,
 * for the rollups, the exact pass and the drill-down alike. Online-payment availability counts procedures.
 */
export const INDICATOR_DEFINITIONS: Record<Exclude<IndicatorKey, 'onlinePaymentAvailability'>, Definition> = {
  // §7.2 classic: resolved in the period, before or on the due date (Biểu II.06a granularity).
  onTimeRate: {
    basis: 'finished',
    numerator: [
      ['early', 1],
      ['onTime', 1],
    ],
    denominator: just('resolved'),
  },
  // §7.2 criterion 2.1: ended in the period by the due instant, plus dossiers received in it still within due.
  onTime766Rate: {
    basis: 'processed',
    numerator: [
      ['endedInTime', 1],
      ['pending', 1],
      ['pendingOverdue', -1],
    ],
    denominator: [
      ['ended', 1],
      ['pending', 1],
    ],
  },
  // §7.5: dossiers whose every handover was electronic, among those with at least one.
  electronicRoutingRate: {
    basis: 'received',
    numerator: just('routedElectronic'),
    denominator: just('routed'),
  },
  electronicHandoverShare: {
    basis: 'received',
    numerator: just('handoversElectronic'),
    denominator: just('handovers'),
  },
  onlineSubmissionRate: { basis: 'received', numerator: just('online'), denominator: just('received') },
  // §7.5: online dossiers of full-online ("toàn trình") procedures, among all dossiers of those procedures.
  fullOnlineSubmissionRate: {
    basis: 'received',
    numerator: just('fullOnline'),
    denominator: just('fullOnlineScope'),
  },
  onlinePaymentRate: { basis: 'received', numerator: just('paidOnline'), denominator: just('feeBearing') },
  digitizationRate: { basis: 'received', numerator: just('digitized'), denominator: just('received') },
  reuseRate: { basis: 'received', numerator: just('reused'), denominator: just('received') },
  satisfactionRate: { basis: 'finished', numerator: just('satisfied'), denominator: just('rated') },
  onlineSatisfactionRate: {
    basis: 'finished',
    numerator: just('satisfiedOnline'),
    denominator: just('ratedOnline'),
  },
  // §5: dossiers that owed an apology, with the letter issued before the apology deadline.
  apologyCompliance: {
    basis: 'received',
    numerator: just('apologyOnTime'),
    denominator: just('apologyNeeded'),
  },
  supplementRate: { basis: 'received', numerator: just('supplemented'), denominator: just('received') },
  multipleSupplementRate: {
    basis: 'received',
    numerator: just('multiSupplemented'),
    denominator: just('received'),
  },
  pendingOverdueRate: { basis: 'pending', numerator: just('pendingOverdue'), denominator: just('pending') },
  // §6.6: online dossiers accepted after the reception deadline.
  lateReceptionRate: { basis: 'received', numerator: just('receivedLate'), denominator: just('online') },
  lateEntryRate: { basis: 'received', numerator: just('lateEntries'), denominator: just('entries') },
};

/** Indicators where lower is better: their target is a ceiling. */
const CEILINGS = new Set<IndicatorKey>([
  'pendingOverdueRate',
  'lateReceptionRate',
  'lateEntryRate',
  'multipleSupplementRate',
]);

const total = (t: CounterTotals, sum: Sum) => sum.reduce((n, [c, sign]) => n + sign * (t[c] ?? 0), 0);

/** Percent with two decimals (§7.3 "round to 2 decimals"); null for an empty denominator. */
export function rateOf(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 10000) / 100;
}

/** The target of a year: the latest year of the file at or before it that names the indicator. */
export function targetOf(
  targets: TargetsFile,
  key: IndicatorKey,
  year: number,
  rate: number | null,
): IndicatorTarget | null {
  let best: { year: number; value: number } | null = null;
  for (const [y, values] of Object.entries(targets.years)) {
    const value = values[key];
    if (value === undefined || Number(y) > year || (best && best.year > Number(y))) continue;
    best = { year: Number(y), value };
  }
  if (!best) return null;
  const met = rate === null ? null : CEILINGS.has(key) ? rate <= best.value : rate >= best.value;
  return { value: best.value, met, source: targets.sources[key] ?? null };
}

export function numeratorDenominator(key: IndicatorKey, t: CounterTotals, procedures: ProcedureCounts) {
  if (key === 'onlinePaymentAvailability')
    return { numerator: procedures.onlinePayment, denominator: procedures.feeBearing };
  const d = INDICATOR_DEFINITIONS[key];
  return { numerator: total(t, d.numerator), denominator: total(t, d.denominator) };
}

/** One indicator of a slice with its target for `year`. */
export function indicatorValue(
  key: IndicatorKey,
  t: CounterTotals,
  procedures: ProcedureCounts,
  targets: TargetsFile,
  year: number,
): IndicatorValue {
  const { numerator, denominator } = numeratorDenominator(key, t, procedures);
  const rate = rateOf(numerator, denominator);
  const basis = key === 'onlinePaymentAvailability' ? 'procedures' : INDICATOR_DEFINITIONS[key].basis;
  return { numerator, denominator, rate, target: targetOf(targets, key, year, rate), basis };
}

/** §7.3 2.2: average working hours from effective start to finish, pauses excluded; null when none ended. */
export function averageProcessingHours(t: CounterTotals): number | null {
  return t.processed > 0 ? Math.round((t.processedMinutes / t.processed / 60) * 100) / 100 : null;
}
