/** The only I/O in the calendar library: reads config/calendars/YYYY.json at startup. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OfficialYearSchedule } from './calendar.types';
import { InvalidCalendarScheduleError } from './calendar.errors';
import { validateOfficialYearSchedule } from './official-year.validator';

const YEAR_FILE_RE = /^(\d{4})\.json$/;

/** Loads and validates every `YYYY.json` in `dir`, sorted by year; the file name must match its `year`. */
export function loadOfficialYears(dir: string): OfficialYearSchedule[] {
  const schedules: OfficialYearSchedule[] = [];
  for (const file of readdirSync(dir).sort()) {
    const match = YEAR_FILE_RE.exec(file);
    if (!match) continue;
    const path = join(dir, file);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new InvalidCalendarScheduleError(`${path}: not valid JSON (${(err as Error).message})`);
    }
    const schedule = validateOfficialYearSchedule(raw, path);
    if (schedule.year !== Number(match[1])) {
      throw new InvalidCalendarScheduleError(`${path}: file name does not match year ${schedule.year}`);
    }
    schedules.push(schedule);
  }
  return schedules;
}
