import { z } from 'zod';
import { localDateSchema, periodRefinement, text } from './primitives';
import { channelSchema } from './vocabulary';

/**
 * The rates of `GET /api/v1/metrics/summary` (domain.md §7, api-contract "Indicators and reports"), in the order the
 * dashboard shows them. Each is `{numerator, denominator, rate, target}`; `basis` says which dossiers count.
 */
export const INDICATOR_KEYS = [
  'onTimeRate',
  'onTime766Rate',
  'electronicRoutingRate',
  'electronicHandoverShare',
  'onlineSubmissionRate',
  'fullOnlineSubmissionRate',
  'onlinePaymentAvailability',
  'onlinePaymentRate',
  'digitizationRate',
  'reuseRate',
  'satisfactionRate',
  'onlineSatisfactionRate',
  'apologyCompliance',
  'supplementRate',
  'multipleSupplementRate',
  'pendingOverdueRate',
  'lateReceptionRate',
  'lateEntryRate',
] as const;
export const indicatorKeySchema = z.enum(INDICATOR_KEYS).describe('an indicator of the summary');
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

/** Which dossiers (or procedures) an indicator counts in a period. */
export const INDICATOR_BASES = ['received', 'finished', 'processed', 'pending', 'procedures'] as const;
export type IndicatorBasis = (typeof INDICATOR_BASES)[number];

export const indicatorTargetSchema = z
  .object({
    value: z.number().describe('the plan target in percent, for the year of the period end'),
    met: z.boolean().nullable().describe('rate at or above the target; null when the rate is null'),
    source: z.string().nullable().describe('the document the target comes from'),
  })
  .meta({ id: 'IndicatorTarget' });
export type IndicatorTarget = z.output<typeof indicatorTargetSchema>;

export const indicatorValueSchema = z
  .object({
    numerator: z.number().int().min(0),
    denominator: z.number().int().min(0),
    rate: z
      .number()
      .nullable()
      .describe('numerator / denominator in percent, 2 decimals; null when denominator is 0'),
    target: indicatorTargetSchema.nullable(),
    basis: z
      .enum(INDICATOR_BASES)
      .describe(
        'received: dossiers received in the period; finished: ended in it; processed: ended in it or received in it and open; pending: open now, received in it; procedures: the catalogue',
      ),
  })
  .meta({ id: 'IndicatorValue' });
export type IndicatorValue = z.output<typeof indicatorValueSchema>;

const optionalCode = (what: string) => text(64).optional().describe(what);

/** The slice every indicator route takes: a period of local dates (both included) and optional filters. */
const sliceShape = {
  from: localDateSchema.describe('first day of the period (local date, included)'),
  to: localDateSchema.describe('last day of the period (local date, included)'),
  unit: optionalCode('the responsible unit (the procedure’s lead unit)'),
  procedure: optionalCode('a procedure code'),
  field: text(200).optional().describe('a field (lĩnh vực) of the catalogue'),
  channel: channelSchema.optional(),
};

/** At most ten years per query. */
export const MAX_INDICATOR_DAYS = 3660;

const periodCheck = periodRefinement(MAX_INDICATOR_DAYS);

export const indicatorSliceQuerySchema = z.object(sliceShape).superRefine(periodCheck);
export type IndicatorSliceQuery = z.output<typeof indicatorSliceQuerySchema>;

export const indicatorSliceSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    unit: z.string().nullable(),
    procedure: z.string().nullable(),
    field: z.string().nullable(),
    channel: z.string().nullable(),
    /** The units the caller may see that the slice covers (a unit head: theirs only). */
    units: z.array(z.string()).nullable().describe('units the answer is limited to (null: all)'),
  })
  .meta({ id: 'IndicatorSlice' });

export const metricsSummarySchema = z
  .object({
    slice: indicatorSliceSchema,
    /** rollup: whole months from the rollups; dossiers: an exact pass over the period's dossiers; both: months and days. */
    source: z
      .enum(['rollup', 'rollup+dossiers', 'dossiers'])
      .describe(
        'rollup: whole months from the rollups; dossiers: an exact pass; rollup+dossiers: months and the days around them',
      ),
    targetYear: z.number().int(),
    indicators: z.record(indicatorKeySchema, indicatorValueSchema),
    avgProcessingWorkingHours: z
      .number()
      .nullable()
      .describe(
        'working hours from effective start to finish, pauses excluded, over dossiers finished in the period',
      ),
    counts: z.object({
      received: z.number().int(),
      resolved: z.number().int(),
      pendingWithinDue: z.number().int(),
      pendingOverdue: z.number().int(),
    }),
  })
  .meta({ id: 'MetricsSummary', description: 'Every indicator of domain.md §7 for one slice' });
export type MetricsSummary = z.output<typeof metricsSummarySchema>;

export const TIMESERIES_INTERVALS = ['day', 'week', 'month'] as const;
export const timeseriesQuerySchema = z
  .object({
    ...sliceShape,
    indicator: indicatorKeySchema,
    interval: z.enum(TIMESERIES_INTERVALS).default('month'),
  })
  .superRefine(periodCheck);
export type TimeseriesQuery = z.output<typeof timeseriesQuerySchema>;

export const timeseriesSchema = z
  .object({
    indicator: indicatorKeySchema,
    interval: z.enum(TIMESERIES_INTERVALS),
    points: z.array(
      z.object({
        period: z.string().describe('first day of the interval (local date)'),
        numerator: z.number().int(),
        denominator: z.number().int(),
        rate: z.number().nullable(),
        target: indicatorTargetSchema.nullable(),
      }),
    ),
  })
  .meta({ id: 'MetricsTimeseries' });
export type Timeseries = z.output<typeof timeseriesSchema>;

export const drilldownQuerySchema = z
  .object({
    ...sliceShape,
    indicator: indicatorKeySchema,
    part: z.enum(['numerator', 'denominator']).default('numerator'),
    after: text(64).optional().describe('cursor: the last code of the previous page'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .superRefine(periodCheck);
export type DrilldownQuery = z.output<typeof drilldownQuerySchema>;

export const drilldownSchema = z
  .object({
    indicator: indicatorKeySchema,
    part: z.enum(['numerator', 'denominator']),
    items: z.array(
      z.object({
        code: z.string(),
        procedureCode: z.string().nullable(),
        unitCode: z.string().nullable(),
        channel: z.string().nullable(),
        status: z.string(),
        receivedAt: z.string().nullable(),
        dueAt: z.string().nullable(),
        finishedAt: z.string().nullable(),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'MetricsDrilldown', description: 'The dossiers behind a numerator or denominator' });
export type Drilldown = z.output<typeof drilldownSchema>;

const percent = z.number().min(0).max(100);

/** config/targets.json: the plan's targets as data, by year (a year without an entry takes the latest earlier one). */
export const targetsFileSchema = z.strictObject({
  plan: text(500),
  years: z.record(z.string().regex(/^\d{4}$/, 'a year'), z.partialRecord(indicatorKeySchema, percent)),
  sources: z.partialRecord(indicatorKeySchema, text(500)).default({}),
});
export type TargetsFile = z.output<typeof targetsFileSchema>;
