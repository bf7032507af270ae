import {
  DEFAULT_OFFICE_HOURS,
  addDays,
  formatInstant,
  localInstant,
  parseClock,
  parseInstant,
  parseLocalDate,
  toLocalDate,
  weekdayOf,
} from './local-time.util';

describe('local-time.util (fixed UTC+7, independent of the server TZ)', () => {
  it('maps 06:00 local to the same local date (the 766-tool toISOString bug, §6.9)', () => {
    const t = parseInstant('2025-03-10T06:00:00+07:00');
    expect(new Date(t).toISOString()).toBe('2025-03-09T23:00:00.000Z');
    expect(toLocalDate(t)).toBe('2025-03-10');
  });

  it('puts 16:59:59Z on the next local day', () => {
    expect(toLocalDate(parseInstant('2025-12-31T17:00:00Z'))).toBe('2026-01-01');
    expect(toLocalDate(parseInstant('2025-12-31T16:59:59Z'))).toBe('2025-12-31');
  });

  it('builds local instants from HH:MM and HH:MM:SS', () => {
    expect(localInstant('2025-01-24', '16:00')).toBe(Date.UTC(2025, 0, 24, 9, 0, 0));
    expect(localInstant('2025-01-24', '16:59:59')).toBe(Date.UTC(2025, 0, 24, 9, 59, 59));
    expect(localInstant('2025-01-24', '00:00')).toBe(Date.UTC(2025, 0, 23, 17));
  });

  it('formats with +07:00', () => {
    expect(formatInstant(localInstant('2025-01-24', '16:00'))).toBe('2025-01-24T16:00:00+07:00');
    expect(formatInstant(parseInstant('2024-02-29T23:30:15.250Z'))).toBe('2024-03-01T06:30:15.250+07:00');
  });

  it('parses any explicit offset and round-trips', () => {
    const a = parseInstant('2025-01-24T16:00:00+07:00');
    expect(parseInstant('2025-01-24T09:00:00Z')).toBe(a);
    expect(parseInstant('2025-01-24T04:00:00-05:00')).toBe(a);
    expect(parseInstant('2025-01-24T16:00+07:00')).toBe(a);
    expect(parseInstant(formatInstant(a))).toBe(a);
  });

  it.each([
    '2025-02-30T10:00:00+07:00',
    '2023-02-29T10:00:00Z',
    '2025-01-24T16:00:00',
    '2025-01-24',
    '2025-01-24T24:00:00Z',
    '2025-01-24T10:60:00Z',
    '2025-13-01T10:00:00Z',
    '2025-01-24T10:00:00+15:00',
    'not a date',
  ])('rejects %s', (iso) => {
    expect(() => parseInstant(iso)).toThrow(RangeError);
  });

  it('rejects impossible local dates and clock times', () => {
    expect(() => parseLocalDate('2025-02-29')).toThrow(RangeError);
    expect(() => parseLocalDate('2025-2-1')).toThrow(RangeError);
    expect(parseLocalDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29) / 86_400_000);
    expect(() => parseClock('25:00')).toThrow(RangeError);
    expect(parseClock('24:00')).toBe(86_400_000);
  });

  it('adds days across month, leap-day and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('1900-03-01', -1)).toBe('1900-02-28');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
  });

  it('numbers weekdays 1 = Monday … 7 = Sunday', () => {
    expect(weekdayOf('2025-01-27')).toBe(1);
    expect(weekdayOf('2024-05-04')).toBe(6);
    expect(weekdayOf('2026-04-26')).toBe(7);
    expect(weekdayOf('1900-01-01')).toBe(1);
    expect(weekdayOf('2199-12-31')).toBe(2);
  });

  it('has the default office hours', () => {
    expect(DEFAULT_OFFICE_HOURS).toEqual({
      name: 'default',
      sessions: [
        { start: '07:00', end: '11:30' },
        { start: '13:30', end: '17:00' },
      ],
    });
  });
});
