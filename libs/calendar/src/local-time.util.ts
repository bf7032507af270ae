import type { Instant, LocalDate, OfficeHoursProfile } from './calendar.types';

/** Asia/Ho_Chi_Minh is UTC+7 with no DST since 1975, so plain arithmetic beats any TZ database. */
export const VN_OFFSET_MS = 7 * 3_600_000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

/** Thanh Hóa default office hours (§6.2): 8 working hours a day. */
export const DEFAULT_OFFICE_HOURS: OfficeHoursProfile = Object.freeze({
  name: 'default',
  sessions: Object.freeze([
    Object.freeze({ start: '07:00', end: '11:30' }),
    Object.freeze({ start: '13:30', end: '17:00' }),
  ]),
});

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_RE = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
const INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

const WEEKDAY_NAMES_VI = [
  'Thứ Hai',
  'Thứ Ba',
  'Thứ Tư',
  'Thứ Năm',
  'Thứ Sáu',
  'Thứ Bảy',
  'Chủ Nhật',
] as const;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function daysInMonth(year: number, month: number): number {
  // Date.UTC day 0 of the next month is the last day of this month; UTC keeps it server-TZ independent.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (years 1000–9999; Date.UTC remaps 0–99). */
export function epochDayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** `YYYY-MM-DD` → days since 1970-01-01; throws RangeError on a malformed or impossible date. */
export function parseLocalDate(date: LocalDate): number {
  const m = LOCAL_DATE_RE.exec(date);
  if (!m) throw new RangeError(`Invalid local date "${date}" (expected YYYY-MM-DD)`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Impossible local date "${date}"`);
  }
  return epochDayOf(year, month, day);
}

export function isValidLocalDate(date: string): boolean {
  try {
    parseLocalDate(date);
    return true;
  } catch {
    return false;
  }
}

/** Days since 1970-01-01 → `YYYY-MM-DD`. */
export function formatEpochDay(epochDay: number): LocalDate {
  const d = new Date(epochDay * MS_PER_DAY);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

export function yearOfEpochDay(epochDay: number): number {
  return new Date(epochDay * MS_PER_DAY).getUTCFullYear();
}

/** 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfEpochDay(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

/** Local (UTC+7) day number of an instant. */
export function epochDayOfInstant(t: Instant): number {
  return Math.floor((t + VN_OFFSET_MS) / MS_PER_DAY);
}

/** The instant of local midnight starting a local day. */
export function instantOfEpochDay(epochDay: number): Instant {
  return epochDay * MS_PER_DAY - VN_OFFSET_MS;
}

export function toLocalDate(t: Instant): LocalDate {
  assertInstant(t);
  return formatEpochDay(epochDayOfInstant(t));
}

export function addDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`addDays needs an integer, got ${n}`);
  return formatEpochDay(parseLocalDate(date) + n);
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return weekdayOfEpochDay(parseLocalDate(date));
}

/** Vietnamese weekday name ("Thứ Hai" … "Chủ Nhật"). */
export function vietnameseWeekdayName(weekday: number): string {
  const name = WEEKDAY_NAMES_VI[weekday - 1];
  if (name === undefined) throw new RangeError(`Weekday must be 1..7, got ${weekday}`);
  return name;
}

/** `HH:MM` or `HH:MM:SS` → milliseconds since local midnight; `24:00` is allowed as an end of day. */
export function parseClock(hhmm: string): number {
  const m = CLOCK_RE.exec(hhmm);
  if (!m) throw new RangeError(`Invalid clock time "${hhmm}" (expected HH:MM or HH:MM:SS)`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  const s = m[3] === undefined ? 0 : Number(m[3]);
  const isEndOfDay = h === 24 && min === 0 && s === 0;
  if (!isEndOfDay && (h > 23 || min > 59 || s > 59)) throw new RangeError(`Impossible clock time "${hhmm}"`);
  return ((h * 60 + min) * 60 + s) * 1000;
}

/** The instant of a local wall-clock time on a local date. */
export function localInstant(date: LocalDate, hhmm: string): Instant {
  return instantOfEpochDay(parseLocalDate(date)) + parseClock(hhmm);
}

/** Strict ISO 8601 with an explicit offset (`Z` or `±HH:MM`); throws on missing offsets and impossible values. */
export function parseInstant(iso: string): Instant {
  const m = INSTANT_RE.exec(iso);
  if (!m) throw new RangeError(`Invalid instant "${iso}" (expected ISO 8601 with Z or ±HH:MM offset)`);
  const [, ys, mos, ds, hs, mins, ss, frac, zone] = m;
  const year = Number(ys);
  const month = Number(mos);
  const day = Number(ds);
  const hour = Number(hs);
  const minute = Number(mins);
  const second = ss === undefined ? 0 : Number(ss);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Impossible date in instant "${iso}"`);
  }
  if (hour > 23 || minute > 59 || second > 59) throw new RangeError(`Impossible time in instant "${iso}"`);
  // Sub-millisecond digits are truncated: instants are whole milliseconds.
  const ms = frac === undefined ? 0 : Number(frac.padEnd(3, '0').slice(0, 3));
  let offsetMs = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 14 || om > 59) throw new RangeError(`Impossible offset in instant "${iso}"`);
    offsetMs = sign * (oh * 60 + om) * MS_PER_MINUTE;
  }
  return (
    epochDayOf(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + ms - offsetMs
  );
}

/** ISO 8601 in local time with `+07:00`; milliseconds only when non-zero. */
export function formatInstant(t: Instant): string {
  assertInstant(t);
  const whole = Math.floor(t); // instants are whole ms; flooring keeps the ms field below 1000
  const day = epochDayOfInstant(whole);
  const msOfDay = whole + VN_OFFSET_MS - day * MS_PER_DAY;
  const totalSeconds = Math.floor(msOfDay / 1000);
  const ms = msOfDay - totalSeconds * 1000;
  const hh = Math.floor(totalSeconds / 3600);
  const mm = Math.floor((totalSeconds % 3600) / 60);
  const ss = totalSeconds % 60;
  const fraction = ms === 0 ? '' : `.${pad(ms, 3)}`;
  return `${formatEpochDay(day)}T${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}${fraction}+07:00`;
}

export function assertInstant(t: Instant): void {
  if (!Number.isFinite(t)) throw new RangeError(`Invalid instant ${String(t)}`);
}
