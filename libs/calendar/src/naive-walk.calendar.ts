/**
 * Reference implementation that walks day by day and session by session. It shares only the day
 * classification rules with the indexed calendar, so property tests can check the index arithmetic
 * against it, and the benchmark can show what the index buys.
 */
import type { CalendarOptions, Instant, LocalDate } from './calendar.types';
import {
  DEFAULT_OFFICE_HOURS,
  MS_PER_DAY,
  MS_PER_MINUTE,
  VN_OFFSET_MS,
  epochDayOfInstant,
  formatEpochDay,
  instantOfEpochDay,
  parseLocalDate,
  weekdayOfEpochDay,
  yearOfEpochDay,
} from './local-time.util';
import { type CompiledProfile, compileProfile } from './office-hours.profile';
import { type SpecialDay, YearScheduleResolver } from './year-schedule.resolver';

export class NaiveWalkCalendar {
  private readonly hours: CompiledProfile;
  private readonly resolver: YearScheduleResolver;
  private readonly specialDays = new Map<number, ReadonlyMap<LocalDate, SpecialDay>>();

  constructor(options: CalendarOptions = {}) {
    this.hours = compileProfile(options.profile ?? DEFAULT_OFFICE_HOURS);
    this.resolver = new YearScheduleResolver(options);
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.isWorkingEpochDay(parseLocalDate(date));
  }

  isWorkingTime(t: Instant): boolean {
    const day = epochDayOfInstant(t);
    if (!this.isWorkingEpochDay(day)) return false;
    const ms = t + VN_OFFSET_MS - day * MS_PER_DAY;
    return this.hours.starts.some((start, i) => ms >= start && ms < this.hours.ends[i]);
  }

  nextOpening(t: Instant): Instant {
    let day = epochDayOfInstant(t);
    let ms = t + VN_OFFSET_MS - day * MS_PER_DAY;
    for (;;) {
      if (this.isWorkingEpochDay(day)) {
        for (let i = 0; i < this.hours.starts.length; i++) {
          if (ms < this.hours.ends[i]) return instantOfEpochDay(day) + Math.max(ms, this.hours.starts[i]);
        }
      }
      day += 1;
      ms = 0;
    }
  }

  addWorkingMinutes(t: Instant, minutes: number): Instant {
    let remaining = Math.round(minutes * MS_PER_MINUTE);
    let current = this.nextOpening(t);
    for (;;) {
      if (remaining === 0) return current;
      const day = epochDayOfInstant(current);
      const ms = current + VN_OFFSET_MS - day * MS_PER_DAY;
      const session = this.hours.ends.findIndex((end) => ms < end);
      const sessionEnd = instantOfEpochDay(day) + this.hours.ends[session];
      const available = sessionEnd - current;
      if (remaining <= available) return current + remaining;
      remaining -= available;
      current = this.nextOpening(sessionEnd);
    }
  }

  workingMinutesBetween(a: Instant, b: Instant): number {
    if (b < a) return -this.workingMinutesBetween(b, a);
    let total = 0;
    for (let day = epochDayOfInstant(a); day <= epochDayOfInstant(b); day++) {
      if (!this.isWorkingEpochDay(day)) continue;
      const midnight = instantOfEpochDay(day);
      for (let i = 0; i < this.hours.starts.length; i++) {
        const from = Math.max(a, midnight + this.hours.starts[i]);
        const to = Math.min(b, midnight + this.hours.ends[i]);
        if (to > from) total += to - from;
      }
    }
    return total / MS_PER_MINUTE;
  }

  addWorkingDays(date: LocalDate, n: number): LocalDate {
    let day = parseLocalDate(date);
    if (n === 0) {
      while (!this.isWorkingEpochDay(day)) day += 1;
      return formatEpochDay(day);
    }
    const step = n > 0 ? 1 : -1;
    for (let found = 0; found < Math.abs(n);) {
      day += step;
      if (this.isWorkingEpochDay(day)) found += 1;
    }
    return formatEpochDay(day);
  }

  previousWorkingDay(date: LocalDate): LocalDate {
    return this.addWorkingDays(date, -1);
  }

  nextWorkingDay(date: LocalDate): LocalDate {
    return this.addWorkingDays(date, 1);
  }

  openingOf(date: LocalDate): Instant {
    return instantOfEpochDay(parseLocalDate(date)) + this.hours.starts[0];
  }

  closeOf(date: LocalDate): Instant {
    return instantOfEpochDay(parseLocalDate(date)) + this.hours.ends[this.hours.ends.length - 1];
  }

  private isWorkingEpochDay(day: number): boolean {
    const special = this.specialDaysOf(yearOfEpochDay(day)).get(formatEpochDay(day));
    if (special) return special.kind === 'makeup_workday';
    return weekdayOfEpochDay(day) < 6;
  }

  private specialDaysOf(year: number): ReadonlyMap<LocalDate, SpecialDay> {
    let map = this.specialDays.get(year);
    if (!map) {
      map = new Map(this.resolver.resolve(year).specialDays.map((d) => [d.date, d]));
      this.specialDays.set(year, map);
    }
    return map;
  }
}

export function createNaiveWalkCalendar(options: CalendarOptions = {}): NaiveWalkCalendar {
  return new NaiveWalkCalendar(options);
}
