/**
 * Labour Code 2019 (45/2019/QH14) art. 112(1) holidays and art. 111(3) compensatory days, used only for
 * years without an official schedule (such answers are flagged provisional). Swaps and make-up Saturdays
 * are decided yearly by the Prime Minister and are never invented here (§6.2).
 */
import type { AdditionalHoliday, LocalDate, StatutoryRuleSettings } from './calendar.types';
import { epochDayOf, formatEpochDay, parseLocalDate, weekdayOfEpochDay } from './local-time.util';
import { lunarNewYear, solarFromLunar } from './lunar.calendar';

/** Source label of every statutory entry (DayInfo.source). */
export const STATUTORY_SOURCE = 'statutory';

/** 24/11 Ngày Văn hóa Việt Nam (NQ 80-NQ/TW, pending a Labour Code amendment, [?]); add it with a fromYear to enable. */
export const NGAY_VAN_HOA_VIET_NAM: AdditionalHoliday = Object.freeze({
  month: 11,
  day: 24,
  name: 'Ngày Văn hóa Việt Nam',
});

/**
 * Defaults ([M]): Tết = the last day of the old year + mùng 1–4 (the usual pattern of recent years),
 * Quốc khánh = 2/9 + 3/9, no extra holidays.
 */
export const DEFAULT_STATUTORY_RULES: StatutoryRuleSettings = Object.freeze({
  tetBlock: Object.freeze({ daysBefore: 1, daysAfter: 3 }),
  nationalDayAdjacent: 'after',
  additionalHolidays: Object.freeze([]),
});

export interface StatutoryDay {
  date: LocalDate;
  kind: 'holiday' | 'compensatory';
  name: string;
  source: string;
}

export const HOLIDAY_NAMES = Object.freeze({
  newYear: 'Tết Dương lịch',
  tet: 'Tết Âm lịch',
  hungKings: 'Giỗ Tổ Hùng Vương',
  victory: 'Ngày Chiến thắng',
  labour: 'Ngày Quốc tế lao động',
  national: 'Quốc khánh',
});

export function resolveStatutorySettings(overrides?: Partial<StatutoryRuleSettings>): StatutoryRuleSettings {
  const settings: StatutoryRuleSettings = {
    tetBlock: overrides?.tetBlock ?? DEFAULT_STATUTORY_RULES.tetBlock,
    nationalDayAdjacent: overrides?.nationalDayAdjacent ?? DEFAULT_STATUTORY_RULES.nationalDayAdjacent,
    additionalHolidays: overrides?.additionalHolidays ?? DEFAULT_STATUTORY_RULES.additionalHolidays,
  };
  const { daysBefore, daysAfter } = settings.tetBlock;
  for (const n of [daysBefore, daysAfter]) {
    if (!Number.isInteger(n) || n < 0 || n > 10)
      throw new RangeError(`tetBlock days must be integers 0..10, got ${n}`);
  }
  if (settings.nationalDayAdjacent !== 'before' && settings.nationalDayAdjacent !== 'after') {
    throw new RangeError(`nationalDayAdjacent must be 'before' or 'after'`);
  }
  for (const h of settings.additionalHolidays) {
    if (!Number.isInteger(h.month) || h.month < 1 || h.month > 12 || !Number.isInteger(h.day) || h.day < 1) {
      throw new RangeError(`Invalid additional holiday ${h.day}/${h.month}`);
    }
    if (!h.name) throw new RangeError('Additional holiday needs a name');
  }
  return settings;
}

/** Art. 112(1) holidays of one year as (local day number, name), before compensation. */
function holidaysOfYear(year: number, settings: StatutoryRuleSettings): Array<{ day: number; name: string }> {
  const out: Array<{ day: number; name: string }> = [];
  out.push({ day: epochDayOf(year, 1, 1), name: HOLIDAY_NAMES.newYear });
  const tet = parseLocalDate(lunarNewYear(year));
  for (let i = -settings.tetBlock.daysBefore; i <= settings.tetBlock.daysAfter; i++) {
    out.push({ day: tet + i, name: HOLIDAY_NAMES.tet });
  }
  // Giỗ Tổ is 10/3 of the regular third month even when the year has a leap third month (2031).
  out.push({ day: parseLocalDate(solarFromLunar(year, 3, 10, false)), name: HOLIDAY_NAMES.hungKings });
  out.push({ day: epochDayOf(year, 4, 30), name: HOLIDAY_NAMES.victory });
  out.push({ day: epochDayOf(year, 5, 1), name: HOLIDAY_NAMES.labour });
  const nationalDay = epochDayOf(year, 9, 2);
  out.push({ day: nationalDay, name: HOLIDAY_NAMES.national });
  out.push({
    day: settings.nationalDayAdjacent === 'before' ? nationalDay - 1 : nationalDay + 1,
    name: HOLIDAY_NAMES.national,
  });
  for (const extra of settings.additionalHolidays) {
    if (extra.fromYear !== undefined && year < extra.fromYear) continue;
    if (extra.toYear !== undefined && year > extra.toYear) continue;
    out.push({ day: epochDayOf(year, extra.month, extra.day), name: extra.name });
  }
  return out;
}

function isWeekend(day: number): boolean {
  return weekdayOfEpochDay(day) >= 6;
}

/**
 * Holidays and compensatory days falling in `year`, sorted by date. Each holiday on a Saturday or Sunday
 * gives the next weekday that is neither a holiday nor already a compensatory day (art. 111(3)), so a
 * Tết block spanning a weekend pushes its compensatory days past the end of the block.
 */
export function statutoryDays(year: number, overrides?: Partial<StatutoryRuleSettings>): StatutoryDay[] {
  const settings = resolveStatutorySettings(overrides);
  // The previous year is included so that a late-December holiday can owe a compensatory day in January.
  const holidays = new Map<number, string>();
  for (const y of [year - 1, year]) {
    for (const h of holidaysOfYear(y, settings)) {
      const existing = holidays.get(h.day);
      // Two holidays on one date stay one day off; both names are kept for the reason text.
      holidays.set(h.day, existing && existing !== h.name ? `${existing}; ${h.name}` : h.name);
    }
  }
  const compensatory = new Map<number, string>();
  for (const day of [...holidays.keys()].sort((a, b) => a - b)) {
    if (!isWeekend(day)) continue;
    let candidate = day + 1;
    while (isWeekend(candidate) || holidays.has(candidate) || compensatory.has(candidate)) candidate++;
    compensatory.set(candidate, `Nghỉ bù ${holidays.get(day)}`);
  }
  const first = epochDayOf(year, 1, 1);
  const last = epochDayOf(year, 12, 31);
  const out: StatutoryDay[] = [];
  for (const [day, name] of holidays) {
    if (day >= first && day <= last) {
      out.push({ date: formatEpochDay(day), kind: 'holiday', name, source: STATUTORY_SOURCE });
    }
  }
  for (const [day, name] of compensatory) {
    if (day >= first && day <= last) {
      out.push({ date: formatEpochDay(day), kind: 'compensatory', name, source: STATUTORY_SOURCE });
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
