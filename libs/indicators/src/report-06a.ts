import {
  epochDayOfInstant,
  formatEpochDay,
  instantOfEpochDay,
  parseLocalDate,
  type Instant,
} from '@motcua/calendar';
import type { Report06aCounts, Report06aRow } from '@motcua/contracts';

/** The Biểu II.06a buckets of one procedure version, as the SQL pass over the dossiers counts them (§7.1). */
export interface Report06aBuckets {
  procedureCode: string;
  procedureVersion: number;
  carriedOver: number;
  newOnline: number;
  newDirectOrPostal: number;
  early: number;
  onTime: number;
  late: number;
  withinDue: number;
  overdue: number;
}

export type Report06aBucketCounts = Omit<Report06aBuckets, 'procedureCode' | 'procedureVersion'>;

export const EMPTY_06A_BUCKETS: Report06aBucketCounts = {
  carriedOver: 0,
  newOnline: 0,
  newDirectOrPostal: 0,
  early: 0,
  onTime: 0,
  late: 0,
  withinDue: 0,
  overdue: 0,
};

/** Columns 3–13 from the buckets: each total is the sum of its parts, so the table always adds up. */
export function report06aCounts(b: Report06aBucketCounts): Report06aCounts {
  return {
    received: {
      total: b.carriedOver + b.newOnline + b.newDirectOrPostal,
      carriedOver: b.carriedOver,
      newOnline: b.newOnline,
      newDirectOrPostal: b.newDirectOrPostal,
    },
    resolved: { total: b.early + b.onTime + b.late, early: b.early, onTime: b.onTime, late: b.late },
    pending: { total: b.withinDue + b.overdue, withinDue: b.withinDue, overdue: b.overdue },
  };
}

const add = (a: Report06aBucketCounts, b: Report06aBucketCounts): Report06aBucketCounts => ({
  carriedOver: a.carriedOver + b.carriedOver,
  newOnline: a.newOnline + b.newOnline,
  newDirectOrPostal: a.newDirectOrPostal + b.newDirectOrPostal,
  early: a.early + b.early,
  onTime: a.onTime + b.onTime,
  late: a.late + b.late,
  withinDue: a.withinDue + b.withinDue,
  overdue: a.overdue + b.overdue,
});

const byVietnamese = new Intl.Collator('vi').compare;

/**
 * The table's rows: one per field (lĩnh vực), every field of `fields` shown even when empty, in Vietnamese
 * alphabetical order, numbered from 1; and the total row. `fieldOf` names the field of a procedure version
 * (a version unknown to it counts under its own code, so no dossier is dropped).
 */
export function report06aTable(
  buckets: ReadonlyArray<Report06aBuckets>,
  fieldOf: (code: string, version: number) => string | null,
  fields: Iterable<string>,
): { rows: Report06aRow[]; total: Report06aCounts } {
  const byField = new Map<string, Report06aBucketCounts>();
  for (const f of fields) byField.set(f, EMPTY_06A_BUCKETS);
  let total = EMPTY_06A_BUCKETS;
  for (const { procedureCode, procedureVersion, ...counts } of buckets) {
    const field = fieldOf(procedureCode, procedureVersion) ?? procedureCode;
    byField.set(field, add(byField.get(field) ?? EMPTY_06A_BUCKETS, counts));
    total = add(total, counts);
  }
  const rows = [...byField.entries()]
    .sort(([a], [b]) => byVietnamese(a, b))
    .map(([field, counts], i) => ({ seq: i + 1, field, ...report06aCounts(counts) }));
  return { rows, total: report06aCounts(total) };
}

/**
 * What the table counts where Biểu II.06a leaves a choice (§7.1), in the words printed under it. `asOf` is the
 * local date the pending columns are judged at: the period's last day, or today while the period runs
 * (`running`).
 */
export function report06aNotes(granularity: 'date' | 'datetime', asOf: string, running: boolean): string[] {
  const [y, m, d] = asOf.split('-');
  const until = running ? `thời điểm lập báo cáo (ngày ${d}/${m}/${y})` : `hết ngày ${d}/${m}/${y}`;
  return [
    granularity === 'date'
      ? 'Trước hạn, đúng hạn, quá hạn so ngày kết thúc xử lý với ngày hẹn trả (theo ngày).'
      : 'Quá hạn khi kết thúc xử lý sau thời điểm hẹn trả; trước hạn khi sớm hơn ít nhất một ngày làm việc.',
    'Đúng hạn (9) gồm cả hồ sơ không có thời hạn giải quyết và hồ sơ rút, dừng giải quyết trong kỳ.',
    `Đang giải quyết (11–13) tính đến ${until}; hồ sơ đang chờ bổ sung hoặc chờ thực hiện nghĩa vụ tài chính tính là trong hạn (12).`,
    'Theo đơn vị: hồ sơ của các thủ tục do đơn vị chủ trì giải quyết (danh mục thủ tục).',
  ];
}

/** The instants of a Biểu II.06a period of local dates (UTC+7), both days included, judged at `now` at the latest. */
export interface Report06aPeriodInstants {
  from: Instant;
  /** The next local midnight after `to`. */
  end: Instant;
  /** Where the pending columns are judged: `end`, or `now` while the period runs. */
  asOf: Instant;
  /** The local date of `asOf` (its last day). */
  asOfDate: string;
  running: boolean;
  /** A pending dossier due before this is overdue: the start of `asOfDate` by date, `asOf` itself by instant. */
  overdueBefore: Instant;
}

export function report06aPeriod(
  from: string,
  to: string,
  now: Instant,
  granularity: 'date' | 'datetime',
): Report06aPeriodInstants {
  const start = instantOfEpochDay(parseLocalDate(from));
  const end = instantOfEpochDay(parseLocalDate(to) + 1);
  const running = now < end;
  const asOf = running ? Math.max(now, start) : end;
  const lastDay = running ? epochDayOfInstant(asOf) : parseLocalDate(to);
  return {
    from: start,
    end,
    asOf,
    asOfDate: formatEpochDay(lastDay),
    running,
    overdueBefore: granularity === 'date' ? instantOfEpochDay(lastDay) : asOf,
  };
}
