/**
 * The ledger (§4.6) as an XLSX workbook (exceljs): one sheet, the same columns as the PDF. Dates are real Excel dates
 * (the local Asia/Ho_Chi_Minh wall time, shown dd/mm/yyyy hh:mm), counts are numbers, a missing value an empty cell.
 * Deterministic: fixed document dates, and the zip re-packed with fixed entry dates (exceljs stamps them "now").
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { LedgerView } from './form-views';
import { formNumberLabel, formTitle } from './forms';
import { localParts } from './html';
import { LEDGER_COLUMNS, LEDGER_DATE_GROUP, ledgerPeriod } from './ledger.template';

const WIDTHS = [5, 22, 34, 10, 24, 30, 24, 17, 17, 17, 17, 17, 12, 20];
const DATE_FORMAT = 'dd/mm/yyyy hh:mm';

/** The local wall time as a date Excel shows unchanged (Excel dates have no zone: exceljs writes them as UTC). */
export function excelLocalDate(iso: string | null): Date | null {
  if (iso === null) return null;
  const p = localParts(iso);
  return new Date(Date.UTC(+p.year, +p.month - 1, +p.day, +p.hh, +p.mm));
}

export async function ledgerToXlsx(v: LedgerView): Promise<Buffer> {
  const stamp = new Date(Date.UTC(+v.to.slice(0, 4), +v.to.slice(5, 7) - 1, +v.to.slice(8, 10)));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'motcua';
  wb.lastModifiedBy = 'motcua';
  wb.created = stamp;
  wb.modified = stamp;
  const ws = wb.addWorksheet(v.unitCode.replace(/[\\/?*[\]:]/g, '_').slice(0, 31) || 'So theo doi', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  const last = LEDGER_COLUMNS.length;

  const line = (row: number, text: string, bold: boolean, size = 11): void => {
    ws.mergeCells(row, 1, row, last);
    const c = ws.getCell(row, 1);
    c.value = text;
    c.font = { bold, size };
    c.alignment = { horizontal: 'center' };
  };
  line(1, [v.parentAgency, v.issuer].filter(Boolean).join(' – '), true);
  line(2, `${formTitle(v.formCode)} (${formNumberLabel(v.formCode) ?? v.formCode})`, true, 14);
  line(3, `Đơn vị: ${v.unitName} (${v.unitCode})`, false);
  line(4, ledgerPeriod(v), false);

  // Rows 6–7: the §4.6 heading, the five dates under "Ngày, tháng, năm".
  const g = LEDGER_DATE_GROUP;
  const HEAD1 = 6;
  const HEAD2 = 7;
  LEDGER_COLUMNS.forEach((label, n) => {
    const col = n + 1;
    if (n >= g.first && n < g.first + g.count) ws.getCell(HEAD2, col).value = label;
    else {
      ws.mergeCells(HEAD1, col, HEAD2, col);
      ws.getCell(HEAD1, col).value = label;
    }
  });
  ws.mergeCells(HEAD1, g.first + 1, HEAD1, g.first + g.count);
  ws.getCell(HEAD1, g.first + 1).value = g.label;
  for (const r of [HEAD1, HEAD2])
    for (let col = 1; col <= last; col++) {
      const c = ws.getCell(r, col);
      c.font = { bold: true };
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = {
        top: { style: 'thin' },
        bottom: { style: 'thin' },
        left: { style: 'thin' },
        right: { style: 'thin' },
      };
    }

  v.rows.forEach((r, n) => {
    const row = ws.getRow(HEAD2 + 1 + n);
    row.values = [
      r.seq,
      r.dossierCode,
      r.procedureName,
      r.sets,
      r.applicantName,
      r.applicantAddressPhone,
      r.leadUnit,
      excelLocalDate(r.receivedAt),
      excelLocalDate(r.dueAt),
      excelLocalDate(r.forwardedAt),
      excelLocalDate(r.resultReceivedAt),
      excelLocalDate(r.returnedAt),
      null,
      r.note,
    ];
    row.eachCell({ includeEmpty: true }, (c, col) => {
      c.alignment = { vertical: 'top', wrapText: true };
      c.border = {
        top: { style: 'thin' },
        bottom: { style: 'thin' },
        left: { style: 'thin' },
        right: { style: 'thin' },
      };
      if (col > g.first && col <= g.first + g.count) c.numFmt = DATE_FORMAT;
    });
  });
  ws.views = [{ state: 'frozen', ySplit: HEAD2 }];

  const raw = await wb.xlsx.writeBuffer();
  const zip = await JSZip.loadAsync(raw);
  zip.forEach((_, entry) => {
    entry.date = stamp;
  });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
