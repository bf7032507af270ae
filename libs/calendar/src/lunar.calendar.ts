/**
 * Vietnamese lunisolar calendar after Hồ Ngọc Đức's published method, evaluated at UTC+7:
 * new moons from a truncated Meeus series, major solar terms from the sun's mean-anomaly series,
 * month 11 = the lunation containing the winter solstice, leap month = the first lunation after
 * month 11 that contains no major term. The time zone matters: UTC+8 gives the Chinese calendar.
 */
import type { LocalDate } from './calendar.types';
import { epochDayOf, formatEpochDay, parseLocalDate, yearOfEpochDay } from './local-time.util';

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

/** One lunation of a solstice-to-solstice segment. */
interface LunarMonthSpan {
  /** Local day number (days since 1970-01-01) of the first day (mùng 1). */
  firstDay: number;
  /** Number of days (29 or 30). */
  length: number;
  month: number;
  leap: boolean;
  lunarYear: number;
}

const VN_TIME_ZONE_HOURS = 7;
const DEG = Math.PI / 180;
/** Julian Day Number of 1970-01-01 (the JDN counts days at noon). */
const JDN_OF_EPOCH_DAY_0 = 2440588;
/** Mean synodic month in days. */
const SYNODIC_MONTH = 29.530588853;
/** Julian date of lunation k = 0 (the new moon of 1900-01-01). */
const LUNATION_ZERO_JD = 2415021.076998695;
/** JDN offset used to pick the lunation near 31 December (1900-01-01 = 2415021). */
const JDN_1900_01_01 = 2415021;

/**
 * Periodic corrections to the mean new moon: [c0, c1, kM, kM', kF] meaning
 * (c0 + c1·T) · sin(kM·M + kM'·M' + kF·F), with M sun anomaly, M' moon anomaly, F moon latitude argument.
 */
const NEW_MOON_TERMS: ReadonlyArray<readonly [number, number, number, number, number]> = [
  [0.1734, -0.000393, 1, 0, 0],
  [0.0021, 0, 2, 0, 0],
  [-0.4068, 0, 0, 1, 0],
  [0.0161, 0, 0, 2, 0],
  [-0.0004, 0, 0, 3, 0],
  [0.0104, 0, 0, 0, 2],
  [-0.0051, 0, 1, 1, 0],
  [-0.0074, 0, 1, -1, 0],
  [0.0004, 0, 1, 0, 2],
  [-0.0004, 0, -1, 0, 2],
  [-0.0006, 0, 0, 1, 2],
  [0.001, 0, 0, -1, 2],
  [0.0005, 0, 1, 2, 0],
];

/** Julian date (UT) of the k-th new moon counted from 1900-01-01. */
function newMoonJulianDate(k: number): number {
  const t = k / 1236.85; // Julian centuries since 1900
  const t2 = t * t;
  const t3 = t2 * t;
  const mean =
    2415020.75933 +
    29.53058868 * k +
    0.0001178 * t2 -
    0.000000155 * t3 +
    0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * DEG);
  const sunAnomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * DEG;
  const moonAnomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * DEG;
  const latitudeArg = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * DEG;
  let correction = 0;
  for (const [c0, c1, kM, kMp, kF] of NEW_MOON_TERMS) {
    correction += (c0 + c1 * t) * Math.sin(kM * sunAnomaly + kMp * moonAnomaly + kF * latitudeArg);
  }
  // ΔT (TT − UT) in days; the series has two regimes split at T = −11 (year ~800).
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return mean + correction - deltaT;
}

/** JDN of the local (UTC+7) day on which the k-th new moon falls. */
function newMoonDayJdn(k: number): number {
  return Math.floor(newMoonJulianDate(k) + 0.5 + VN_TIME_ZONE_HOURS / 24);
}

/**
 * Index 0..11 of the 30° sector of the sun's apparent longitude at local midnight starting day `jdn`;
 * a lunation "contains a major term" when this index changes between its first day and the next month's.
 */
