/**
 * Biểu II.06a (§7.1) as an XLSX workbook (exceljs), laid out like the paper table: the lines above it, the
 * headings merged over three rows (groups, leaves, the two channels of “Mới tiếp nhận”), the column numbers
 * (1)…(13), one row per field, the total row, the notes. Counts are numbers. Deterministic like the ledger: fixed
 * document dates, the zip re-packed with fixed entry dates.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Report06a } from '@motcua/contracts';
import {
  REPORT_06A_GROUPS,
  REPORT_06A_TOTAL_LABEL,
  report06aHeading,
  report06aValues,
} from './report-06a.template';

const COLUMNS = 13;
const WIDTHS = [5, 34, 10, 10, 11, 14, 10, 10, 10, 10, 10, 10, 10];
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  bottom: { style: 'thin' },
  left: { style: 'thin' },
  right: { style: 'thin' },
};

/** The first rows of the heading and of the data. */
export const REPORT_06A_XLSX_LAYOUT = { head: 6, numbers: 9, data: 10 } as const;

export async function renderReport06aXlsx(r: Report06a): Promise<Buffer> {
  const stamp = new Date(Date.UTC(+r.to.slice(0, 4), +r.to.slice(5, 7) - 1, +r.to.slice(8, 10)));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'motcua';
  wb.lastModifiedBy = 'motcua';
  wb.created = stamp;
  wb.modified = stamp;
  const ws = wb.addWorksheet('II.06a', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = WIDTHS.map((width) => ({ width }));

  const heading = report06aHeading(r);
  const line = (
    row: number,
    text: string,
    font: Partial<ExcelJS.Font>,
    horizontal: 'center' | 'right' | 'left',
  ) => {
    ws.mergeCells(row, 1, row, COLUMNS);
    const c = ws.getCell(row, 1);
    c.value = text;
    c.font = font;
    c.alignment = { horizontal, wrapText: true };
  };
  line(1, heading.form, { italic: true }, 'right');
  line(2, heading.title, { bold: true, size: 14 }, 'center');
  line(3, heading.period, {}, 'center');
  line(4, heading.scope, {}, 'center');

  // Rows 6–8: TT and Lĩnh vực over three rows; each group over its leaves; a leaf over two rows unless it sits
  // under a sub-heading (“Mới tiếp nhận”), which then spans its leaves on row 7.
  const { head: H1, numbers, data } = REPORT_06A_XLSX_LAYOUT;
  const [H2, H3] = [H1 + 1, H1 + 2];
  const put = (row: number, col: number, text: string, toRow = row, toCol = col) => {
    if (toRow !== row || toCol !== col) ws.mergeCells(row, col, toRow, toCol);
    ws.getCell(row, col).value = text;
  };
  put(H1, 1, 'TT', H3);
  put(H1, 2, 'Lĩnh vực', H3);
  let col = 3;
  for (const g of REPORT_06A_GROUPS) {
    put(H1, col, g.label, H1, col + g.leaves.length - 1);
    g.leaves.forEach((leaf, i) => {
      const underSub = g.sub !== null && i >= g.sub.first && i < g.sub.first + g.sub.count;
      if (underSub) put(H3, col + i, leaf);
      else put(H2, col + i, leaf, H3);
    });
    if (g.sub) put(H2, col + g.sub.first, g.sub.label, H2, col + g.sub.first + g.sub.count - 1);
    col += g.leaves.length;
  }
  for (let c = 1; c <= COLUMNS; c++) ws.getCell(numbers, c).value = `(${c})`;
  for (let row: number = H1; row <= numbers; row++)
    for (let c = 1; c <= COLUMNS; c++) {
      const cell = ws.getCell(row, c);
      cell.font = row === numbers ? { italic: true } : { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = THIN;
    }

  const body: Array<[number | null, string, number[], boolean]> = [
    ...r.rows.map((row): [number, string, number[], boolean] => [
      row.seq,
      row.field,
      report06aValues(row),
      false,
    ]),
    [null, REPORT_06A_TOTAL_LABEL, report06aValues(r.total), true],
  ];
  body.forEach(([seq, field, values, total], n) => {
    const row = ws.getRow(data + n);
    row.values = [seq, field, ...values];
    for (let c = 1; c <= COLUMNS; c++) {
      const cell = row.getCell(c);
      cell.border = THIN;
      cell.font = { bold: total };
      cell.alignment = { vertical: 'top', wrapText: true, horizontal: c === 2 ? 'left' : 'center' };
    }
  });
  const notesAt = data + body.length + 1;
  r.notes.forEach((note, i) => {
    line(notesAt + i, `${i === 0 ? 'Ghi chú: ' : ''}${note}`, { italic: true }, 'left');
    ws.getRow(notesAt + i).height = 30;
  });
  ws.views = [{ state: 'frozen', ySplit: numbers }];

  const raw = await wb.xlsx.writeBuffer();
  const zip = await JSZip.loadAsync(raw);
  zip.forEach((_, entry) => {
    entry.date = stamp;
  });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
