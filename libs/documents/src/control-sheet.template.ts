/** Mẫu 05 (TT 01/2018) / Mẫu 06 (TT 03/2025), domain.md §4.5: Phiếu kiểm soát quá trình giải quyết hồ sơ. */
import {
  type Block,
  type FormModel,
  type TableCell,
  SHORT_DOTS,
  b,
  cellText,
  para,
  t,
  val,
} from './document.model';
import type { ControlSheetView } from './form-views';
import { formHeader, titleBlock } from './form-parts';
import { formTitle } from './forms';
import { markWords, methodWords, timeDateWords } from './vi-format';

const HEAD: TableCell[] = [
  { text: 'TÊN CƠ QUAN', bold: true, align: 'center' },
  { text: 'THỜI GIAN GIAO, NHẬN HỒ SƠ', bold: true, align: 'center' },
  { text: 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ\n(Trước hạn/Đúng hạn/Quá hạn)', bold: true, align: 'center' },
  { text: 'GHI CHÚ', bold: true, align: 'center' },
];

const POSTAL_NOTE =
  'Ghi chú: Trường hợp hồ sơ được chuyển qua dịch vụ bưu chính thì thời gian giao, nhận hồ sơ và việc ký nhận ' +
  'thể hiện trong hóa đơn của cơ quan bưu chính.';

function rows(v: ControlSheetView): TableCell[][] {
  // No handover yet: ruled rows with dotted lines, for the desk to fill in by hand.
  if (v.rows.length === 0)
    return [1, 2, 3].map((n) => [
      { text: `${n}. Giao: ${SHORT_DOTS}\nNhận: ${SHORT_DOTS}` },
      { text: `${timeDateWords(null)}\nNgười giao: ${SHORT_DOTS}\nNgười nhận: ${SHORT_DOTS}` },
      { text: SHORT_DOTS, align: 'center' },
      { text: SHORT_DOTS },
    ]);
  return v.rows.map((r, n) => [
    { text: `${n + 1}. Giao: ${r.from}\nNhận: ${r.to}` },
    {
      text: `${timeDateWords(r.at)}\nPhương thức: ${methodWords(r.method)}\nNgười giao: ${SHORT_DOTS}\nNgười nhận: ${SHORT_DOTS}`,
    },
    { text: cellText(markWords(r.mark)), align: 'center' },
    { text: cellText(r.note) },
  ]);
}

export function controlSheetModel(v: ControlSheetView): FormModel {
  const code = v.header.formCode;
  const blocks: Block[] = [
    ...formHeader(v.header),
    titleBlock(code, [[t('Mã hồ sơ: '), b(v.dossierCode)]]),
    para([t('Kèm theo hồ sơ của: '), b(v.applicantName)]),
    para([t('Nội dung yêu cầu giải quyết: '), val(v.procedureName)]),
    para([t('Ngày nhận hồ sơ: '), t(timeDateWords(v.receivedAt))]),
    para([t('Ngày hẹn trả kết quả: '), v.dueAt ? b(timeDateWords(v.dueAt)) : t(timeDateWords(null))]),
    para([t('Cơ quan chủ trì giải quyết: '), val(v.leadUnit)]),
    para([t('Cơ quan phối hợp giải quyết: '), val(v.coopUnits.join('; '))]),
    { type: 'table', widths: [0.27, 0.37, 0.18, 0.18], head: [HEAD], body: rows(v), size: 'small' },
    para([t(POSTAL_NOTE, { italic: true })], { size: 'small' }),
  ];
  // A4: the handover table needs the width (the issue allows A4 for the control sheet).
  return {
    formCode: code,
    title: `${formTitle(code)} – ${v.dossierCode}`,
    page: { size: 'A4', landscape: false },
    stampedAt: v.header.date ?? v.receivedAt,
    data: {},
    blocks,
  };
}
