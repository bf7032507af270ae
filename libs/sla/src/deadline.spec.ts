import { formatInstant } from '@motcua/calendar';
import { apologyDeadline, baseDue, previewDue, ruleSetFor, warningInstant } from './deadline';
import { FORMS_BY_RULE_SET } from './rule-set';
import { resolveSlaSettings } from './sla.settings';
import { at, realCalendar } from './testing/sla-fixtures';
import type { DurationUnit } from './sla.types';

const cal = realCalendar();
const hourBased = resolveSlaSettings();
const dayBased = resolveSlaSettings({ workingDayModel: 'day_based' });
const fmt = (t: number | null) => (t === null ? null : formatInstant(t));

describe('due dates (domain.md §6.8 worked vectors)', () => {
  // received, N, effective start, due day-based, due hour-based
  const vectors: Array<[string, number, string, string, string]> = [
    ['2024-02-07 10:00', 3, '2024-02-07 10:00', '2024-02-19 17:00', '2024-02-19 10:00'],
    ['2024-02-07 17:30', 3, '2024-02-15 07:00', '2024-02-20 17:00', '2024-02-19 17:00'],
    ['2025-01-24 16:00', 5, '2025-01-24 16:00', '2025-02-07 17:00', '2025-02-07 16:00'],
    ['2025-04-24 09:00', 2, '2025-04-24 09:00', '2025-04-26 17:00', '2025-04-26 09:00'],
    ['2025-04-29 14:00', 1, '2025-04-29 14:00', '2025-05-05 17:00', '2025-05-05 14:00'],
    ['2025-12-31 15:30', 2, '2025-12-31 15:30', '2026-01-06 17:00', '2026-01-06 15:30'],
    ['2026-01-09 10:00', 1, '2026-01-09 10:00', '2026-01-10 17:00', '2026-01-10 10:00'],
    ['2026-04-24 10:00', 1, '2026-04-24 10:00', '2026-04-28 17:00', '2026-04-28 10:00'],
    ['2025-01-13 17:30', 1, '2025-01-14 07:00', '2025-01-15 17:00', '2025-01-14 17:00'],
    ['2025-01-13 12:00', 1, '2025-01-13 13:30', '2025-01-14 17:00', '2025-01-14 11:30'],
    ['2026-02-13 16:59', 5, '2026-02-13 16:59', '2026-02-27 17:00', '2026-02-27 16:59'],
    ['2024-04-26 08:00', 3, '2024-04-26 08:00', '2024-05-04 17:00', '2024-05-04 08:00'],
    ['2025-08-29 10:00', 1, '2025-08-29 10:00', '2025-09-03 17:00', '2025-09-03 10:00'],
  ];

  it.each(vectors)('received %s, %i working days', (recv, n, start, dueDay, dueHour) => {
    const duration = { value: n, unit: 'working_days' as const };
    const hour = previewDue(cal, hourBased, { duration }, at(recv));
    const day = previewDue(cal, dayBased, { duration }, at(recv));
    expect(fmt(hour.effectiveStartAt)).toBe(fmt(at(start)));
    expect(fmt(day.effectiveStartAt)).toBe(fmt(at(start)));
    expect(fmt(hour.dueAt)).toBe(fmt(at(dueHour)));
    expect(fmt(day.dueAt)).toBe(fmt(at(dueDay)));
    expect(hour.provisional).toBe(false);
  });

  it('keeps seconds: 16:59:59 is still working time and the due keeps :59', () => {
    const p = previewDue(
      cal,
      hourBased,
      { duration: { value: 1, unit: 'working_days' } },
      at('2025-03-10 16:59:59'),
    );
    expect(fmt(p.effectiveStartAt)).toBe('2025-03-10T16:59:59+07:00');
    expect(fmt(p.dueAt)).toBe('2025-03-11T16:59:59+07:00');
  });

  it('a receipt at exactly 17:00:00 starts at the next opening', () => {
    const p = previewDue(
      cal,
      hourBased,
      { duration: { value: 1, unit: 'working_days' } },
      at('2025-03-10 17:00:00'),
    );
    expect(fmt(p.effectiveStartAt)).toBe('2025-03-11T07:00:00+07:00');
    expect(fmt(p.dueAt)).toBe('2025-03-11T17:00:00+07:00');
  });

  it('half a working day is 4 hours across the lunch break', () => {
    const due = baseDue(cal, hourBased, { value: 0.5, unit: 'working_days' }, at('2025-03-10 10:00'));
    expect(fmt(due)).toBe('2025-03-10T16:00:00+07:00');
  });

  it('receipt on a make-up Saturday counts it as a working day; a normal Saturday waits for Monday', () => {
    const makeup = previewDue(
      cal,
      hourBased,
      { duration: { value: 1, unit: 'working_days' } },
      at('2025-04-26 09:00'),
    );
    expect(fmt(makeup.effectiveStartAt)).toBe('2025-04-26T09:00:00+07:00');
    expect(fmt(makeup.dueAt)).toBe('2025-04-28T09:00:00+07:00');
    const saturday = previewDue(
      cal,
      hourBased,
      { duration: { value: 1, unit: 'working_days' } },
      at('2025-03-15 09:00'),
    );
    expect(fmt(saturday.effectiveStartAt)).toBe('2025-03-17T07:00:00+07:00');
    expect(saturday.skipped.map((d) => d.date)).toEqual(['2025-03-15', '2025-03-16']);
  });

  describe('other duration units', () => {
    const due = (unit: DurationUnit, value: number, recv: string) =>
      fmt(baseDue(cal, hourBased, { value, unit }, cal.nextOpening(at(recv))));

    it('working hours skip lunch and nights', () => {
      expect(due('working_hours', 4, '2025-03-10 10:00')).toBe('2025-03-10T16:00:00+07:00');
      expect(due('working_hours', 8, '2025-03-14 16:00')).toBe('2025-03-17T16:00:00+07:00');
    });

    it('same-day: before 15:00 today, from 15:00 the next working day', () => {
      expect(due('same_day', 0, '2025-03-10 14:59')).toBe('2025-03-10T17:00:00+07:00');
      expect(due('same_day', 0, '2025-03-10 15:00')).toBe('2025-03-11T17:00:00+07:00');
      expect(due('same_day', 0, '2025-03-14 15:01')).toBe('2025-03-17T17:00:00+07:00');
      expect(due('same_day', 0, '2025-01-24 15:30')).toBe('2025-02-03T17:00:00+07:00');
    });

    it('calendar days roll off a non-working day', () => {
      expect(due('calendar_days', 10, '2025-03-10 09:00')).toBe('2025-03-20T17:00:00+07:00');
      // 2025-01-20 + 10 days = Thu 30/01/2025, inside Tết: rolls to Mon 03/02.
      expect(due('calendar_days', 10, '2025-01-20 09:00')).toBe('2025-02-03T17:00:00+07:00');
    });

    it('no deadline', () => {
      const p = previewDue(cal, hourBased, { duration: { value: 0, unit: 'none' } }, at('2025-03-10 09:00'));
      expect(p.dueAt).toBeNull();
      expect(p.apologyDeadline).toBeNull();
      expect(p.warningAt).toBeNull();
    });
  });
});

