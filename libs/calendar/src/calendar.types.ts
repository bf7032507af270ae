import type { DayKind, OfficialYearSchedule } from '@motcua/contracts';

// The kinds of day and the official yearly schedule (config/calendars/YYYY.json) are contracts' schemas.
export type { DayKind, OfficialYearSchedule };

/** Epoch milliseconds (UTC). All calendar rules run in Asia/Ho_Chi_Minh (UTC+7, no DST since 1975). */
export type Instant = number;

/** A local calendar date in Asia/Ho_Chi_Minh, `YYYY-MM-DD`. */
export type LocalDate = string;

export interface DayInfo {
  date: LocalDate;
  working: boolean;
  kind: DayKind;
  /** Vietnamese name of the occasion, e.g. "Tết Âm lịch", "Giỗ Tổ Hùng Vương", "Nghỉ bù Giỗ Tổ Hùng Vương". */
  name?: string;
  /** True when the year has no official schedule file and the statutory rules were used. */
  provisional: boolean;
  /** Where the entry comes from: "statutory" or the source document of the official file. */
  source?: string;
}

export interface SkippedDay {
  date: LocalDate;
  kind: Exclude<DayKind, 'workday' | 'makeup_workday'>;
  reason: string;
}

/** Office sessions of one profile, in local minutes since midnight, sorted and disjoint. */
export interface OfficeHoursProfile {
  name: string;
  /** e.g. [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:00' }] */
  sessions: ReadonlyArray<{ start: string; end: string }>;
}

/** A fixed solar-date holiday added by data (e.g. 24/11 if the Labour Code is amended); off unless configured. */
export interface AdditionalHoliday {
  month: number;
  day: number;
  name: string;
  /** First year (inclusive) the holiday applies; unbounded when absent. */
  fromYear?: number;
  /** Last year (inclusive) the holiday applies; unbounded when absent. */
  toYear?: number;
}

/** Settings of the Labour Code 2019 art. 111–112 rules used for years without an official schedule. */
export interface StatutoryRuleSettings {
  /**
   * The 5 Tết days around mùng 1 (art. 112(3): chosen by the Prime Minister each year, [M]).
   * Default { daysBefore: 1, daysAfter: 3 }: the last day of the old year plus mùng 1–4.
   */
  tetBlock: { daysBefore: number; daysAfter: number };
  /** The second Quốc khánh day, next to 2/9 (art. 112(1)(đ), [M]). Default 'after' (3/9). */
  nationalDayAdjacent: 'before' | 'after';
  /** Data-driven extra fixed holidays (e.g. 24/11 Ngày Văn hóa Việt Nam). Default none. */
  additionalHolidays: ReadonlyArray<AdditionalHoliday>;
}

export interface CalendarOptions {
  profile?: OfficeHoursProfile;
  /** Official schedules; a year listed here overrides the statutory rules for that year. */
  officialYears?: ReadonlyArray<OfficialYearSchedule>;
  /**
   * What to do for a year without an official file (§6.9): `provisional` computes from the statutory rules
   * and flags the answer; `refuse` throws CalendarYearMissingError.
   */
  missingYearPolicy?: 'provisional' | 'refuse';
  /** Overrides of the statutory rules used for years without an official schedule. */
  statutoryRules?: Partial<StatutoryRuleSettings>;
}

/**
 * The one calendar service (engineering-notes §4). Pure: no I/O, no clock. Every instant in or out is epoch ms.
 * Boundary conventions:
 * - working time is the half-open union of sessions [open, close) on working days;
 * - `addWorkingMinutes` that consumes exactly up to a session end returns that end (e.g. 17:00), never the next opening;
 * - `nextOpening(t)` returns t when t is working time, else the start of the next session.
 */
export interface WorkingCalendar {
  readonly profile: OfficeHoursProfile;
  /** Working minutes in one full working day of this profile (480 for the default). */
  readonly minutesPerDay: number;

  dayInfo(date: LocalDate): DayInfo;
  days(from: LocalDate, to: LocalDate): DayInfo[];
  isWorkingDay(date: LocalDate): boolean;
  isWorkingTime(t: Instant): boolean;
  nextOpening(t: Instant): Instant;
  /** Adds working time (minutes may be fractional; negative not allowed). Starts from nextOpening(t). */
  addWorkingMinutes(t: Instant, minutes: number): Instant;
  /** The n-th working day after `date` (n >= 1); n = 0 gives `date` if working, else the next working day. */
  addWorkingDays(date: LocalDate, n: number): LocalDate;
  /** Working minutes in [a, b); negative when b < a. */
  workingMinutesBetween(a: Instant, b: Instant): number;
  /** The last working day strictly before `date`. */
  previousWorkingDay(date: LocalDate): LocalDate;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate;
  /** Local opening (first session start) and close (last session end) of a date, as instants. */
  openingOf(date: LocalDate): Instant;
  closeOf(date: LocalDate): Instant;
  /** Non-working days whose date lies in [date(a), date(b)], with their reasons. */
  skippedDays(a: Instant, b: Instant): SkippedDay[];
  /** True when any year touched by [a, b] has no official schedule. */
  isProvisional(a: Instant, b?: Instant): boolean;
}