function solarSectorAt(jdn: number): number {
  const t = (jdn - 2451545.5 - VN_TIME_ZONE_HOURS / 24) / 36525; // Julian centuries since J2000
  const t2 = t * t;
  const meanAnomaly = (357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * DEG;
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const centre =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(meanAnomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * meanAnomaly) +
    0.00029 * Math.sin(3 * meanAnomaly);
  const longitude = (((meanLongitude + centre) % 360) + 360) % 360;
  return Math.floor(longitude / 30);
}

/** Lunation number whose new moon is nearest a given JDN. */
function lunationNear(jdn: number): number {
  return Math.floor((jdn - LUNATION_ZERO_JD) / SYNODIC_MONTH + 0.5);
}

/** JDN of mùng 1 of lunar month 11 of solar year `year` (the lunation containing the December solstice). */
function month11StartJdn(year: number): number {
  const daysSince1900 = epochDayOf(year, 12, 31) + JDN_OF_EPOCH_DAY_0 - JDN_1900_01_01;
  const k = Math.floor(daysSince1900 / SYNODIC_MONTH);
  const candidate = newMoonDayJdn(k);
  // Sector ≥ 9 (≥ 270°) at the start of the candidate means the solstice already passed: take the previous lunation.
  return solarSectorAt(candidate) >= 9 ? newMoonDayJdn(k - 1) : candidate;
}

const segmentCache = new Map<number, readonly LunarMonthSpan[]>();

/**
 * The lunations from month 11 of solar year `year − 1` up to (excluding) month 11 of `year`:
 * months 11–12 of lunar year `year − 1` followed by months 1–10 of lunar year `year`, leap month included.
 */
function solsticeSegment(year: number): readonly LunarMonthSpan[] {
  const cached = segmentCache.get(year);
  if (cached) return cached;
  const startJdn = month11StartJdn(year - 1);
  const endJdn = month11StartJdn(year);
  const k0 = lunationNear(startJdn);
  const count = endJdn - startJdn > 365 ? 13 : 12;
  const firstDays: number[] = [];
  for (let i = 0; i < count; i++) firstDays.push(newMoonDayJdn(k0 + i));
  firstDays.push(endJdn);

  let leapIndex = -1;
  if (count === 13) {
    // The first lunation after month 11 whose start and end fall in the same solar sector has no major term.
    for (let i = 1; i < 13; i++) {
      if (solarSectorAt(firstDays[i]) === solarSectorAt(newMoonDayJdn(k0 + i + 1))) {
        leapIndex = i;
        break;
      }
    }
    if (leapIndex < 0) throw new Error(`Lunar calendar: no leap month found in segment ${year}`);
  }

  const spans: LunarMonthSpan[] = [];
  for (let i = 0; i < count; i++) {
    const ordinal = leapIndex >= 0 && i >= leapIndex ? i - 1 : i; // months counted from month 11
    const month = ((ordinal + 10) % 12) + 1;
    // Months 11 and 12 at the head of the segment still belong to the previous lunar year.
    const lunarYear = month >= 11 && i < 4 ? year - 1 : year;
    spans.push({
      firstDay: firstDays[i] - JDN_OF_EPOCH_DAY_0,
      length: firstDays[i + 1] - firstDays[i],
      month,
      leap: i === leapIndex,
      lunarYear,
    });
  }
  segmentCache.set(year, spans);
  return spans;
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9998) {
    throw new RangeError(`Lunar year out of range: ${year}`);
  }
}

/** Lunar date of a local solar date. */
export function lunarFromSolar(date: LocalDate): LunarDate {
  const day = parseLocalDate(date);
  const year = yearOfEpochDay(day);
  assertYear(year);
  const nextSegment = solsticeSegment(year + 1);
  const segment = day >= nextSegment[0].firstDay ? nextSegment : solsticeSegment(year);
  for (let i = segment.length - 1; i >= 0; i--) {
    const span = segment[i];
    if (day >= span.firstDay) {
      return { year: span.lunarYear, month: span.month, day: day - span.firstDay + 1, leap: span.leap };
    }
  }
  throw new Error(`Lunar calendar: ${date} precedes its segment`); // unreachable by construction
}

/** Solar date of a lunar date; throws RangeError when the (leap) month or the day does not exist. */
export function solarFromLunar(
  lunarYear: number,
  lunarMonth: number,
  lunarDay: number,
  leap = false,
): LocalDate {
  assertYear(lunarYear);
  if (!Number.isInteger(lunarMonth) || lunarMonth < 1 || lunarMonth > 12) {
    throw new RangeError(`Lunar month must be 1..12, got ${lunarMonth}`);
  }
  const segment = solsticeSegment(lunarMonth >= 11 ? lunarYear + 1 : lunarYear);
  const span = segment.find((s) => s.lunarYear === lunarYear && s.month === lunarMonth && s.leap === leap);
  if (!span) throw new RangeError(`Lunar year ${lunarYear} has no ${leap ? 'leap ' : ''}month ${lunarMonth}`);
  if (!Number.isInteger(lunarDay) || lunarDay < 1 || lunarDay > span.length) {
    throw new RangeError(`Lunar ${lunarYear}/${lunarMonth}${leap ? ' (leap)' : ''} has ${span.length} days`);
  }
  return formatEpochDay(span.firstDay + lunarDay - 1);
}

/** Tết Nguyên Đán: mùng 1 tháng Giêng of lunar year `year`. */
export function lunarNewYear(year: number): LocalDate {
  return solarFromLunar(year, 1, 1);
}

/** The leap month of a lunar year (1..12), or null in a common year. */
export function leapMonthOf(lunarYear: number): number | null {
  assertYear(lunarYear);
  const spans = [...solsticeSegment(lunarYear), ...solsticeSegment(lunarYear + 1)];
  const leap = spans.find((s) => s.leap && s.lunarYear === lunarYear);
  return leap ? leap.month : null;
}

/** Length (29 or 30) of a lunar month. */
export function lunarMonthLength(lunarYear: number, lunarMonth: number, leap = false): number {
  const first = parseLocalDate(solarFromLunar(lunarYear, lunarMonth, 1, leap));
  const span = solsticeSegment(lunarMonth >= 11 ? lunarYear + 1 : lunarYear).find(
    (s) => s.firstDay === first,
  );
  if (!span) throw new Error('Lunar calendar: inconsistent segment'); // unreachable by construction
  return span.length;
}
