// Biểu II.06a/VPCP/KSTT for the chosen period, laid out as the paper table (grouped headings, columns (1)–(13)), with
// its CSV and XLSX downloads from the same route.
import type { Report06a, Report06aCounts } from '@motcua/contracts';
import type { Api, Query } from './api';
import { saveFile } from './api';
import { byId, h, replace } from './dom';
import { formatCount, formatDate } from './format';

const numbers = (c: Report06aCounts): number[] => [
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

function head(): HTMLTableSectionElement {
  const th = (text: string, attrs: Record<string, string | number> = {}) =>
    h('th', { scope: 'col', ...attrs }, text);
  return h(
    'thead',
    {},
    h(
      'tr',
      {},
      th('TT', { rowspan: 3 }),
      th('Lĩnh vực', { rowspan: 3 }),
      th('Số hồ sơ nhận giải quyết', { colspan: 4 }),
      th('Kết quả giải quyết', { colspan: 7 }),
    ),
    h(
      'tr',
      {},
      th('Tổng số', { rowspan: 2 }),
      th('Trong đó', { colspan: 3 }),
      th('Số hồ sơ đã giải quyết', { colspan: 4 }),
      th('Số hồ sơ đang giải quyết', { colspan: 3 }),
    ),
    h(
      'tr',
      {},
      th('Số kỳ trước chuyển qua'),
      th('Số mới tiếp nhận trực tuyến'),
      th('Số mới tiếp nhận trực tiếp, dịch vụ bưu chính'),
      th('Tổng số'),
      th('Trước hạn'),
      th('Đúng hạn'),
      th('Quá hạn'),
      th('Tổng số'),
      th('Trong hạn'),
      th('Quá hạn'),
    ),
    h(
      'tr',
      { class: 'col-numbers' },
      ...Array.from({ length: 13 }, (_, i) => h('th', { scope: 'col' }, `(${i + 1})`)),
    ),
  );
}

export function renderReport06a(r: Report06a): void {
  const row = (seq: string, field: string, c: Report06aCounts, cls?: string) =>
    h(
      'tr',
      { class: cls },
      h('td', { class: 'num' }, seq),
      h('td', {}, field),
      ...numbers(c).map((n) => h('td', { class: 'num' }, formatCount(n))),
    );
  replace(
    byId('report-body'),
    h(
      'p',
      { class: 'report-title' },
      h('strong', {}, r.title),
      ` — Biểu số ${r.formCode}, từ ${formatDate(r.from)} đến ${formatDate(r.to)}`,
      r.unitName ? ` — ${r.unitName}` : '',
    ),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { id: 'report-06a-table', class: 'report' },
        head(),
        h(
          'tbody',
          {},
          ...r.rows.map((x) => row(String(x.seq), x.field, x)),
          row('', 'Tổng cộng', r.total, 'total'),
        ),
      ),
    ),
    r.notes.length > 0 ? h('ul', { class: 'notes' }, ...r.notes.map((n) => h('li', {}, n))) : null,
  );
}

export function renderReportProblem(message: string): void {
  replace(byId('report-body'), h('p', { class: 'problem' }, message));
}

/** The export buttons: the same slice as the table, as the API's CSV or XLSX, saved under the API's file name. */
export function wireExports(api: () => Api | null, slice: () => Query): void {
  for (const format of ['csv', 'xlsx'] as const) {
    const button = byId<HTMLButtonElement>(`export-${format}`);
    button.addEventListener('click', () => {
      const a = api();
      if (!a) return;
      const q = slice();
      button.disabled = true;
      a.file('api/v1/reports/06a', { ...q, format })
        .then((f) => saveFile(f.blob, f.filename ?? `bieu-06a-${String(q.from)}-${String(q.to)}.${format}`))
        .catch((err: Error) =>
          renderReportProblem(`Không tải được tệp ${format.toUpperCase()}: ${err.message}`),
        )
        .finally(() => (button.disabled = false));
    });
  }
}
