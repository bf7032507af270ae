import { report06aCounts, report06aPeriod, report06aTable, type Report06aBuckets } from './report-06a';

const bucket = (code: string, version: number, counts: Partial<Report06aBuckets>): Report06aBuckets => ({
  procedureCode: code,
  procedureVersion: version,
  carriedOver: 0,
  newOnline: 0,
  newDirectOrPostal: 0,
  early: 0,
  onTime: 0,
  late: 0,
  withinDue: 0,
  overdue: 0,
  ...counts,
});

describe('Biểu II.06a table (§7.1)', () => {
  it('totals are the sums of their parts', () => {
    expect(
      report06aCounts({
        carriedOver: 1,
        newOnline: 2,
        newDirectOrPostal: 3,
        early: 1,
        onTime: 2,
        late: 1,
        withinDue: 1,
        overdue: 1,
      }),
    ).toEqual({
      received: { total: 6, carriedOver: 1, newOnline: 2, newDirectOrPostal: 3 },
      resolved: { total: 4, early: 1, onTime: 2, late: 1 },
      pending: { total: 2, withinDue: 1, overdue: 1 },
    });
  });

  it('one row per field in Vietnamese order, empty fields kept, versions under their own field, and a total', () => {
    const fields: Record<string, string> = {
      'A@1': 'Việc làm',
      'A@2': 'Người có công', // version 2 moved the procedure to another field
      'B@1': 'Việc làm',
    };
    const { rows, total } = report06aTable(
      [
        bucket('A', 1, { carriedOver: 2, early: 1, withinDue: 1 }),
        bucket('A', 2, { newOnline: 1, late: 1 }),
        bucket('B', 1, { newDirectOrPostal: 3, onTime: 2, overdue: 1 }),
        bucket('Z', 1, { newOnline: 1, withinDue: 1 }),
      ],
      (code, version) => fields[`${code}@${version}`] ?? null,
      ['Việc làm', 'Người có công', 'Bảo trợ xã hội'],
    );
    expect(rows.map((r) => [r.seq, r.field, r.received.total, r.resolved.total, r.pending.total])).toEqual([
      [1, 'Bảo trợ xã hội', 0, 0, 0],
      [2, 'Người có công', 1, 1, 0],
      [3, 'Việc làm', 5, 3, 2],
      [4, 'Z', 1, 0, 1],
    ]);
    expect(total).toEqual({
      received: { total: 7, carriedOver: 2, newOnline: 2, newDirectOrPostal: 3 },
      resolved: { total: 4, early: 1, onTime: 2, late: 1 },
      pending: { total: 3, withinDue: 2, overdue: 1 },
    });
  });
});

describe('Biểu II.06a period (UTC+7 dates)', () => {
  const at = (iso: string) => Date.parse(iso);

  it('a closed period: [from 00:00+07, to+1 00:00+07), judged at its end; overdue before its last day by date', () => {
    const p = report06aPeriod('2025-06-01', '2025-06-30', at('2025-07-10T10:00:00+07:00'), 'date');
    expect(p).toEqual({
      from: at('2025-06-01T00:00:00+07:00'),
      end: at('2025-07-01T00:00:00+07:00'),
      asOf: at('2025-07-01T00:00:00+07:00'),
      asOfDate: '2025-06-30',
      running: false,
      overdueBefore: at('2025-06-30T00:00:00+07:00'),
    });
    expect(report06aPeriod('2025-06-01', '2025-06-30', p.end, 'datetime').overdueBefore).toBe(p.end);
  });

  it('a period that runs today is judged now', () => {
    const now = at('2025-06-16T15:00:00+07:00');
    const p = report06aPeriod('2025-06-01', '2025-06-30', now, 'date');
    expect(p).toMatchObject({ asOf: now, asOfDate: '2025-06-16', running: true });
    expect(p.overdueBefore).toBe(at('2025-06-16T00:00:00+07:00'));
    expect(report06aPeriod('2025-06-01', '2025-06-30', now, 'datetime').overdueBefore).toBe(now);
  });
});
