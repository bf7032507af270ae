import { describeProblems, officialYearScheduleSchema, problemsOf } from '@motcua/contracts';
import type { OfficialYearSchedule } from './calendar.types';
import { InvalidCalendarScheduleError } from './calendar.errors';

/**
 * Checks an untrusted value (parsed JSON or caller data) against the official-year contract and returns a typed copy.
 * Unknown keys are rejected so that a typo in an administrator-maintained file cannot silently drop a day off.
 */
export function validateOfficialYearSchedule(value: unknown, label = 'schedule'): OfficialYearSchedule {
  const parsed = officialYearScheduleSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new InvalidCalendarScheduleError(`${label}: ${describeProblems(problemsOf(parsed.error))}`);
}
