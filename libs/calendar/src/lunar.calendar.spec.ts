import { weekdayOf } from './local-time.util';
import {
  leapMonthOf,
  lunarFromSolar,
  lunarMonthLength,
  lunarNewYear,
  solarFromLunar,
} from './lunar.calendar';

// domain.md §6.4: [lunar year, Tết, weekday (1 = Mon), last day of the old year and its lunar day, Giỗ Tổ, leap month]
const TABLE: ReadonlyArray<[number, string, number, string | null, number | null, string, number | null]> = [
  [2020, '2020-01-25', 6, '2020-01-24', 30, '2020-04-02', 4],
  [2021, '2021-02-12', 5, '2021-02-11', 30, '2021-04-21', null],
  [2022, '2022-02-01', 2, '2022-01-31', 29, '2022-04-10', null],
  [2023, '2023-01-22', 7, '2023-01-21', 30, '2023-04-29', 2],
  [2024, '2024-02-10', 6, '2024-02-09', 30, '2024-04-18', null],
  [2025, '2025-01-29', 3, '2025-01-28', 29, '2025-04-07', 6],
  [2026, '2026-02-17', 2, '2026-02-16', 29, '2026-04-26', null],
  [2027, '2027-02-06', 6, '2027-02-05', 29, '2027-04-16', null],
  [2028, '2028-01-26', 3, '2028-01-25', 29, '2028-04-04', 5],
  [2029, '2029-02-13', 2, '2029-02-12', 29, '2029-04-23', null],
  [2030, '2030-02-02', 6, '2030-02-01', 29, '2030-04-12', null],
  [2031, '2031-01-23', 4, '2031-01-22', null, '2031-04-01', 3],
  [2032, '2032-02-11', 3, null, null, '2032-04-19', null],
  // The doc lists no leap month for 2033 and leap 11 for 2034. That contradicts its own Tết column:
  // 31/01/2033 → 19/02/2034 is 384 days (13 lunations), 19/02/2034 → 08/02/2035 is 354 days (12).
  // The algorithm puts the leap month 11 in Quý Sửu 2033 (≈ 22/12/2033), as the Tết dates require.
  [2033, '2033-01-31', 1, null, null, '2033-04-09', 11],
  [2034, '2034-02-19', 7, null, null, '2034-04-28', null],
  [2035, '2035-02-08', 4, null, null, '2035-04-17', null],
];

describe('lunar.calendar (Hồ Ngọc Đức, UTC+7)', () => {
  describe.each(TABLE)('lunar year %i', (year, tet, weekday, eve, eveDay, gioTo, leap) => {
    it(`Tết is ${tet}`, () => {
      expect(lunarNewYear(year)).toBe(tet);
      expect(weekdayOf(tet)).toBe(weekday);
      expect(lunarFromSolar(tet)).toEqual({ year, month: 1, day: 1, leap: false });
    });

    if (eve !== null) {
      it(`the old year ends on ${eve}${eveDay === null ? '' : ` (${eveDay} Chạp)`}`, () => {
        const last = lunarFromSolar(eve);
        expect(last).toMatchObject({ year: year - 1, month: 12, leap: false });
        if (eveDay !== null) expect(last.day).toBe(eveDay);
        expect(lunarMonthLength(year - 1, 12)).toBe(last.day);
      });
    }

    it(`Giỗ Tổ (10/3 regular month) is ${gioTo}`, () => {
      expect(solarFromLunar(year, 3, 10)).toBe(gioTo);
      expect(lunarFromSolar(gioTo)).toEqual({ year, month: 3, day: 10, leap: false });
    });

    it(`leap month is ${leap ?? 'none'}`, () => {
      expect(leapMonthOf(year)).toBe(leap);
    });
  });

  it.each([
    [1985, '1985-01-21'], // CN (UTC+8): 1985-02-20
    [2007, '2007-02-17'], // CN: 2007-02-18
    [2030, '2030-02-02'], // CN: 2030-02-03
  ])('uses UTC+7, not the Chinese UTC+8 calendar: Tết %i = %s', (year, tet) => {
    expect(lunarNewYear(year)).toBe(tet);
  });

  it('2025 and 2026 have no "30 Tết"', () => {
    expect(() => solarFromLunar(2024, 12, 30)).toThrow(RangeError);
    expect(() => solarFromLunar(2025, 12, 30)).toThrow(RangeError);
    expect(solarFromLunar(2023, 12, 30)).toBe('2024-02-09');
  });

  it('2031 has a leap third month; Giỗ Tổ uses the regular one', () => {
    const leapGioTo = solarFromLunar(2031, 3, 10, true);
    expect(leapGioTo > solarFromLunar(2031, 3, 10)).toBe(true);
    expect(lunarFromSolar(leapGioTo)).toEqual({ year: 2031, month: 3, day: 10, leap: true });
  });

  it('rejects leap months that do not exist', () => {
    expect(() => solarFromLunar(2024, 3, 1, true)).toThrow(RangeError);
    expect(() => solarFromLunar(2024, 13, 1)).toThrow(RangeError);
  });

  it('round-trips every day of 1900–2199 and every month has 29 or 30 days', () => {
    let previous = lunarFromSolar('1899-12-31');
    const start = Date.UTC(1900, 0, 1) / 86_400_000;
    const end = Date.UTC(2199, 11, 31) / 86_400_000;
    for (let day = start; day <= end; day++) {
      const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
      const lunar = lunarFromSolar(date);
      if (lunar.day === 1) {
        expect(previous.day === 29 || previous.day === 30).toBe(true);
      } else {
        expect(lunar.day).toBe(previous.day + 1);
      }
      if (lunar.day === 1 || lunar.day === 15) {
        expect(solarFromLunar(lunar.year, lunar.month, lunar.day, lunar.leap)).toBe(date);
      }
      previous = lunar;
    }
  });
});
