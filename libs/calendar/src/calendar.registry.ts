import type { CalendarOptions, Instant, OfficialYearSchedule, WorkingCalendar } from './calendar.types';
import { createWorkingCalendar } from './working-calendar';

/** One published version of a year's official schedule. */
export interface CalendarYearVersion {
  year: number;
  version: number;
  /** From this instant on, new dossiers count with this version. */
  effectiveFrom: Instant;
  schedule: OfficialYearSchedule;
}

/**
 * The calendars as published over time (engineering-notes §5): a dossier counts with the schedules that were
 * in force when it was received (or when an administrator re-based it), so editing a schedule never moves an
 * open dossier's dates silently (domain.md §6.9).
 */
export class CalendarRegistry {
  private readonly byYear = new Map<number, CalendarYearVersion[]>();
  private readonly cache = new Map<string, WorkingCalendar>();

  constructor(
    private readonly base: Omit<CalendarOptions, 'officialYears'>,
    versions: ReadonlyArray<CalendarYearVersion>,
  ) {
    for (const v of versions) this.byYear.set(v.year, [...(this.byYear.get(v.year) ?? []), v]);
    for (const list of this.byYear.values()) list.sort((a, b) => a.version - b.version);
  }

  /** The calendar made of, for each year, the latest version published at or before `t`. */
  at(t: Instant): WorkingCalendar {
    const chosen: CalendarYearVersion[] = [];
    for (const list of this.byYear.values()) {
      let pick: CalendarYearVersion | undefined;
      for (const v of list) if (v.effectiveFrom <= t) pick = v;
      if (pick) chosen.push(pick);
    }
    const key = chosen
      .map((v) => `${v.year}:${v.version}`)
      .sort()
      .join(',');
    let cal = this.cache.get(key);
    if (!cal) {
      cal = createWorkingCalendar({ ...this.base, officialYears: chosen.map((v) => v.schedule) });
      this.cache.set(key, cal);
    }
    return cal;
  }

  /** Every year at its latest version: the calendar for receipts from now on. */
  latest(): WorkingCalendar {
    return this.at(Number.MAX_SAFE_INTEGER);
  }

  /** Which version of each year governs `t`, e.g. "2024:1,2025:2". */
  versionsAt(t: Instant): Record<number, number> {
    const out: Record<number, number> = {};
    for (const [year, list] of this.byYear) {
      const pick = list.filter((v) => v.effectiveFrom <= t).at(-1);
      if (pick) out[year] = pick.version;
    }
    return out;
  }
}
