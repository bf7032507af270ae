/**
 * Decides, per year, which special days apply: the official schedule when the year has one (it replaces the
 * statutory rules entirely), else the statutory rules flagged provisional, or a refusal under 'refuse'.
 */
import type {
  CalendarOptions,
  DayKind,
  LocalDate,
  OfficialYearSchedule,
  StatutoryRuleSettings,
} from './calendar.types';
import { CalendarYearMissingError, InvalidCalendarScheduleError } from './calendar.errors';
import { validateOfficialYearSchedule } from './official-year.validator';
import { STATUTORY_SOURCE, resolveStatutorySettings, statutoryDays } from './statutory-holidays.rules';

export type SpecialDayKind = Exclude<DayKind, 'workday' | 'weekend'>;

export interface SpecialDay {
  date: LocalDate;
  kind: SpecialDayKind;
  name: string;
  source: string;
}

export interface ResolvedYear {
  year: number;
  /** False when the statutory rules were used (answers touching the year are provisional). */
  official: boolean;
  specialDays: readonly SpecialDay[];
}

export class YearScheduleResolver {
  private readonly official = new Map<number, OfficialYearSchedule>();
  private readonly statutory: StatutoryRuleSettings;
  private readonly policy: 'provisional' | 'refuse';

  constructor(options: Pick<CalendarOptions, 'officialYears' | 'missingYearPolicy' | 'statutoryRules'> = {}) {
    for (const raw of options.officialYears ?? []) {
      const schedule = validateOfficialYearSchedule(raw, `official year ${String(raw?.year)}`);
      if (this.official.has(schedule.year)) {
        throw new InvalidCalendarScheduleError(`official year ${schedule.year} is given twice`);
      }
      this.official.set(schedule.year, schedule);
    }
    this.statutory = resolveStatutorySettings(options.statutoryRules);
    this.policy = options.missingYearPolicy ?? 'provisional';
    if (this.policy !== 'provisional' && this.policy !== 'refuse') {
      throw new RangeError(`missingYearPolicy must be 'provisional' or 'refuse'`);
    }
  }

  get missingYearPolicy(): 'provisional' | 'refuse' {
    return this.policy;
  }

  get statutorySettings(): StatutoryRuleSettings {
    return this.statutory;
  }

  hasOfficial(year: number): boolean {
    return this.official.has(year);
  }

  officialSchedule(year: number): OfficialYearSchedule | undefined {
    return this.official.get(year);
  }

  /** Special days of a year; throws CalendarYearMissingError for a year without a file under 'refuse'. */
  resolve(year: number): ResolvedYear {
    const schedule = this.official.get(year);
    if (schedule) {
      const specialDays: SpecialDay[] = [
        ...schedule.daysOff.map((d) => ({
          date: d.date,
          kind: d.kind,
          name: d.name,
          source: d.source ?? schedule.source,
        })),
        ...schedule.makeupWorkdays.map((d) => ({
          date: d.date,
          kind: 'makeup_workday' as const,
          name: d.name,
          source: d.source ?? schedule.source,
        })),
      ];
      return { year, official: true, specialDays };
    }
    if (this.policy === 'refuse') throw new CalendarYearMissingError(year);
    const specialDays = statutoryDays(year, this.statutory).map((d) => ({ ...d, source: STATUTORY_SOURCE }));
    return { year, official: false, specialDays };
  }
}
