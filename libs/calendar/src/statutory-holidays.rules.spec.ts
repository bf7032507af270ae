import { join } from 'node:path';
import { loadOfficialYears } from '@motcua/config';
import { NGAY_VAN_HOA_VIET_NAM, statutoryDays } from './statutory-holidays.rules';
import { createWorkingCalendar } from './working-calendar';

const CONFIG_DIR = join(__dirname, '../../../config/calendars');

/** "date kind name" lines of the statutory days of a year within [from, to]. */
function listed(
  year: number,
  from: string,
  to: string,
  settings?: Parameters<typeof statutoryDays>[1],
): string[] {
  return statutoryDays(year, settings)
    .filter((d) => d.date >= from && d.date <= to)
    .map((d) => `${d.date} ${d.kind} ${d.name}`);
}

describe('statutory-holidays.rules (Labour Code 2019 art. 111(3), 112)', () => {
  it('default Tết block = last day of the old year + mùng 1–4, compensation pushed past the block', () => {
    // 2024: Tết Sat 10/02; block Fri 09 – Tue 13; Sat 10 and Sun 11 owe Wed 14 and Thu 15.
    expect(listed(2024, '2024-02-01', '2024-02-29')).toEqual([
      '2024-02-09 holiday Tết Âm lịch',
      '2024-02-10 holiday Tết Âm lịch',
      '2024-02-11 holiday Tết Âm lịch',
      '2024-02-12 holiday Tết Âm lịch',
      '2024-02-13 holiday Tết Âm lịch',
      '2024-02-14 compensatory Nghỉ bù Tết Âm lịch',
      '2024-02-15 compensatory Nghỉ bù Tết Âm lịch',
    ]);
  });

  it('tetBlock is a setting', () => {
    expect(listed(2026, '2026-02-01', '2026-02-28', { tetBlock: { daysBefore: 2, daysAfter: 2 } })).toEqual([
      '2026-02-15 holiday Tết Âm lịch',
      '2026-02-16 holiday Tết Âm lịch',
      '2026-02-17 holiday Tết Âm lịch',
      '2026-02-18 holiday Tết Âm lịch',
      '2026-02-19 holiday Tết Âm lịch',
      '2026-02-20 compensatory Nghỉ bù Tết Âm lịch',
    ]);
  });

  it('consecutive weekend holidays each get their own next working day (2022: 30/4 Sat, 1/5 Sun)', () => {
    expect(listed(2022, '2022-04-29', '2022-05-06')).toEqual([
      '2022-04-30 holiday Ngày Chiến thắng',
      '2022-05-01 holiday Ngày Quốc tế lao động',
      '2022-05-02 compensatory Nghỉ bù Ngày Chiến thắng',
      '2022-05-03 compensatory Nghỉ bù Ngày Quốc tế lao động',
    ]);
  });

  it('Giỗ Tổ on Saturday 29/04/2023 chains with 30/4 and 1/5', () => {
    expect(listed(2023, '2023-04-28', '2023-05-05')).toEqual([
      '2023-04-29 holiday Giỗ Tổ Hùng Vương',
      '2023-04-30 holiday Ngày Chiến thắng',
      '2023-05-01 holiday Ngày Quốc tế lao động',
      '2023-05-02 compensatory Nghỉ bù Giỗ Tổ Hùng Vương',
      '2023-05-03 compensatory Nghỉ bù Ngày Chiến thắng',
    ]);
  });

  it('a Sunday holiday gives Monday off (1/1/2023, Giỗ Tổ 26/04/2026)', () => {
    expect(listed(2023, '2023-01-01', '2023-01-03')).toEqual([
      '2023-01-01 holiday Tết Dương lịch',
      '2023-01-02 compensatory Nghỉ bù Tết Dương lịch',
    ]);
    expect(listed(2026, '2026-04-25', '2026-04-28')).toEqual([
      '2026-04-26 holiday Giỗ Tổ Hùng Vương',
      '2026-04-27 compensatory Nghỉ bù Giỗ Tổ Hùng Vương',
    ]);
  });

  it('Quốc khánh adjacent day: default after, configurable before; Sunday 2/9/2029 pushes past it', () => {
    expect(listed(2029, '2029-08-30', '2029-09-07')).toEqual([
      '2029-09-02 holiday Quốc khánh',
      '2029-09-03 holiday Quốc khánh',
      '2029-09-04 compensatory Nghỉ bù Quốc khánh',
    ]);
    expect(listed(2025, '2025-08-30', '2025-09-07', { nationalDayAdjacent: 'before' })).toEqual([
      '2025-09-01 holiday Quốc khánh',
      '2025-09-02 holiday Quốc khánh',
    ]);
  });

  it('Giỗ Tổ in 2031 (leap third month) uses the regular month', () => {
    expect(listed(2031, '2031-03-25', '2031-04-10')).toEqual(['2031-04-01 holiday Giỗ Tổ Hùng Vương']);
  });

  it('24/11 is off by default and data-driven when enabled', () => {
    expect(listed(2026, '2026-11-24', '2026-11-24')).toEqual([]);
    const settings = { additionalHolidays: [{ ...NGAY_VAN_HOA_VIET_NAM, fromYear: 2027 }] };
    expect(listed(2026, '2026-11-24', '2026-11-24', settings)).toEqual([]);
    expect(listed(2027, '2027-11-24', '2027-11-24', settings)).toEqual([
      '2027-11-24 holiday Ngày Văn hóa Việt Nam',
    ]);
  });

  it('never invents swaps or make-up days; 11 holiday dates a year with default settings', () => {
    for (let year = 2019; year <= 2035; year++) {
      const days = statutoryDays(year);
      expect(days.filter((d) => d.kind === 'holiday')).toHaveLength(11);
      expect(days.every((d) => d.kind === 'holiday' || d.kind === 'compensatory')).toBe(true);
    }
  });

  it('rejects invalid settings', () => {
    expect(() => statutoryDays(2026, { tetBlock: { daysBefore: -1, daysAfter: 3 } })).toThrow(RangeError);
  });

  /*
   * 2026 statutory (default settings) vs the official 2026 file — differences found:
   *   - 2026-01-02 (Fri): official swap_off (hoán đổi, made up on Sat 10/01); statutory: ordinary working day.
   *   - 2026-01-10 (Sat): official make-up working day; statutory: weekend.
   * Everything else agrees: Tết Mon 16 – Fri 20/02 (29 Chạp + mùng 1–4 is exactly the default tetBlock),
   * Giỗ Tổ Sun 26/04 + compensatory Mon 27/04, 30/04 and 01/05, and 02/09 + 03/09 (the official file's
   * 03/09 is itself the assumed statutory default, see config/calendars/2026.json "notes").
   * Swaps are political decisions (§6.2) that the statutory rules deliberately never invent.
   */
  it('statutory 2026 vs the official 2026 file: only the New-Year swap differs', () => {
    const official = createWorkingCalendar({ officialYears: loadOfficialYears(CONFIG_DIR) });
    const statutory = createWorkingCalendar();
    const differences = official
      .days('2026-01-01', '2026-12-31')
      .filter((day) => statutory.dayInfo(day.date).working !== day.working)
      .map((day) => `${day.date} official=${day.kind} statutory=${statutory.dayInfo(day.date).kind}`);
    expect(differences).toEqual([
      '2026-01-02 official=swap_off statutory=workday',
      '2026-01-10 official=makeup_workday statutory=weekend',
    ]);
  });
});
