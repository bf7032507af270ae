import { DAY_KINDS } from '@motcua/contracts';
import type {
  CalendarOptions,
  DayInfo,
  DayKind,
  Instant,
  LocalDate,
  OfficeHoursProfile,
  SkippedDay,
  WorkingCalendar,
} from './calendar.types';
import {
  DEFAULT_OFFICE_HOURS,
  MS_PER_DAY,
  MS_PER_MINUTE,
  VN_OFFSET_MS,
  assertInstant,
  epochDayOf,
  epochDayOfInstant,
  formatEpochDay,
  instantOfEpochDay,
  isLeapYear,
  parseLocalDate,
  vietnameseWeekdayName,
  weekdayOfEpochDay,
  yearOfEpochDay,
} from './local-time.util';
import {
  type CompiledProfile,
  clockAfterWorkingMs,
  compileProfile,
  workingMsBefore,
} from './office-hours.profile';
import { type SpecialDay, YearScheduleResolver } from './year-schedule.resolver';

/** Supported years: the lunar series and Date.UTC are both sound here, far beyond the 1900–2199 requirement. */
export const MIN_CALENDAR_YEAR = 1000;
export const MAX_CALENDAR_YEAR = 9998;

/** Day kinds stored as small integers (their position in DAY_KINDS) in the per-year index. */
const KIND_BY_CODE: readonly DayKind[] = DAY_KINDS;
const CODE_WORKDAY = DAY_KINDS.indexOf('workday');
const CODE_WEEKEND = DAY_KINDS.indexOf('weekend');
const CODE_MAKEUP = DAY_KINDS.indexOf('makeup_workday');
const CODE_BY_KIND: Readonly<Record<DayKind, number>> = {
  workday: 0,
  weekend: 1,
  holiday: 2,
  compensatory: 3,
  swap_off: 4,
  makeup_workday: 5,
};

/** Precomputed facts about one calendar year; built once, on first use. */
interface YearIndex {
  readonly year: number;
  /** Local day number (days since 1970-01-01) of 1 January. */
  readonly firstDay: number;
  readonly length: number;
  readonly kinds: Uint8Array;
  /** cum[i] = number of working days among the first i days of the year (length + 1 entries). */
  readonly cum: Int32Array;
  /** Day offsets of the working days, in order: workdays[j] is the (j+1)-th working day of the year. */
  readonly workdays: Int32Array;
  readonly total: number;
  readonly labels: ReadonlyMap<number, SpecialDay>;
  readonly official: boolean;
}

function isWorkingCode(code: number): boolean {
  return code === CODE_WORKDAY || code === CODE_MAKEUP;
}

/**
 * The indexed working calendar. Every query is O(1) or O(years spanned): working time up to an instant is
 * (working days before its day) × minutesPerDay + (working time within its day), and the n-th working day
 * is a direct lookup in the per-year list of working days. Pure: no I/O, no clock.
 */
export class IndexedWorkingCalendar implements WorkingCalendar {
  readonly profile: OfficeHoursProfile;
  readonly minutesPerDay: number;
  private readonly hours: CompiledProfile;
  private readonly resolver: YearScheduleResolver;
  private readonly years = new Map<number, YearIndex>();
  /** Most queries hit the same year repeatedly; this skips the map lookup. */
  private lastYear: YearIndex | undefined;

  constructor(options: CalendarOptions = {}) {
    this.hours = compileProfile(options.profile ?? DEFAULT_OFFICE_HOURS);
    this.profile = this.hours.profile;
    this.minutesPerDay = this.hours.minutesPerDay;
    this.resolver = new YearScheduleResolver(options);
  }

  get missingYearPolicy(): 'provisional' | 'refuse' {
    return this.resolver.missingYearPolicy;
  }

  /** True when the year has an official schedule (no provisional answers for it). */
  hasOfficialYear(year: number): boolean {
    return this.resolver.hasOfficial(year);
  }

  // ---------------------------------------------------------------- days

  dayInfo(date: LocalDate): DayInfo {
    return this.dayInfoOf(parseLocalDate(date));
  }

  days(from: LocalDate, to: LocalDate): DayInfo[] {
    const first = parseLocalDate(from);
    const last = parseLocalDate(to);
    const out: DayInfo[] = [];
    for (let day = first; day <= last; day++) out.push(this.dayInfoOf(day));
    return out;
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.isWorkingEpochDay(parseLocalDate(date));
  }

