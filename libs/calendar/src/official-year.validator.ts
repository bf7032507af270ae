import type { LocalDate, OfficialYearSchedule } from './calendar.types';
import { InvalidCalendarScheduleError } from './calendar.errors';
import { isValidLocalDate, weekdayOf } from './local-time.util';

type DayOffKind = OfficialYearSchedule['daysOff'][number]['kind'];

const TOP_LEVEL_KEYS = new Set(['year', 'source', 'daysOff', 'makeupWorkdays', 'notes']);
const DAY_OFF_KEYS = new Set(['date', 'kind', 'name', 'source']);
const MAKEUP_KEYS = new Set(['date', 'name', 'source']);
const DAY_OFF_KINDS: ReadonlySet<string> = new Set<DayOffKind>(['holiday', 'compensatory', 'swap_off']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/**
 * Checks an untrusted value (parsed JSON or caller data) against OfficialYearSchedule and returns a typed copy.
 * Unknown keys are rejected so that a typo in an administrator-maintained file cannot silently drop a day off.
 */
export function validateOfficialYearSchedule(value: unknown, label = 'schedule'): OfficialYearSchedule {
  const fail = (msg: string): never => {
    throw new InvalidCalendarScheduleError(`${label}: ${msg}`);
  };
  if (!isRecord(value)) return fail('must be an object');
  for (const key of Object.keys(value)) if (!TOP_LEVEL_KEYS.has(key)) fail(`unknown key "${key}"`);
  const { year, source, daysOff, makeupWorkdays, notes } = value;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1000 || year > 9999) {
    return fail('year must be an integer');
  }
  if (!nonEmptyString(source)) return fail('source must be a non-empty string');
  if (notes !== undefined && typeof notes !== 'string') fail('notes must be a string');
  if (!Array.isArray(daysOff)) return fail('daysOff must be an array');
  if (!Array.isArray(makeupWorkdays)) return fail('makeupWorkdays must be an array');

  const seen = new Set<LocalDate>();
  const checkDate = (date: unknown, where: string): LocalDate => {
    if (typeof date !== 'string' || !isValidLocalDate(date))
      return fail(`${where}: invalid date ${String(date)}`);
    if (!date.startsWith(`${year}-`)) fail(`${where}: ${date} is outside year ${year}`);
    if (seen.has(date)) fail(`${where}: ${date} is listed twice`);
    seen.add(date);
    return date;
  };

  const outDaysOff: Array<OfficialYearSchedule['daysOff'][number]> = [];
  daysOff.forEach((entry: unknown, i) => {
    const where = `daysOff[${i}]`;
    if (!isRecord(entry)) return fail(`${where} must be an object`);
    for (const key of Object.keys(entry)) if (!DAY_OFF_KEYS.has(key)) fail(`${where}: unknown key "${key}"`);
    const date = checkDate(entry.date, where);
    const kind = entry.kind;
    if (typeof kind !== 'string' || !DAY_OFF_KINDS.has(kind))
      return fail(`${where}: invalid kind ${String(kind)}`);
    // A compensatory or swapped day only makes sense on a weekday; a holiday may fall on a weekend.
    if (kind !== 'holiday' && weekdayOf(date) >= 6) fail(`${where}: ${kind} ${date} falls on a weekend`);
    if (!nonEmptyString(entry.name)) return fail(`${where}: name is required`);
    if (entry.source !== undefined && !nonEmptyString(entry.source))
      fail(`${where}: source must be a string`);
    outDaysOff.push({
      date,
      kind: kind as DayOffKind,
      name: entry.name,
      ...(entry.source !== undefined ? { source: entry.source as string } : {}),
    });
  });

  const outMakeup: Array<OfficialYearSchedule['makeupWorkdays'][number]> = [];
  makeupWorkdays.forEach((entry: unknown, i) => {
    const where = `makeupWorkdays[${i}]`;
    if (!isRecord(entry)) return fail(`${where} must be an object`);
    for (const key of Object.keys(entry)) if (!MAKEUP_KEYS.has(key)) fail(`${where}: unknown key "${key}"`);
    const date = checkDate(entry.date, where);
    if (weekdayOf(date) < 6) fail(`${where}: make-up day ${date} is not a Saturday or Sunday`);
    if (!nonEmptyString(entry.name)) return fail(`${where}: name is required`);
    if (entry.source !== undefined && !nonEmptyString(entry.source))
      fail(`${where}: source must be a string`);
    outMakeup.push({
      date,
      name: entry.name,
      ...(entry.source !== undefined ? { source: entry.source as string } : {}),
    });
  });

  return {
    year,
    source,
    daysOff: outDaysOff,
    makeupWorkdays: outMakeup,
    ...(notes !== undefined ? { notes: notes as string } : {}),
  };
}
