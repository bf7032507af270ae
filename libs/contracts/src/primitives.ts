import { z } from 'zod';
import { typeName } from './problems';

/** Codes of units, procedures and procedure steps: letters, digits, dot, underscore, hyphen. */
export const CODE_PATTERN = /^[A-Za-z0-9._-]+$/;
export const DOSSIER_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export interface TextOptions {
  /** Counted on the trimmed text, so that blanks do not pass for a name; default 1. */
  min?: number;
  pattern?: RegExp;
}

/** A UTF-16 surrogate without its other half: PostgreSQL cannot store it in jsonb (nor a NUL character). */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const UNSTORABLE_TEXT_PROBLEM = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/** Text PostgreSQL can store: no NUL character, no unpaired surrogate (either would fail the whole commit). */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !UNPAIRED_SURROGATE.test(value);
}

/** Free text as stored: NFC-normalised (Vietnamese may arrive decomposed), at most `max` characters. */
export function text(max: number, { min = 1, pattern }: TextOptions = {}) {
  let schema = z
    .string()
    .refine(isStorableText, { error: UNSTORABLE_TEXT_PROBLEM, abort: true })
    .overwrite((value) => value.normalize('NFC'));
  if (min > 0) {
    const atLeast = `must have at least ${min} character(s)`;
    schema = schema.min(min).refine((value) => value.trim().length >= min, { error: atLeast });
  }
  schema = schema.max(max);
  return pattern ? schema.regex(pattern) : schema;
}

export const unitCodeSchema = text(64, { pattern: CODE_PATTERN }).meta({
  id: 'UnitCode',
  description: 'Code of a unit (đơn vị), e.g. LDTBXH.VP',
  example: 'LDTBXH.VP',
});
export const procedureCodeSchema = text(32, { pattern: CODE_PATTERN }).meta({
  id: 'ProcedureCode',
  description: 'National code of an administrative procedure (mã TTHC), e.g. 1.014199',
  example: '1.014199',
});
export const dossierCodeSchema = text(64, { pattern: DOSSIER_CODE_PATTERN }).meta({
  id: 'DossierCode',
  description: 'Dossier code (mã hồ sơ)',
  example: 'H57.12-250124-0001',
});
/** Whether `code` can name a dossier at all (a path segment is checked before any storage sees it). */
export function isDossierCode(code: string): boolean {
  return dossierCodeSchema.safeParse(code).success;
}
/** Length before pattern, so a short id reads "at least 36 character(s)"; stored lower-case. */
export const uuidSchema = z
  .string()
  .min(36)
  .max(36)
  .regex(UUID_PATTERN)
  .overwrite((value) => value.toLowerCase())
  .meta({ id: 'Uuid', description: 'A UUID', format: 'uuid' });
export const emailSchema = text(254, { min: 3, pattern: EMAIL_PATTERN });

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO 8601 instant that carries an offset; null when the text or the date is impossible. */
export function parseIsoInstant(text: string): number | null {
  const m = ISO_WITH_OFFSET.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

export const INSTANT_PROBLEM =
  'must be a real ISO 8601 date-time with an offset, e.g. 2025-01-24T16:00:00+07:00';
const INSTANT_EXAMPLE = '2025-01-24T16:00:00+07:00';

/** An instant in a request: ISO 8601 with an offset in, epoch milliseconds out. */
export const instantSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? undefined
        : `must be an ISO 8601 date-time string, got ${typeName(issue.input)}`,
  })
  .transform((value, ctx) => {
    const t = parseIsoInstant(value);
    if (t !== null) return t;
    ctx.issues.push({ code: 'custom', message: INSTANT_PROBLEM, input: value });
    return z.NEVER;
  })
  .meta({
    id: 'Instant',
    description: 'ISO 8601 date-time with an offset (Z or ±HH:MM)',
    format: 'date-time',
    example: INSTANT_EXAMPLE,
  });

/** An instant in a response: ISO 8601 in Asia/Ho_Chi_Minh, always `+07:00`. */
export const responseInstantSchema = z.string().meta({
  id: 'ResponseInstant',
  description: 'ISO 8601 date-time in Asia/Ho_Chi_Minh (+07:00)',
  format: 'date-time',
  example: INSTANT_EXAMPLE,
});

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a real `YYYY-MM-DD` date (years 1000–9999), else null. */
export function epochDayOfLocalDate(date: string): number | null {
  const m = LOCAL_DATE.exec(date);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1000 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

export function isRealLocalDate(date: string): boolean {
  return epochDayOfLocalDate(date) !== null;
}

/** ISO weekday of a real local date: 1 = Monday … 7 = Sunday. */
export function isoWeekdayOf(date: string): number | null {
  const day = epochDayOfLocalDate(date);
  return day === null ? null : ((((day + 3) % 7) + 7) % 7) + 1;
}

export const LOCAL_DATE_PROBLEM = 'must be a real date YYYY-MM-DD';

/** A local calendar date `YYYY-MM-DD`; `problem` replaces the wording of an impossible date. */
export function localDate(problem: string | ((input: unknown) => string) = LOCAL_DATE_PROBLEM) {
  const error = (issue: { input?: unknown }) =>
    typeof problem === 'string' ? problem : problem(issue.input);
  return z.string().refine(isRealLocalDate, { error });
}

export const localDateSchema = localDate().meta({
  id: 'LocalDate',
  description: 'A local date in Asia/Ho_Chi_Minh, YYYY-MM-DD',
  format: 'date',
  example: '2025-01-24',
});

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A local wall-clock time `HH:MM`, 00:00–23:59. */
export const clockTimeSchema = z
  .string()
  .regex(CLOCK_TIME, { error: 'must be a time HH:MM (00:00–23:59)' })
  .meta({ id: 'ClockTime', description: 'Local time of day, HH:MM', example: '15:00' });

/** An integer within bounds (a JSON number, not a numeric string). */
export function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  return z.number().int().min(min).max(max);
}

/**
 * The check of a period of local dates `from`–`to` (both included): `to` not before `from`, at most `maxDays` days;
 * the problem is on `to`. For `.superRefine` of a query schema.
 */
export function periodRefinement(maxDays: number) {
  return (q: { from: string; to: string }, ctx: z.RefinementCtx): void => {
    const [from, to] = [epochDayOfLocalDate(q.from), epochDayOfLocalDate(q.to)];
    if (from === null || to === null) return;
    if (to < from)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from', input: q.to });
    else if (to - from >= maxDays)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `the period may cover at most ${maxDays} days`,
        input: q.to,
      });
  };
}
