import type { Logger } from '@nestjs/common';
import type { RulesProvider } from '../rules/rules.provider';

/**
 * `now` if the office is open, else its next opening on the calendar published now: staff mails are sent inside
 * office hours only. A calendar that cannot count (a missing year under `refuse`) holds nothing back.
 */
export async function officeOpening(rules: RulesProvider, now: number, log: Logger): Promise<number> {
  try {
    const calendar = (await rules.snapshot()).calendars.latest();
    return calendar.isWorkingTime(now) ? now : calendar.nextOpening(now);
  } catch (err) {
    log.warn(
      `office hours unknown, staff mail not held: ${err instanceof Error ? err.message : String(err)}`,
    );
    return now;
  }
}
