/**
 * Biểu II.06a/VPCP/KSTT (domain.md §7.1) as printed: the column headings of the paper table, the lines above it,
 * and the table as CSV. The XLSX (report-06a-xlsx.renderer.ts) merges the same headings.
 */
import type { Report06a, Report06aCounts } from '@motcua/contracts';
import { localDateSlashes } from './vi-format';

export const REPORT_06A_TITLE = 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH';

/** The three column groups of columns 3–13, each with its leaves; `sub` groups leaves under a second heading. */
export const REPORT_06A_GROUPS = [
  {
    label: 'Số hồ sơ nhận giải quyết',
    leaves: ['Tổng số', 'Từ kỳ trước', 'Trực tuyến', 'Trực tiếp, dịch vụ bưu chính'],
    sub: { label: 'Mới tiếp nhận', first: 2, count: 2 },
  },
  { label: 'Số hồ sơ đã giải quyết', leaves: ['Tổng số', 'Trước hạn', 'Đúng hạn', 'Quá hạn'], sub: null },
  { label: 'Số hồ sơ đang giải quyết', leaves: ['Tổng số', 'Trong hạn', 'Quá hạn'], sub: null },
] as const;

export const REPORT_06A_TOTAL_LABEL = 'Tổng cộng';

/** The 13 headings flattened into one line each (CSV): “group – sub heading leaf”. */
export function report06aFlatHeadings(): string[] {
  const out = ['TT', 'Lĩnh vực'];
  for (const g of REPORT_06A_GROUPS)
    g.leaves.forEach((leaf, i) => {
      const sub = g.sub && i >= g.sub.first && i < g.sub.first + g.sub.count ? `${g.sub.label} ` : '';
      out.push(`${g.label} - ${sub}${sub ? leaf.toLowerCase() : leaf}`);
    });
  return out;
}

/** Columns 3–13 of a row, in the table's order. */
export function report06aValues(c: Report06aCounts): number[] {
  return [
    c.received.total,
    c.received.carriedOver,
    c.received.newOnline,
    c.received.newDirectOrPostal,
    c.resolved.total,
    c.resolved.early,
    c.resolved.onTime,
    c.resolved.late,
    c.pending.total,
    c.pending.withinDue,
    c.pending.overdue,
  ];
}

/** The lines above the table: the form's number, its title, the period and what the table covers. */
export function report06aHeading(r: Report06a): {
  form: string;
  title: string;
  period: string;
  scope: string;
} {
  const scope: string[] = [];
  if (r.unit) scope.push(`Đơn vị chủ trì giải quyết: ${r.unitName ?? r.unit} (${r.unit})`);
  else if (r.units) scope.push(`Đơn vị chủ trì giải quyết: ${r.units.join(', ') || '(không có)'}`);
  else scope.push('Đơn vị chủ trì giải quyết: tất cả');
  if (r.field) scope.push(`Lĩnh vực: ${r.field}`);
  if (r.procedure) scope.push(`Thủ tục: ${r.procedure}`);
  return {
    form: `Biểu số ${r.formCode}`,
    title: REPORT_06A_TITLE,
    period: `Kỳ báo cáo: từ ngày ${localDateSlashes(r.from)} đến ngày ${localDateSlashes(r.to)}`,
    scope: scope.join('; '),
  };
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
const csvField = (v: string | number): string => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The table as CSV: a UTF-8 byte-order mark (so spreadsheet programs read the Vietnamese right), one heading line,
 * one line per field, the total line; CRLF line ends. Only the table, so that it imports as one.
 */
export function renderReport06aCsv(r: Report06a): Buffer {
  const lines = [
    report06aFlatHeadings(),
    ...r.rows.map((row) => [row.seq, row.field, ...report06aValues(row)]),
    ['', REPORT_06A_TOTAL_LABEL, ...report06aValues(r.total)],
  ];
  const text = lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
