/** Mẫu 06 (TT 01/2018) / Mẫu 07 (TT 03/2025), domain.md §4.6: Sổ theo dõi hồ sơ of one unit for a period (A4). */
import { type Block, type FormModel, type TableCell, b, cellText, i, para, t } from './document.model';
import type { LedgerView } from './form-views';
import { formNumberLabel, formTitle } from './forms';
import { localDateSlashes, tableDateTime } from './vi-format';

/** The §4.6 columns, in order: the XLSX uses the same labels. */
export const LEDGER_COLUMNS = [
  'TT',
  'Mã hồ sơ',
  'Tên TTHC',
  'Số lượng hồ sơ (bộ)',
  'Tên cá nhân, tổ chức',
  'Địa chỉ, số điện thoại',
  'Cơ quan chủ trì giải quyết',
  'Nhận hồ sơ',
  'Hẹn trả kết quả',
  'Chuyển hồ sơ đến cơ quan giải quyết',
  'Nhận kết quả từ cơ quan giải quyết',
  'Trả kết quả cho cá nhân, tổ chức',
  'Ký nhận',
  'Ghi chú',
] as const;

/** The five date columns sit under one "Ngày, tháng, năm" heading. */
export const LEDGER_DATE_GROUP = { label: 'Ngày, tháng, năm', first: 7, count: 5 } as const;

// The code column holds a whole dossier code on one line (a reader searches the PDF for it).
const WIDTHS = [3, 12, 10, 5, 9, 9, 8, 7.5, 7.5, 7.5, 7.5, 7.5, 3.5, 5];

/** "Từ ngày 01/05/2026 đến ngày 31/05/2026". */
export const ledgerPeriod = (v: LedgerView): string =>
  `Từ ngày ${localDateSlashes(v.from)} đến ngày ${localDateSlashes(v.to)}`;

function head(): TableCell[][] {
  const h = (text: string, extra: Partial<TableCell> = {}): TableCell => ({
    text,
    bold: true,
    align: 'center',
    ...extra,
  });
  const g = LEDGER_DATE_GROUP;
  const before = LEDGER_COLUMNS.slice(0, g.first).map((c) => h(c, { rowSpan: 2 }));
  const after = LEDGER_COLUMNS.slice(g.first + g.count).map((c) => h(c, { rowSpan: 2 }));
  const dates = LEDGER_COLUMNS.slice(g.first, g.first + g.count).map((c) => h(c));
  return [[...before, h(g.label, { colSpan: g.count }), ...after], dates];
}

const when = (iso: string | null): string => cellText(iso === null ? null : tableDateTime(iso));

function body(v: LedgerView): TableCell[][] {
  return v.rows.map((r) => [
    { text: String(r.seq), align: 'center' },
    { text: r.dossierCode },
    { text: cellText(r.procedureName) },
    { text: cellText(r.sets), align: 'center' },
    { text: r.applicantName },
    { text: cellText(r.applicantAddressPhone) },
    { text: cellText(r.leadUnit) },
    { text: when(r.receivedAt), align: 'center' },
    { text: when(r.dueAt), align: 'center' },
    { text: when(r.forwardedAt), align: 'center' },
    { text: when(r.resultReceivedAt), align: 'center' },
    { text: when(r.returnedAt), align: 'center' },
    // Signed by hand when the result is handed over: the cell is the blank.
    { text: '' },
    { text: cellText(r.note) },
  ]);
}

export function ledgerModel(v: LedgerView): FormModel {
  const total = WIDTHS.reduce((s, w) => s + w, 0);
  const blocks: Block[] = [
    {
      type: 'columns',
      widths: [0.5, 0.5],
      columns: [
        [
          ...(v.parentAgency ? [para([t(v.parentAgency, { upper: true })], { align: 'center' })] : []),
          para([t(v.issuer, { bold: true, upper: true })], { align: 'center' }),
        ],
        [para([i(formNumberLabel(v.formCode) ?? v.formCode)], { align: 'right', size: 'small' })],
      ],
    },
    {
      type: 'title',
      text: formTitle(v.formCode),
      under: [[t('Đơn vị: '), b(`${v.unitName} (${v.unitCode})`)], [t(ledgerPeriod(v))]],
    },
    {
      type: 'table',
      widths: WIDTHS.map((w) => w / total),
      head: head(),
      body: body(v),
      size: 'small',
    },
    para([t(`Tổng số: ${v.rows.length} hồ sơ.`, { italic: true })], { size: 'small' }),
  ];
  return {
    formCode: v.formCode,
    title: `${formTitle(v.formCode)} – ${v.unitCode} – ${ledgerPeriod(v)}`,
    page: { size: 'A4', landscape: true },
    stampedAt: `${v.to}T00:00:00+07:00`,
    data: {},
    blocks,
  };
}
