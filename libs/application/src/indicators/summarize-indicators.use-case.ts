import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import {
  INDICATOR_KEYS,
  drilldownQuerySchema,
  indicatorSliceQuerySchema,
  parseWith,
  timeseriesQuerySchema,
  type Drilldown,
  type IndicatorKey,
  type IndicatorSliceQuery,
  type IndicatorValue,
  type MetricsSummary,
  type Principal,
  type Timeseries,
} from '@motcua/contracts';
import { IndicatorRepository } from '@motcua/database';
import {
  INDICATOR_DEFINITIONS,
  averageProcessingHours,
  indicatorValue,
  type CounterTotals,
} from '@motcua/indicators';
import { AppError } from '../app-error';
import { RulesProvider } from '../rules/rules.provider';
import { resolveSlice, type ResolvedSlice } from './indicator-slice';

function parsed<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const r = parseWith(schema, query);
  if (!r.ok) throw AppError.invalid(r.problems);
  return r.value;
}

function sumTotals(parts: CounterTotals[]): CounterTotals {
  const [first, ...rest] = parts;
  for (const p of rest) for (const k of Object.keys(p) as Array<keyof CounterTotals>) first[k] += p[k];
  return first;
}

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

/**
 * `GET /api/v1/metrics/summary`, `/timeseries` and `/dossiers` (issue 10): every indicator of domain.md §7 for a
 * slice. The whole months of the period read the incremental rollups, the days around them take an exact pass over
 * their dossiers; both sum the same per-dossier facts, so they agree.
 */
@Injectable()
export class SummarizeIndicators {
  constructor(
    private readonly indicators: IndicatorRepository,
    private readonly rules: RulesProvider,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'targets'>,
  ) {}

  /** The HTTP door: the query as it came. */
  summarize(query: unknown, principal: Principal): Promise<MetricsSummary> {
    return this.summary(principal, parsed(indicatorSliceQuerySchema, query));
  }

  async summary(principal: Principal, query: IndicatorSliceQuery): Promise<MetricsSummary> {
    const slice = await resolveSlice(query, principal, this.rules);
    const { months, days } = slice.split;
    const parts = await Promise.all([
      ...(months ? [this.indicators.totalsByMonths(months, slice.filter)] : []),
      ...days.map((d) => this.indicators.totalsExact(d, slice.filter)),
    ]);
    const totals = sumTotals(parts);
    return {
      slice: slice.echo,
      source: months ? (days.length > 0 ? 'rollup+dossiers' : 'rollup') : 'dossiers',
      targetYear: slice.targetYear,
      indicators: this.valuesOf(totals, slice),
      avgProcessingWorkingHours: averageProcessingHours(totals),
      counts: {
        received: totals.received,
        resolved: totals.resolved,
        pendingWithinDue: totals.pending - totals.pendingOverdue,
        pendingOverdue: totals.pendingOverdue,
      },
    };
  }

  async timeseries(query: unknown, principal: Principal): Promise<Timeseries> {
    const q = parsed(timeseriesQuerySchema, query);
    const slice = await resolveSlice(q, principal, this.rules);
    const byPeriod = await this.indicators.series(slice.range, slice.months, q.interval, slice.filter);
    const points = [...byPeriod.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([period, totals]) => {
        const v = indicatorValue(
          q.indicator,
          totals,
          slice.procedures,
          this.config.targets,
          Number(period.slice(0, 4)),
        );
        return { period, numerator: v.numerator, denominator: v.denominator, rate: v.rate, target: v.target };
      });
    return { indicator: q.indicator, interval: q.interval, points };
  }

  /** The dossiers behind a numerator or denominator (procedures for online-payment availability: none). */
  async drilldown(query: unknown, principal: Principal): Promise<Drilldown> {
    const q = parsed(drilldownQuerySchema, query);
    const slice = await resolveSlice(q, principal, this.rules);
    if (q.indicator === 'onlinePaymentAvailability')
      throw AppError.invalid([
        { field: 'indicator', problem: 'onlinePaymentAvailability counts procedures, not dossiers' },
      ]);
    const d = INDICATOR_DEFINITIONS[q.indicator];
    // A dossier counts in a sum when it has any of its positive terms (a subtracted term only narrows it).
    const terms = (q.part === 'numerator' ? d.numerator : d.denominator)
      .filter(([, s]) => s > 0)
      .map(([c]) => c);
    const negative = (q.part === 'numerator' ? d.numerator : d.denominator)
      .filter(([, s]) => s < 0)
      .map(([c]) => c);
    const rows = await this.indicators.dossiersCounting(
      terms,
      negative,
      slice.range,
      slice.filter,
      q.after ?? null,
      q.limit + 1,
    );
    const page = rows.slice(0, q.limit);
    return {
      indicator: q.indicator,
      part: q.part,
      items: page.map((r) => ({
        ...r,
        receivedAt: iso(r.receivedAt),
        dueAt: iso(r.dueAt),
        finishedAt: iso(r.finishedAt),
      })),
      nextCursor: rows.length > q.limit ? (page.at(-1)?.code ?? null) : null,
    };
  }

  private valuesOf(totals: CounterTotals, slice: ResolvedSlice): Record<IndicatorKey, IndicatorValue> {
    return Object.fromEntries(
      INDICATOR_KEYS.map((k) => [
        k,
        indicatorValue(k, totals, slice.procedures, this.config.targets, slice.targetYear),
      ]),
    ) as Record<IndicatorKey, IndicatorValue>;
  }
}
