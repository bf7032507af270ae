/** Thrown under `missingYearPolicy: 'refuse'` when an answer needs a year that has no official schedule (§6.9). */
export class CalendarYearMissingError extends Error {
  override readonly name = 'CalendarYearMissingError';

  constructor(readonly year: number) {
    super(
      `No official working-calendar schedule for year ${year}: add config/calendars/${year}.json ` +
        `or use missingYearPolicy 'provisional'`,
    );
  }
}

/** Thrown when an official schedule file or object does not match OfficialYearSchedule. */
export class InvalidCalendarScheduleError extends Error {
  override readonly name = 'InvalidCalendarScheduleError';
}
