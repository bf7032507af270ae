import { join } from 'node:path';
import { CalendarYearMissingError } from './calendar.errors';
import type { OfficeHoursProfile } from './calendar.types';
import {
  addDays,
  formatInstant,
  localInstant,
  parseInstant,
  toLocalDate,
  weekdayOf,
} from './local-time.util';
import { loadOfficialYears } from '@motcua/config';
import { createWorkingCalendar } from './working-calendar';

const officialYears = loadOfficialYears(join(__dirname, '../../../config/calendars'));
const cal = createWorkingCalendar({ officialYears });
const at = (date: string, hhmm: string): number => localInstant(date, hhmm);
const fmt = formatInstant;

/** The closest Monday–Friday strictly before (step −1) or after (step 1) a date. */
function nearestWeekday(date: string, step: 1 | -1): string {
  let d = addDays(date, step);
  while (weekdayOf(d) >= 6) d = addDays(d, step);
  return d;
}

describe('IndexedWorkingCalendar', () => {
  it('exposes the default profile', () => {
    expect(cal.profile.name).toBe('default');
    expect(cal.minutesPerDay).toBe(480);
    expect(fmt(cal.openingOf('2025-01-24'))).toBe('2025-01-24T07:00:00+07:00');
    expect(fmt(cal.closeOf('2025-01-24'))).toBe('2025-01-24T17:00:00+07:00');
  });

  describe('official schedules §6.3', () => {
    // [occasion, first day off, last day off, non-working weekdays, make-up Saturday]
    const ROWS: ReadonlyArray<[string, string, string, string[], string | null]> = [
      ['2024 Tết Dương lịch', '2024-01-01', '2024-01-01', ['2024-01-01'], null],
      [
        '2024 Tết Âm lịch',
        '2024-02-08',
        '2024-02-14',
        ['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14'],
        null,
      ],
      ['2024 Giỗ Tổ', '2024-04-18', '2024-04-18', ['2024-04-18'], null],
      ['2024 30/4–1/5', '2024-04-27', '2024-05-01', ['2024-04-29', '2024-04-30', '2024-05-01'], '2024-05-04'],
      ['2024 Quốc khánh', '2024-08-31', '2024-09-03', ['2024-09-02', '2024-09-03'], null],
      ['2025 Tết Dương lịch', '2025-01-01', '2025-01-01', ['2025-01-01'], null],
      [
        '2025 Tết Âm lịch',
        '2025-01-25',
        '2025-02-02',
        ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'],
        null,
      ],
      ['2025 Giỗ Tổ', '2025-04-07', '2025-04-07', ['2025-04-07'], null],
      ['2025 30/4–1/5', '2025-04-30', '2025-05-04', ['2025-04-30', '2025-05-01', '2025-05-02'], '2025-04-26'],
      ['2025 Quốc khánh', '2025-08-30', '2025-09-02', ['2025-09-01', '2025-09-02'], null],
      ['2026 Tết Dương lịch', '2026-01-01', '2026-01-04', ['2026-01-01', '2026-01-02'], '2026-01-10'],
      [
        '2026 Tết Âm lịch',
        '2026-02-14',
        '2026-02-22',
        ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
        null,
      ],
      ['2026 Giỗ Tổ', '2026-04-25', '2026-04-27', ['2026-04-27'], null],
      ['2026 30/4–1/5', '2026-04-30', '2026-05-03', ['2026-04-30', '2026-05-01'], null],
      // Only 02/09 is known; 03/09 is the documented assumption in 2026.json.
      ['2026 Quốc khánh', '2026-09-02', '2026-09-03', ['2026-09-02', '2026-09-03'], null],
    ];

    it.each(ROWS)('%s: %s – %s', (_occasion, first, last, weekdaysOff, makeup) => {
      const block = cal.days(first, last);
      expect(block.every((d) => !d.working && !d.provisional)).toBe(true);
      expect(block.filter((d) => d.kind !== 'weekend').map((d) => d.date)).toEqual(
        expect.arrayContaining(weekdaysOff),
      );
      expect(block.filter((d) => d.kind !== 'weekend' && d.kind !== 'holiday').length).toBeLessThanOrEqual(
        weekdaysOff.length,
      );
      // The blocks are maximal: the nearest weekdays around them are working days.
      expect(cal.previousWorkingDay(first)).toBe(nearestWeekday(first, -1));
      expect(cal.nextWorkingDay(last)).toBe(nearestWeekday(last, 1));
      if (makeup) {
        expect(cal.dayInfo(makeup)).toMatchObject({
          working: true,
          kind: 'makeup_workday',
          provisional: false,
        });
      }
    });

    it('labels kinds, names and sources', () => {
      expect(cal.dayInfo('2024-02-13')).toEqual({
        date: '2024-02-13',
        working: false,
        kind: 'compensatory',
        name: 'Nghỉ bù Tết Âm lịch',
        provisional: false,
        source: 'TB 5015/TB-LĐTBXH; VPCP 8662/VPCP-KGVX',
      });
      expect(cal.dayInfo('2024-02-10')).toMatchObject({ kind: 'holiday', name: 'Tết Âm lịch' });
      expect(cal.dayInfo('2024-04-29')).toMatchObject({ kind: 'swap_off', working: false });
      expect(cal.dayInfo('2025-05-02')).toMatchObject({ kind: 'swap_off', working: false });
      expect(cal.dayInfo('2026-01-02')).toMatchObject({ kind: 'swap_off', working: false });
      expect(cal.dayInfo('2026-04-27')).toMatchObject({
        kind: 'compensatory',
        name: 'Nghỉ bù Giỗ Tổ Hùng Vương',
      });
      expect(cal.dayInfo('2025-02-01')).toEqual({
        date: '2025-02-01',
        working: false,
        kind: 'weekend',
        provisional: false,
      });
      expect(cal.dayInfo('2025-02-03')).toEqual({
        date: '2025-02-03',
        working: true,
        kind: 'workday',
        provisional: false,
      });
    });

    it('a year with a file overrides the statutory rules (2024 Tết is not the statutory Fri 09 – Thu 15)', () => {
      expect(cal.isWorkingDay('2024-02-08')).toBe(false); // official 29 Chạp; statutory: working
      expect(cal.isWorkingDay('2024-02-15')).toBe(true); // statutory: compensatory
      expect(createWorkingCalendar().isWorkingDay('2024-02-15')).toBe(false);
    });
  });

  describe('§6.8 worked vectors (effective start = nextOpening; day-based = closeOf(addWorkingDays); hour-based = +N×480 min)', () => {
    // [received, N, effective start, due day-based, due hour-based]
    const VECTORS: ReadonlyArray<[string, number, string, string, string]> = [
      ['2024-02-07T10:00', 3, '2024-02-07T10:00', '2024-02-19T17:00', '2024-02-19T10:00'],
      ['2024-02-07T17:30', 3, '2024-02-15T07:00', '2024-02-20T17:00', '2024-02-19T17:00'],
      ['2025-01-24T16:00', 5, '2025-01-24T16:00', '2025-02-07T17:00', '2025-02-07T16:00'],
      ['2025-04-24T09:00', 2, '2025-04-24T09:00', '2025-04-26T17:00', '2025-04-26T09:00'],
      ['2025-04-29T14:00', 1, '2025-04-29T14:00', '2025-05-05T17:00', '2025-05-05T14:00'],
      ['2025-12-31T15:30', 2, '2025-12-31T15:30', '2026-01-06T17:00', '2026-01-06T15:30'],
      ['2026-01-09T10:00', 1, '2026-01-09T10:00', '2026-01-10T17:00', '2026-01-10T10:00'],
      ['2026-04-24T10:00', 1, '2026-04-24T10:00', '2026-04-28T17:00', '2026-04-28T10:00'],
      ['2025-01-13T17:30', 1, '2025-01-14T07:00', '2025-01-15T17:00', '2025-01-14T17:00'],
      ['2025-01-13T12:00', 1, '2025-01-13T13:30', '2025-01-14T17:00', '2025-01-14T11:30'],
      ['2026-02-13T16:59', 5, '2026-02-13T16:59', '2026-02-27T17:00', '2026-02-27T16:59'],
      ['2024-04-26T08:00', 3, '2024-04-26T08:00', '2024-05-04T17:00', '2024-05-04T08:00'],
      ['2025-08-29T10:00', 1, '2025-08-29T10:00', '2025-09-03T17:00', '2025-09-03T10:00'],
    ];
    const local = (s: string): number => parseInstant(`${s}:00+07:00`);

    it.each(VECTORS)('received %s, N = %i', (received, n, start, dayDue, hourDue) => {
      const effective = cal.nextOpening(local(received));
      expect(fmt(effective)).toBe(fmt(local(start)));
      expect(fmt(cal.closeOf(cal.addWorkingDays(toLocalDate(effective), n)))).toBe(fmt(local(dayDue)));
      expect(fmt(cal.addWorkingMinutes(effective, n * cal.minutesPerDay))).toBe(fmt(local(hourDue)));
      // addWorkingMinutes starts from nextOpening itself, so the raw receipt gives the same answer.
      expect(cal.addWorkingMinutes(local(received), n * 480)).toBe(local(hourDue));
      expect(cal.isProvisional(effective, local(hourDue))).toBe(false);
    });
  });

  describe('apology deadline = previousWorkingDay(date(due)) (§5.2, §5.6, §6.8)', () => {
    it.each([
      ['2024-02-19', '2024-02-16'],
      ['2024-02-15', '2024-02-07'],
      ['2025-02-03', '2025-01-24'],
      ['2026-02-23', '2026-02-13'],
      ['2025-05-05', '2025-04-29'],
      ['2026-04-28', '2026-04-24'],
      ['2025-04-26', '2025-04-25'],
      ['2024-05-06', '2024-05-04'],
      ['2025-09-03', '2025-08-29'],
    ])('due %s → apology by the end of %s', (due, deadline) => {
      expect(cal.previousWorkingDay(due)).toBe(deadline);
      expect(fmt(cal.closeOf(cal.previousWorkingDay(due)))).toBe(`${deadline}T17:00:00+07:00`);
    });
  });

  describe('boundaries and edges §6.9', () => {
    it('17:00:00 is closed, 16:59:59 is open; seconds are preserved', () => {
      expect(cal.isWorkingTime(at('2025-03-12', '17:00:00'))).toBe(false);
      expect(fmt(cal.nextOpening(at('2025-03-12', '17:00:00')))).toBe('2025-03-13T07:00:00+07:00');
      expect(cal.isWorkingTime(at('2025-03-12', '16:59:59'))).toBe(true);
      expect(cal.nextOpening(at('2025-03-12', '16:59:59'))).toBe(at('2025-03-12', '16:59:59'));
      expect(fmt(cal.addWorkingMinutes(at('2025-03-12', '16:59:59'), 480))).toBe('2025-03-13T16:59:59+07:00');
      expect(
        cal.workingMinutesBetween(at('2025-03-12', '16:59:59'), at('2025-03-12', '17:00:00')),
      ).toBeCloseTo(1 / 60);
    });

    it('opening times are inclusive, lunch is closed', () => {
      expect(cal.isWorkingTime(at('2025-03-12', '07:00'))).toBe(true);
      expect(cal.isWorkingTime(at('2025-03-12', '06:59:59'))).toBe(false);
      expect(cal.isWorkingTime(at('2025-03-12', '11:30'))).toBe(false);
      expect(fmt(cal.nextOpening(at('2025-03-12', '11:30')))).toBe('2025-03-12T13:30:00+07:00');
      expect(fmt(cal.nextOpening(at('2025-03-12', '05:00')))).toBe('2025-03-12T07:00:00+07:00');
    });

    it('landing exactly on a session end returns that end', () => {
      expect(fmt(cal.addWorkingMinutes(at('2024-02-07', '17:30'), 3 * 480))).toBe(
        '2024-02-19T17:00:00+07:00',
      );
      expect(fmt(cal.addWorkingMinutes(at('2025-01-13', '12:00'), 480))).toBe('2025-01-14T11:30:00+07:00');
      expect(fmt(cal.addWorkingMinutes(at('2025-03-12', '07:00'), 270))).toBe('2025-03-12T11:30:00+07:00');
      expect(fmt(cal.addWorkingMinutes(at('2025-03-12', '07:00'), 270.5))).toBe('2025-03-12T13:30:30+07:00');
    });

    it('0 minutes returns the effective start', () => {
      expect(fmt(cal.addWorkingMinutes(at('2025-03-12', '12:00'), 0))).toBe('2025-03-12T13:30:00+07:00');
      expect(() => cal.addWorkingMinutes(at('2025-03-12', '12:00'), -1)).toThrow(RangeError);
    });

    it('0.5 day = 240 minutes crosses the lunch break', () => {
      // 09:00–11:30 is 150 min, the remaining 90 min run from 13:30.
      expect(fmt(cal.addWorkingMinutes(at('2025-03-12', '09:00'), 0.5 * 480))).toBe(
        '2025-03-12T15:00:00+07:00',
      );
      expect(cal.workingMinutesBetween(at('2025-03-12', '09:00'), at('2025-03-12', '15:00'))).toBe(240);
      expect(fmt(cal.addWorkingMinutes(at('2025-03-12', '13:30'), 240))).toBe('2025-03-13T07:30:00+07:00');
    });

    it('receipt on a make-up Saturday is working time', () => {
      const t = at('2024-05-04', '09:15');
      expect(cal.isWorkingTime(t)).toBe(true);
      expect(cal.nextOpening(t)).toBe(t);
      expect(fmt(cal.addWorkingMinutes(t, 480))).toBe('2024-05-06T09:15:00+07:00');
    });

    it('receipt on a normal Saturday (desk open) starts on Monday morning', () => {
      const t = at('2024-05-11', '09:15');
      expect(cal.isWorkingTime(t)).toBe(false);
      expect(fmt(cal.nextOpening(t))).toBe('2024-05-13T07:00:00+07:00');
      expect(fmt(cal.addWorkingMinutes(t, 480))).toBe('2024-05-13T17:00:00+07:00');
    });

    it('crosses year boundaries', () => {
      expect(fmt(cal.addWorkingMinutes(at('2025-12-31', '16:00'), 480))).toBe('2026-01-05T16:00:00+07:00');
      expect(cal.workingMinutesBetween(at('2025-12-31', '16:00'), at('2026-01-05', '16:00'))).toBe(480);
      expect(cal.addWorkingDays('2024-12-31', 1)).toBe('2025-01-02');
      expect(cal.previousWorkingDay('2025-01-02')).toBe('2024-12-31');
      expect(cal.nextWorkingDay('2026-12-31')).toBe('2027-01-04'); // 01/01/2027 Friday (statutory)
    });

    it('addWorkingDays: n counts working days after the date; 0 = same or next; negative counts back', () => {
      expect(cal.addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
      expect(cal.addWorkingDays('2025-01-25', 0)).toBe('2025-02-03');
      expect(cal.addWorkingDays('2025-01-24', 0)).toBe('2025-01-24');
      expect(cal.addWorkingDays('2025-02-03', -1)).toBe('2025-01-24');
      expect(cal.addWorkingDays('2024-01-02', 250)).toBe(
        createWorkingCalendar({ officialYears }).addWorkingDays('2024-01-02', 250),
      );
      expect(() => cal.addWorkingDays('2025-01-24', 1.5)).toThrow(RangeError);
    });

    it('workingMinutesBetween is antisymmetric and skips non-working days', () => {
      const a = at('2024-02-07', '10:00');
      const b = at('2024-02-15', '08:00');
      // 07/02: 10:00–11:30 + 13:30–17:00 = 300 min; 08–14/02 off; 15/02: 07:00–08:00 = 60 min.
      expect(cal.workingMinutesBetween(a, b)).toBe(360);
      expect(cal.workingMinutesBetween(b, a)).toBe(-360);
      expect(cal.workingMinutesBetween(a, a)).toBe(0);
    });

    it('skippedDays gives every non-working day with a Vietnamese reason', () => {
      expect(cal.skippedDays(at('2025-04-24', '09:00'), at('2025-05-05', '10:00'))).toEqual([
        { date: '2025-04-27', kind: 'weekend', reason: 'Chủ Nhật' },
        { date: '2025-04-30', kind: 'holiday', reason: 'Ngày Chiến thắng' },
        { date: '2025-05-01', kind: 'holiday', reason: 'Ngày Quốc tế lao động' },
        { date: '2025-05-02', kind: 'swap_off', reason: 'Hoán đổi ngày làm việc, làm bù thứ Bảy 26/04/2025' },
        { date: '2025-05-03', kind: 'weekend', reason: 'Thứ Bảy' },
        { date: '2025-05-04', kind: 'weekend', reason: 'Chủ Nhật' },
      ]);
      expect(
        cal.skippedDays(at('2024-02-09', '09:00'), at('2024-02-14', '09:00')).map((d) => d.reason),
      ).toEqual([
        'Tết Âm lịch',
        'Tết Âm lịch (trùng Thứ Bảy)',
        'Tết Âm lịch (trùng Chủ Nhật)',
        'Tết Âm lịch',
        'Nghỉ bù Tết Âm lịch',
        'Nghỉ bù Tết Âm lịch',
      ]);
    });
  });

  describe('missing years', () => {
    it('provisional policy: statutory rules, flagged provisional', () => {
      expect(cal.dayInfo('2027-02-05')).toEqual({
        date: '2027-02-05',
        working: false,
        kind: 'holiday',
        name: 'Tết Âm lịch',
        provisional: true,
        source: 'statutory',
      });
      expect(cal.dayInfo('2027-03-01').provisional).toBe(true);
      expect(cal.dayInfo('2026-12-31').provisional).toBe(false);
      expect(cal.isProvisional(at('2026-12-31', '10:00'))).toBe(false);
      expect(cal.isProvisional(at('2026-12-31', '10:00'), at('2027-01-04', '10:00'))).toBe(true);
      expect(cal.isProvisional(at('2023-12-29', '10:00'), at('2024-01-02', '10:00'))).toBe(true);
      // 2027 statutory: Tết Sat 06/02, block Fri 05 – Tue 09, compensatory Wed 10 and Thu 11.
      expect(cal.addWorkingDays('2027-02-04', 1)).toBe('2027-02-12');
    });

    it('refuse policy: touching a year without a file throws CalendarYearMissingError naming the year', () => {
      const strict = createWorkingCalendar({ officialYears, missingYearPolicy: 'refuse' });
      expect(fmt(strict.addWorkingMinutes(at('2025-12-31', '16:00'), 480))).toBe('2026-01-05T16:00:00+07:00');
      expect(() => strict.addWorkingMinutes(at('2026-12-31', '16:00'), 480)).toThrow(
        CalendarYearMissingError,
      );
      expect(() => strict.addWorkingMinutes(at('2026-12-31', '16:00'), 480)).toThrow(/2027/);
      expect(() => strict.dayInfo('2023-06-01')).toThrow(/year 2023/);
      expect(() => strict.previousWorkingDay('2024-01-02')).toThrow(CalendarYearMissingError);
      expect(strict.isProvisional(at('2027-01-04', '10:00'))).toBe(true); // a question, not a computation
      try {
        strict.nextWorkingDay('2026-12-31');
        throw new Error('expected a refusal');
      } catch (err) {
        expect(err).toBeInstanceOf(CalendarYearMissingError);
        expect((err as CalendarYearMissingError).year).toBe(2027);
      }
    });
  });

  describe('range and profiles', () => {
    it('works for 1900–2199 and across 2199 → 2200', () => {
      expect(cal.addWorkingDays('1900-01-01', 1)).toBe('1900-01-02');
      expect(cal.workingMinutesBetween(at('1900-01-01', '00:00'), at('2200-01-01', '00:00'))).toBeGreaterThan(
        300 * 240 * 480,
      );
      const t = at('2199-12-31', '16:00');
      expect(cal.workingMinutesBetween(t, cal.addWorkingMinutes(t, 10 * 480))).toBe(10 * 480);
    });

    it('supports another profile (e.g. a summer timetable)', () => {
      const summer: OfficeHoursProfile = {
        name: 'summer',
        sessions: [
          { start: '07:00', end: '11:00' },
          { start: '14:00', end: '17:30' },
        ],
      };
      const c = createWorkingCalendar({ officialYears, profile: summer });
      expect(c.minutesPerDay).toBe(450);
      expect(fmt(c.addWorkingMinutes(at('2025-03-12', '10:00'), 60))).toBe('2025-03-12T11:00:00+07:00');
      expect(fmt(c.addWorkingMinutes(at('2025-03-12', '10:00'), 61))).toBe('2025-03-12T14:01:00+07:00');
      expect(() =>
        createWorkingCalendar({
          profile: {
            name: 'bad',
            sessions: [
              { start: '13:00', end: '17:00' },
              { start: '07:00', end: '11:00' },
            ],
          },
        }),
      ).toThrow(RangeError);
    });

    it('rejects the same official year twice', () => {
      expect(() => createWorkingCalendar({ officialYears: [...officialYears, officialYears[0]] })).toThrow(
        /twice/,
      );
    });
  });
});
