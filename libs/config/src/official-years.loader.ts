import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  InvalidCalendarScheduleError,
  validateOfficialYearSchedule,
  type OfficialYearSchedule,
} from '@motcua/calendar';
import { readJsonFile } from './config-file.reader';

const YEAR_FILE_RE = /^(\d{4})\.json$/;
const fail = (message: string) => new InvalidCalendarScheduleError(message);

/** Loads and validates every `YYYY.json` in `dir` (config/calendars), sorted by year; the name must match `year`. */
export function loadOfficialYears(dir: string): OfficialYearSchedule[] {
  const schedules: OfficialYearSchedule[] = [];
  for (const file of readdirSync(dir).sort()) {
    const match = YEAR_FILE_RE.exec(file);
    if (!match) continue;
    const path = join(dir, file);
    const schedule = validateOfficialYearSchedule(readJsonFile(path, fail), path);
    if (schedule.year !== Number(match[1]))
      throw fail(`${path}: file name does not match year ${schedule.year}`);
    schedules.push(schedule);
  }
  return schedules;
}
