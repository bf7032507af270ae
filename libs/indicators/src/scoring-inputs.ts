import type { IndicatorKey, MetricsSummary } from '@motcua/contracts';
import { rateOf } from './indicator-rates';

/**
 * What the scores need beyond the summary: catalogue counts of the procedures in the slice and per-procedure use in
 * the period. Absent, the criteria that need them are N/A.
 */
export interface ProcedureUsage {
  /** Procedures in the slice (766 criterion 3.1's denominator). */
  procedures: number;
  /** Of which offered as a full or partial online service (3.1's numerator, 3.2's denominator). */
  onlineProcedures: number;
  /** Online services with at least one online dossier received in the period (3.2). */
  onlineProceduresUsed: number;
  /** Fee-bearing procedures (3.4's denominator). */
  feeProcedures: number;
  /** Fee-bearing procedures with at least one dossier paid online, received in the period (3.4). */
  feeProceduresPaidOnline: number;
  /** Dossiers with a result in the period whose procedure issues a paper result (4.1's denominator). */
  paperResultDossiers: number;
  /** Of which with an electronic result (4.1). */
  electronicResultDossiers: number;
}

export interface ScoringInputs {
  summary: MetricsSummary;
  usage?: ProcedureUsage;
}

export interface Ratio {
  numerator: number;
  denominator: number;
}

/** A rate of the summary as a ratio; null when the summary lacks it. */
export function summaryRatio(summary: MetricsSummary, key: IndicatorKey): Ratio | null {
  const v = summary.indicators[key];
  return v ? { numerator: v.numerator, denominator: v.denominator } : null;
}

/** Percent with two decimals, null for a missing ratio or an empty denominator. */
export const ratioRate = (r: Ratio | null): number | null => (r ? rateOf(r.numerator, r.denominator) : null);

/** Two decimals, as every published score (§7.3 “round to 2 decimals”). */
export const round2 = (n: number): number => Math.round(n * 100) / 100;
