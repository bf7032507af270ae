import { z } from 'zod';
import { MAX_INDICATOR_DAYS } from './indicators.schema';
import { CODE_PATTERN, localDateSchema, periodRefinement, text } from './primitives';

/** The form code printed on the table (Thông tư 01/2020/TT-VPCP, domain.md §7.1). */
export const REPORT_06A_FORM = 'II.06a/VPCP/KSTT';
export const REPORT_06A_FORMATS = ['json', 'csv', 'xlsx'] as const;

/** `GET /api/v1/reports/06a?from=&to=&unit=&procedure=&field=&format=`. */
export const report06aQuerySchema = z
  .object({
    from: localDateSchema.describe('first day of the period (local date, included)'),
    to: localDateSchema.describe('last day of the period (local date, included)'),
    unit: text(64, { pattern: CODE_PATTERN })
      .optional()
      .describe('the responsible unit: the dossiers of the procedures it leads (catalogue leadUnitCode)'),
    procedure: text(32, { pattern: CODE_PATTERN }).optional().describe('a procedure code'),
    field: text(200).optional().describe('a field (lĩnh vực) of the catalogue'),
    format: z
      .enum(REPORT_06A_FORMATS)
      .default('json')
      .describe('json (default), csv (UTF-8 with BOM) or xlsx'),
  })
  .superRefine(periodRefinement(MAX_INDICATOR_DAYS));
export type Report06aQuery = z.output<typeof report06aQuerySchema>;

const count = z.number().int().min(0);

/** The 11 numeric columns of Biểu II.06a (columns 3–13), grouped as the paper table groups them. */
export const report06aCountsSchema = z
  .object({
    received: z.object({
      total: count.describe('(3) carriedOver + newOnline + newDirectOrPostal'),
      carriedOver: count.describe('(4) received before the period, not ended before it'),
      newOnline: count.describe('(5) received in the period online'),
      newDirectOrPostal: count.describe('(6) received in the period at the desk or by post'),
    }),
    resolved: z.object({
      total: count.describe('(7) early + onTime + late'),
      early: count.describe('(8) result ready in the period before the due date'),
      onTime: count.describe(
        '(9) result ready in the period on the due date (or without one), and dossiers withdrawn or stopped in the period',
      ),
      late: count.describe('(10) result ready in the period after the due date'),
    }),
    pending: z.object({
      total: count.describe('(11) withinDue + overdue: received by the end of the period, not ended by then'),
      withinDue: count.describe(
        '(12) due date not passed at the end of the period, or awaiting the applicant',
      ),
      overdue: count.describe('(13) due date passed at the end of the period'),
    }),
  })
  .meta({ id: 'Report06aCounts', description: 'Columns 3–13 of Biểu II.06a' });
export type Report06aCounts = z.output<typeof report06aCountsSchema>;

export const report06aRowSchema = report06aCountsSchema
  .extend({
    seq: z.number().int().min(1).describe('(1) TT'),
    field: z.string().describe('(2) Lĩnh vực'),
  })
  .meta({ id: 'Report06aRow', description: 'One field (lĩnh vực) of Biểu II.06a' });
export type Report06aRow = z.output<typeof report06aRowSchema>;

export const report06aSchema = z
  .object({
    formCode: z.literal(REPORT_06A_FORM),
    title: z.string(),
    from: z.string().describe('first day of the period (local date)'),
    to: z.string().describe('last day of the period (local date)'),
    unit: z.string().nullable().describe('the unit asked for (null: every unit the caller may see)'),
    unitName: z.string().nullable(),
    procedure: z.string().nullable(),
    field: z.string().nullable(),
    units: z
      .array(z.string())
      .nullable()
      .describe('the lead units the table is limited to (null: all; a unit head: theirs)'),
    granularity: z
      .enum(['date', 'datetime'])
      .describe('how early / on time / late and overdue are judged (sla.outcomeGranularity)'),
    rows: z
      .array(report06aRowSchema)
      .describe('one per field of the procedures in scope, in Vietnamese order'),
    total: report06aCountsSchema.describe('the total row'),
    notes: z.array(z.string()).describe('how the buckets are counted where the form leaves a choice'),
  })
  .meta({
    id: 'Report06a',
    description:
      'Biểu II.06a/VPCP/KSTT, “Tình hình, kết quả giải quyết TTHC” (domain.md §7.1): received, resolved and pending dossiers of a period by field',
  });
export type Report06a = z.output<typeof report06aSchema>;

export const csvDocumentSchema = z
  .string()
  .meta({ id: 'CsvDocument', description: 'CSV (RFC 4180), UTF-8 with a byte-order mark' });
