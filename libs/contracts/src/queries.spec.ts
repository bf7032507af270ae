import { calendarDaysQuerySchema, calendarDueQuerySchema } from './calendar.schema';
import { dossierListQuerySchema } from './dossier.schema';
import { officialYearScheduleSchema } from './official-year.schema';
import { describeProblems, parseWith } from './problems';

describe('worklist query', () => {
  it('reads the filters with their defaults', () => {
    expect(
      parseWith(dossierListQuerySchema, { status: '4', dueBefore: '2025-03-20T10:00:00+07:00', other: 'x' }),
    ).toEqual({
      ok: true,
      value: { status: { national: 4 }, dueBefore: Date.parse('2025-03-20T03:00:00Z'), limit: 50 },
    });
    expect(parseWith(dossierListQuerySchema, { status: 'RECEIVED', limit: '200' })).toMatchObject({
      ok: true,
      value: { status: { internal: 'RECEIVED' }, limit: 200 },
    });
  });

  it('words its problems as before', () => {
    const r = parseWith(dossierListQuerySchema, {
      status: '11',
      sla: 'late',
      limit: '0',
      dueBefore: '2025-03-20',
    });
    expect(r.ok ? [] : r.problems).toEqual([
      { field: 'status', problem: expect.stringMatching(/^must be 1–10 or one of NEW, RECEIVED, /) },
      {
        field: 'sla',
        problem:
          'must be one of on_track, due_soon, apology_due, overdue, paused, closed, late_reception, ' +
          'missing_apology, supplement_expired',
      },
      { field: 'dueBefore', problem: expect.stringContaining('offset') },
      { field: 'limit', problem: 'must be an integer 1–200' },
    ]);
    for (const limit of ['abc', '201', '1.5'])
      expect(parseWith(dossierListQuerySchema, { limit })).toEqual({
        ok: false,
        problems: [{ field: 'limit', problem: 'must be an integer 1–200' }],
      });
  });
});

describe('calendar queries', () => {
  it('due: both parameters, a real instant', () => {
    expect(
      parseWith(calendarDueQuerySchema, {
        procedureCode: '1.014201',
        receivedAt: '2025-02-30T10:00:00+07:00',
      }),
    ).toEqual({
      ok: false,
      problems: [{ field: 'receivedAt', problem: expect.stringContaining('real ISO 8601') }],
    });
    expect(parseWith(calendarDueQuerySchema, {})).toEqual({
      ok: false,
      problems: [
        { field: 'procedureCode', problem: 'is required' },
        { field: 'receivedAt', problem: 'is required' },
      ],
    });
  });

  it.each([
    [{ from: '2026-02-13', to: '2026-02-12' }, [{ field: 'to', problem: 'must not be before from' }]],
    [
      { from: '2026-01-01', to: '2027-01-02' },
      [{ field: 'to', problem: 'the range may cover at most 366 days' }],
    ],
    [
      { from: '2026-02-30', to: '2026-03-01' },
      [{ field: 'from', problem: 'must be a real date YYYY-MM-DD' }],
    ],
    [{ from: '2026-01-01' }, [{ field: 'to', problem: 'is required' }]],
  ])('days: refuses %j', (query, problems) => {
    expect(parseWith(calendarDaysQuerySchema, query)).toEqual({ ok: false, problems });
  });

  it('days: a leap year fits', () => {
    expect(parseWith(calendarDaysQuerySchema, { from: '2028-01-01', to: '2028-12-31' }).ok).toBe(true);
    expect(parseWith(calendarDaysQuerySchema, { from: '2026-01-01', to: '2027-01-01' }).ok).toBe(true);
  });
});

describe('official year schedule', () => {
  const base = { year: 2030, source: 'test', daysOff: [], makeupWorkdays: [] };
  it('reports every problem of a file at once', () => {
    const r = parseWith(officialYearScheduleSchema, {
      ...base,
      daysOff: [
        { date: '2031-01-01', kind: 'holiday', name: 'x' },
        { date: '2030-01-05', kind: 'compensatory', name: 'y', extra: 1 },
        { date: '2030-01-07', kind: 'weekend', name: 'z' },
      ],
      makeupWorkdays: [{ date: '2030-01-07', name: 'w' }],
    });
    expect(r.ok ? '' : describeProblems(r.problems)).toBe(
      [
        'unknown key "daysOff[1].extra"',
        'daysOff[2].kind is an invalid kind (weekend); expected one of holiday, compensatory, swap_off',
        'daysOff[0].date 2031-01-01 is outside year 2030',
        'daysOff[1].date compensatory 2030-01-05 falls on a weekend',
        'makeupWorkdays[0].date 2030-01-07 is listed twice',
      ].join('; '),
    );
  });
});