  /** The n-th working day after `date`; n = 0 gives `date` if working else the next one; n < 0 counts back. */
  addWorkingDays(date: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays needs an integer, got ${n}`);
    return formatEpochDay(this.shiftWorkingDays(parseLocalDate(date), n));
  }

  previousWorkingDay(date: LocalDate): LocalDate {
    return formatEpochDay(this.shiftWorkingDays(parseLocalDate(date), -1));
  }

  nextWorkingDay(date: LocalDate): LocalDate {
    return formatEpochDay(this.shiftWorkingDays(parseLocalDate(date), 1));
  }

  openingOf(date: LocalDate): Instant {
    return instantOfEpochDay(parseLocalDate(date)) + this.hours.starts[0];
  }

  closeOf(date: LocalDate): Instant {
    return instantOfEpochDay(parseLocalDate(date)) + this.hours.ends[this.hours.ends.length - 1];
  }

  skippedDays(a: Instant, b: Instant): SkippedDay[] {
    assertInstant(a);
    assertInstant(b);
    const first = epochDayOfInstant(Math.min(a, b));
    const last = epochDayOfInstant(Math.max(a, b));
    const out: SkippedDay[] = [];
    for (let day = first; day <= last; day++) {
      const yi = this.indexOfDay(day);
      const code = yi.kinds[day - yi.firstDay];
      if (isWorkingCode(code)) continue;
      const kind = KIND_BY_CODE[code] as SkippedDay['kind'];
      out.push({
        date: formatEpochDay(day),
        kind,
        reason: this.reasonOf(day, kind, yi.labels.get(day - yi.firstDay)),
      });
    }
    return out;
  }

  isProvisional(a: Instant, b: Instant = a): boolean {
    assertInstant(a);
    assertInstant(b);
    const from = yearOfEpochDay(epochDayOfInstant(Math.min(a, b)));
    const to = yearOfEpochDay(epochDayOfInstant(Math.max(a, b)));
    for (let year = from; year <= to; year++) if (!this.resolver.hasOfficial(year)) return true;
    return false;
  }

  // ---------------------------------------------------------------- instants

  isWorkingTime(t: Instant): boolean {
    assertInstant(t);
    const day = epochDayOfInstant(t);
    if (!this.isWorkingEpochDay(day)) return false;
    const ms = t + VN_OFFSET_MS - day * MS_PER_DAY;
    const { starts, ends } = this.hours;
    for (let i = 0; i < starts.length; i++) if (ms >= starts[i] && ms < ends[i]) return true;
    return false;
  }

  nextOpening(t: Instant): Instant {
    assertInstant(t);
    const day = epochDayOfInstant(t);
    if (this.isWorkingEpochDay(day)) {
      const ms = t + VN_OFFSET_MS - day * MS_PER_DAY;
      const { starts, ends } = this.hours;
      for (let i = 0; i < starts.length; i++) {
        if (ms < ends[i]) return ms < starts[i] ? instantOfEpochDay(day) + starts[i] : t;
      }
    }
    return instantOfEpochDay(this.shiftWorkingDays(day, 1)) + this.hours.starts[0];
  }

  addWorkingMinutes(t: Instant, minutes: number): Instant {
    if (!Number.isFinite(minutes) || minutes < 0) {
      throw new RangeError(`addWorkingMinutes needs a finite, non-negative amount, got ${minutes}`);
    }
    const start = this.nextOpening(t);
    // Fractional minutes are rounded to whole milliseconds: instants are integral ms.
    const addMs = Math.round(minutes * MS_PER_MINUTE);
    if (addMs === 0) return start;
    const day = epochDayOfInstant(start);
    const total = workingMsBefore(this.hours, start + VN_OFFSET_MS - day * MS_PER_DAY) + addMs;
    let fullDays = Math.floor(total / this.hours.msPerDay);
    let rest = total - fullDays * this.hours.msPerDay;
    if (rest === 0) {
      // Landing exactly on a day's end: report that close, not the next day's opening.
      fullDays -= 1;
      rest = this.hours.msPerDay;
    }
    const targetDay = fullDays === 0 ? day : this.shiftWorkingDays(day, fullDays);
    return instantOfEpochDay(targetDay) + clockAfterWorkingMs(this.hours, rest);
  }

  workingMinutesBetween(a: Instant, b: Instant): number {
    assertInstant(a);
    assertInstant(b);
    if (a === b) return 0;
    if (b < a) return -this.workingMinutesBetween(b, a);
    const dayA = epochDayOfInstant(a);
    const dayB = epochDayOfInstant(b);
    const ms =
      this.workingDaysInRange(dayA, dayB) * this.hours.msPerDay +
      this.workingMsWithinDay(b, dayB) -
      this.workingMsWithinDay(a, dayA);
    return ms / MS_PER_MINUTE;
  }

  // ---------------------------------------------------------------- index internals

  private dayInfoOf(day: number): DayInfo {
    const yi = this.indexOfDay(day);
    const code = yi.kinds[day - yi.firstDay];
    const label = yi.labels.get(day - yi.firstDay);
    const info: DayInfo = {
      date: formatEpochDay(day),
      working: isWorkingCode(code),
      kind: KIND_BY_CODE[code],
      provisional: !yi.official,
    };
    if (label) {
      info.name = label.name;
      info.source = label.source;
    }
    return info;
  }

  private reasonOf(day: number, kind: SkippedDay['kind'], label: SpecialDay | undefined): string {
    const weekday = weekdayOfEpochDay(day);
    const weekdayName = vietnameseWeekdayName(weekday);
    switch (kind) {
      case 'weekend':
        return weekdayName;
      case 'holiday': {
        const name = label?.name ?? 'Ngày lễ';
        return weekday >= 6 ? `${name} (trùng ${weekdayName})` : name;
      }
      case 'compensatory': {
        const name = label?.name ?? 'Nghỉ bù';
        return name.startsWith('Nghỉ bù') ? name : `Nghỉ bù ${name}`;
      }
      case 'swap_off': {
        const name = label?.name ?? 'Hoán đổi ngày làm việc';
        return name.startsWith('Hoán đổi') ? name : `Hoán đổi ngày làm việc: ${name}`;
      }
    }
  }

  private isWorkingEpochDay(day: number): boolean {
    const yi = this.indexOfDay(day);
    return isWorkingCode(yi.kinds[day - yi.firstDay]);
  }

  /** Working milliseconds of `day` that lie before `t` (0 on a non-working day). */
  private workingMsWithinDay(t: Instant, day: number): number {
    if (!this.isWorkingEpochDay(day)) return 0;
    return workingMsBefore(this.hours, t + VN_OFFSET_MS - day * MS_PER_DAY);
  }

  /** Working days in [from, to) with from <= to; one step per calendar year spanned. */
  private workingDaysInRange(from: number, to: number): number {
    const ya = this.indexOfDay(from);
    const yb = this.indexOfDay(to);
    if (ya === yb) return yb.cum[to - yb.firstDay] - ya.cum[from - ya.firstDay];
    let count = ya.total - ya.cum[from - ya.firstDay];
    for (let year = ya.year + 1; year < yb.year; year++) count += this.yearIndex(year).total;
    return count + yb.cum[to - yb.firstDay];
  }

  /**
   * n > 0: the n-th working day strictly after `day`; n = 0: `day` if working, else the next working day;
   * n < 0: the |n|-th working day strictly before `day`. Uses the working-day ordinal, walking whole years only.
   */
  private shiftWorkingDays(day: number, n: number): number {
    let yi = this.indexOfDay(day);
    const offset = day - yi.firstDay;
    // Ordinal (0-based, within yi's year) of the wanted working day.
    let ordinal = n > 0 ? yi.cum[offset + 1] + n - 1 : yi.cum[offset] + n;
    while (ordinal >= yi.total) {
      ordinal -= yi.total;
      yi = this.yearIndex(yi.year + 1);
    }
    while (ordinal < 0) {
      yi = this.yearIndex(yi.year - 1);
      ordinal += yi.total;
    }
    return yi.firstDay + yi.workdays[ordinal];
  }

  private indexOfDay(day: number): YearIndex {
    const last = this.lastYear;
    if (last !== undefined && day >= last.firstDay && day < last.firstDay + last.length) return last;
    const yi = this.yearIndex(yearOfEpochDay(day));
    this.lastYear = yi;
    return yi;
  }

  private yearIndex(year: number): YearIndex {
    const cached = this.years.get(year);
    if (cached) return cached;
    if (!Number.isInteger(year) || year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
      throw new RangeError(
        `Year ${year} is outside the supported range ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR}`,
      );
    }
    const built = this.buildYear(year);
    this.years.set(year, built);
    return built;
  }

  private buildYear(year: number): YearIndex {
    const resolved = this.resolver.resolve(year); // throws CalendarYearMissingError under 'refuse'
    const firstDay = epochDayOf(year, 1, 1);
    const length = isLeapYear(year) ? 366 : 365;
    const kinds = new Uint8Array(length);
    for (let i = 0; i < length; i++)
      kinds[i] = weekdayOfEpochDay(firstDay + i) >= 6 ? CODE_WEEKEND : CODE_WORKDAY;
    const labels = new Map<number, SpecialDay>();
    for (const special of resolved.specialDays) {
      const offset = parseLocalDate(special.date) - firstDay;
      if (offset < 0 || offset >= length) continue; // resolver guarantees the year; defensive only
      kinds[offset] = CODE_BY_KIND[special.kind];
      labels.set(offset, special);
    }
    const cum = new Int32Array(length + 1);
    const workdayList: number[] = [];
    for (let i = 0; i < length; i++) {
      const working = isWorkingCode(kinds[i]);
      cum[i + 1] = cum[i] + (working ? 1 : 0);
      if (working) workdayList.push(i);
    }
    if (workdayList.length === 0) throw new Error(`Calendar year ${year} has no working day`);
    return {
      year,
      firstDay,
      length,
      kinds,
      cum,
      workdays: Int32Array.from(workdayList),
      total: workdayList.length,
      labels,
      official: resolved.official,
    };
  }
}

/** Builds the working calendar (default profile 07:00–11:30 / 13:30–17:00, missing years provisional). */
export function createWorkingCalendar(options: CalendarOptions = {}): IndexedWorkingCalendar {
  return new IndexedWorkingCalendar(options);
}
