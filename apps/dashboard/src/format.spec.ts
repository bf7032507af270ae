import { formatCount, formatDate, formatHours, formatInstant, formatMonth, formatRate } from './format';
import { isMonth, monthInVietnam, monthsEndingWith, periodOf } from './period';

describe('Vietnamese formats, independent of the browser’s locale data', () => {
  it('writes rates with a decimal comma and two decimals, and — for a rate without denominator', () => {
    expect(formatRate(75)).toBe('75,00%');
    expect(formatRate(66.67)).toBe('66,67%');
    expect(formatRate(100)).toBe('100,00%');
    expect(formatRate(0)).toBe('0,00%');
    expect(formatRate(null)).toBe('—');
  });

  it('groups thousands with dots', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(10_000)).toBe('10.000');
    expect(formatCount(1_234_567)).toBe('1.234.567');
    expect(formatHours(47.88)).toBe('47,9 giờ làm việc');
    expect(formatHours(null)).toBe('—');
  });

  it('reads the API’s +07:00 instants and local dates as written, whatever the time zone', () => {
    expect(formatInstant('2025-03-17T08:30:00+07:00')).toBe('17/03/2025 08:30');
    expect(formatInstant(null)).toBe('—');
    expect(formatDate('2025-06-30')).toBe('30/06/2025');
    expect(formatMonth('2025-06')).toBe('Tháng 6/2025');
    expect(formatMonth('2025-06-01', true)).toBe('T6/2025');
  });
});

describe('the period of a month', () => {
  it('runs from the first to the last local date, leap years included', () => {
    expect(periodOf('2025-06')).toEqual({ month: '2025-06', from: '2025-06-01', to: '2025-06-30' });
    expect(periodOf('2024-02').to).toBe('2024-02-29');
    expect(periodOf('2025-02').to).toBe('2025-02-28');
    expect(periodOf('2025-12').to).toBe('2025-12-31');
  });

  it('takes the month in Vietnam: 31/05 20:00 UTC is already June there', () => {
    expect(monthInVietnam(new Date('2025-05-31T20:00:00Z'))).toBe('2025-06');
    expect(monthInVietnam(new Date('2025-05-31T16:59:00Z'))).toBe('2025-05');
  });

  it('lists the trend months oldest first, across a year', () => {
    expect(monthsEndingWith('2025-02', 4)).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthsEndingWith('2025-06', 12)).toHaveLength(12);
  });

  it('accepts only YYYY-MM from the address', () => {
    expect(isMonth('2025-06')).toBe(true);
    for (const bad of ['2025-13', '2025-6', '06-2025', '', null, "2025-06'><script>"])
      expect(isMonth(bad)).toBe(false);
  });
});
