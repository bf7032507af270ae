import { z } from 'zod';
import {
  epochDayOfLocalDate,
  instantSchema,
  integer,
  localDateSchema,
  procedureCodeSchema,
  responseInstantSchema,
} from './primitives';
import { dayKindSchema } from './vocabulary';

/** Days a deadline steps over: every non-working kind. */
export const SKIPPED_DAY_KINDS = ['weekend', 'holiday', 'compensatory', 'swap_off'] as const;

/** `GET /api/v1/calendar/due?procedureCode=&receivedAt=`: a preview that stores nothing. */
export const calendarDueQuerySchema = z.object({
  procedureCode: procedureCodeSchema,
  receivedAt: instantSchema,
});
export type CalendarDueQuery = z.output<typeof calendarDueQuerySchema>;

const maybeAt = responseInstantSchema.nullable();

export const skippedDaySchema = z
  .object({
    date: localDateSchema,
    reason: z.string(),
    kind: z.enum(SKIPPED_DAY_KINDS),
  })
  .meta({ id: 'SkippedDay', description: 'A non-working day the deadline stepped over, and why' });
export type SkippedDayView = z.output<typeof skippedDaySchema>;

export const duePreviewSchema = z
  .object({
    procedureCode: z.string(),
    procedureVersion: integer(1),
    calendarVersions: z.record(z.string(), integer(1)).describe('published calendar version per year'),
    effectiveStartAt: responseInstantSchema,
    dueAt: maybeAt,
    warningAt: maybeAt,
    apologyDeadline: maybeAt,
    skipped: z.array(skippedDaySchema),
    provisional: z.boolean(),
  })
  .meta({ id: 'DuePreview', description: 'The appointment a receipt at receivedAt would get' });
export type DuePreview = z.output<typeof duePreviewSchema>;

/** At most a leap year of days per request. */
export const MAX_CALENDAR_DAYS = 366;

/** `GET /api/v1/calendar/days?from=&to=`: real dates, `to` not before `from`, at most 366 days. */
export const calendarDaysQuerySchema = z
  .object({ from: localDateSchema, to: localDateSchema })
  .superRefine((q, ctx) => {
    const [from, to] = [epochDayOfLocalDate(q.from), epochDayOfLocalDate(q.to)];
    if (from === null || to === null) return;
    const span = to - from;
    if (span < 0)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from', input: q.to });
    if (span >= MAX_CALENDAR_DAYS)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `the range may cover at most ${MAX_CALENDAR_DAYS} days`,
        input: q.to,
      });
  });
export type CalendarDaysQuery = z.output<typeof calendarDaysQuerySchema>;

export const calendarDaySchema = z
  .object({
    date: localDateSchema,
    working: z.boolean(),
    kind: dayKindSchema,
    name: z.string().optional(),
    provisional: z.boolean().describe('the year has no official schedule: statutory rules were used'),
  })
  .meta({ id: 'CalendarDay', description: 'One day of the working calendar' });

export const calendarDaysSchema = z
  .array(calendarDaySchema)
  .meta({ id: 'CalendarDays', description: 'The days of a range, in order' });
export type CalendarDayView = z.output<typeof calendarDaySchema>;