describe('apology deadline (§6.8 table, §5.6)', () => {
  const table: Array<[string, string]> = [
    ['2024-02-19', '2024-02-16'],
    ['2024-02-15', '2024-02-07'],
    ['2025-02-03', '2025-01-24'],
    ['2026-02-23', '2026-02-13'],
    ['2025-05-05', '2025-04-29'],
    ['2026-04-28', '2026-04-24'],
    ['2025-04-26', '2025-04-25'],
    ['2024-05-06', '2024-05-04'],
    ['2025-09-03', '2025-08-29'],
  ];
  it.each(table)('due %s → apology by the end of %s', (due, deadline) => {
    expect(fmt(apologyDeadline(cal, hourBased, at(`${due} 10:00`)))).toBe(fmt(at(`${deadline} 17:00`)));
    // An early-morning hour-based due still uses the previous working day.
    expect(fmt(apologyDeadline(cal, hourBased, at(`${due} 07:30`)))).toBe(fmt(at(`${deadline} 17:00`)));
  });

  it('calendar-day lead goes back one calendar day, then to a working day', () => {
    const s = resolveSlaSettings({ apologyLeadUnit: 'calendar_day' });
    expect(fmt(apologyDeadline(cal, s, at('2025-05-06 10:00')))).toBe(fmt(at('2025-05-05 17:00')));
    expect(fmt(apologyDeadline(cal, s, at('2025-05-05 10:00')))).toBe(fmt(at('2025-04-29 17:00')));
  });
});

describe('warning instant', () => {
  it('is one working day before the due, inside office hours', () => {
    // 11:30 and 13:30 are the same point of working time; the warning takes the later, an opening.
    expect(fmt(warningInstant(cal, hourBased, at('2025-01-14 11:30')))).toBe('2025-01-13T13:30:00+07:00');
    // A due at 17:00 on Monday warns at Monday's opening, not Friday 17:00.
    expect(fmt(warningInstant(cal, hourBased, at('2025-03-17 17:00')))).toBe('2025-03-17T07:00:00+07:00');
    // Across Tết 2025: due Mon 03/02 10:00 warns Fri 24/01 10:00.
    expect(fmt(warningInstant(cal, hourBased, at('2025-02-03 10:00')))).toBe('2025-01-24T10:00:00+07:00');
  });
});

describe('rule set by date of receipt (§0.2)', () => {
  it('switches to Decree 118 on 01/07/2025 local time', () => {
    expect(ruleSetFor(hourBased, at('2025-06-30 16:00'))).toBe('ND61_2018');
    expect(ruleSetFor(hourBased, at('2025-07-01 08:00'))).toBe('ND118_2025');
    // 00:30 local on 01/07 is still 30/06 in UTC: the local date decides.
    expect(ruleSetFor(hourBased, at('2025-07-01 00:30'))).toBe('ND118_2025');
  });
});

describe('forms per rule set (§0.2, §10.1)', () => {
  it('renumbers the control sheet and the ledger and adds the stop notice under TT 03/2025', () => {
    const before = FORMS_BY_RULE_SET[ruleSetFor(hourBased, at('2025-06-30 16:00'))];
    const after = FORMS_BY_RULE_SET[ruleSetFor(hourBased, at('2025-07-01 08:00'))];
    expect([before.controlSheet, before.ledger, before.stopNotice]).toEqual([
      'TT01_2018.M05',
      'TT01_2018.M06',
      null,
    ]);
    expect([after.controlSheet, after.ledger, after.stopNotice]).toEqual([
      'TT03_2025.M06',
      'TT03_2025.M07',
      'TT03_2025.M05',
    ]);
  });
});
