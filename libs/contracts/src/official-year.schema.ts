/** config/calendars/YYYY.json: one official yearly schedule of days off and make-up working days. */
import { z } from 'zod';
import { isoWeekdayOf, isRealLocalDate, localDate, text } from './primitives';
import { shown } from './problems';
import { DAY_OFF_KINDS } from './vocabulary';

const date = localDate((input) => `is an invalid date (${shown(input)})`);
const source = text(2000);

const dayOffKindSchema = z.enum(DAY_OFF_KINDS, {
  error: (issue) =>
    issue.input === undefined
      ? undefined
      : `is an invalid kind (${shown(issue.input)}); expected one of ${DAY_OFF_KINDS.join(', ')}`,
});

const dayOffSchema = z.strictObject({
  date,
  kind: dayOffKindSchema,
  /** Vietnamese name of the occasion, e.g. "Tết Âm lịch". */
  name: text(500),
  source: source.optional(),
});

const makeupWorkdaySchema = z.strictObject({ date, name: text(500), source: source.optional() });

type Entry = { date?: unknown; kind?: unknown };

/** Dates inside the year and listed once; swaps and compensation on weekdays; make-up days on weekends. */
function checkDates(
  schedule: { year?: unknown; daysOff?: unknown; makeupWorkdays?: unknown },
  ctx: z.core.$RefinementCtx,
) {
  const year = typeof schedule.year === 'number' && Number.isInteger(schedule.year) ? schedule.year : null;
  const seen = new Set<string>();
  const visit = (
    list: 'daysOff' | 'makeupWorkdays',
    check: (entry: Entry, date: string) => string | null,
  ) => {
    const entries = schedule[list];
    if (!Array.isArray(entries)) return;
    entries.forEach((entry: Entry | undefined, i) => {
      const d = entry?.date;
      if (typeof d !== 'string' || !isRealLocalDate(d)) return;
      const issue = (message: string) =>
        ctx.addIssue({ code: 'custom', path: [list, i, 'date'], message, input: d });
      if (year !== null && !d.startsWith(`${year}-`)) issue(`${d} is outside year ${year}`);
      else if (seen.has(d)) issue(`${d} is listed twice`);
      else {
        const problem = check(entry!, d);
        if (problem) issue(problem);
      }
      seen.add(d);
    });
  };
  // A compensatory or swapped day only makes sense on a weekday; a holiday may fall on a weekend.
  visit('daysOff', (entry, d) =>
    (entry.kind === 'compensatory' || entry.kind === 'swap_off') && isoWeekdayOf(d)! >= 6
      ? `${entry.kind} ${d} falls on a weekend`
      : null,
  );
  visit('makeupWorkdays', (_entry, d) =>
    isoWeekdayOf(d)! < 6 ? `make-up day ${d} is not a Saturday or Sunday` : null,
  );
}

/**
 * One official schedule. Unknown keys are refused at every level, so that a typo in an administrator-maintained
 * file cannot silently drop a day off.
 */
export const officialYearScheduleSchema = z
  .strictObject({
    year: z.number().int().min(1000).max(9999),
    source,
    /** Days off that are not ordinary weekends (holidays, compensatory days, swapped weekdays). */
    daysOff: z.array(dayOffSchema),
    /** Weekend days declared working days. */
    makeupWorkdays: z.array(makeupWorkdaySchema),
    /** Free-text remarks, e.g. which entries are assumptions still to be confirmed. */
    notes: text(5000, { min: 0 }).optional(),
  })
  .superRefine(checkDates, { when: (payload) => typeof payload.value === 'object' && payload.value !== null })
  .meta({ id: 'OfficialYearSchedule', description: 'Official days off and make-up days of one year' });
export type OfficialYearSchedule = z.output<typeof officialYearScheduleSchema>;
