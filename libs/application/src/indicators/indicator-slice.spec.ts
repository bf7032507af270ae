import { splitPeriod, wholeMonths } from './indicator-slice';

const local = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
const days = (from: string, to: string) =>
  splitPeriod(from, to).days.map((d) => [local(d.from), local(new Date(d.to.getTime() - 1))]);

describe('splitPeriod', () => {
  it('reads whole months from the rollups and only the days around them from the dossiers', () => {
    expect(splitPeriod('2025-01-01', '2025-12-31').months).toEqual({ from: '2025-01-01', to: '2025-12-01' });
    expect(days('2025-01-01', '2025-12-31')).toEqual([]);
    expect(splitPeriod('2025-05-31', '2025-07-02').months).toEqual({ from: '2025-06-01', to: '2025-06-01' });
    expect(days('2025-05-31', '2025-07-02')).toEqual([
      ['2025-05-31', '2025-05-31'],
      ['2025-07-01', '2025-07-02'],
    ]);
    // Across a year's end, and February of a leap year ending on its 29th.
    expect(splitPeriod('2023-12-15', '2024-02-29').months).toEqual({ from: '2024-01-01', to: '2024-02-01' });
    expect(days('2023-12-15', '2024-02-29')).toEqual([['2023-12-15', '2023-12-31']]);
  });

  it('takes an exact pass when no whole month fits', () => {
    expect(splitPeriod('2025-06-02', '2025-06-29')).toMatchObject({ months: null });
    expect(days('2025-06-02', '2025-06-29')).toEqual([['2025-06-02', '2025-06-29']]);
    expect(days('2025-06-15', '2025-07-14')).toEqual([['2025-06-15', '2025-07-14']]);
    expect(wholeMonths('2025-06-01', '2025-06-30')).toEqual({ from: '2025-06-01', to: '2025-06-01' });
    expect(wholeMonths('2025-06-01', '2025-06-29')).toBeNull();
  });
});
