/** The ledger (§4.6) as XLSX read back with exceljs, as PDF read back with pdftotext, and as HTML. */
import ExcelJS from 'exceljs';
import { LEDGER_COLUMNS } from './ledger.template';
import { excelLocalDate } from './ledger-xlsx.renderer';
import { renderLedgerHtml, renderLedgerPdf, renderLedgerXlsx } from './render';
import { ledgerView } from './testing/form-fixtures';
import { folded, pdfText, saveArtefact } from './testing/pdf-tools';

const view = ledgerView('ND118_2025');

async function readSheet(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  expect(wb.worksheets).toHaveLength(1);
  return wb.worksheets[0];
}

describe('renderLedgerXlsx', () => {
  it('has the heading, the §4.6 columns and one row per dossier, typed: numbers as numbers, dates as dates', async () => {
    const ws = await readSheet(await renderLedgerXlsx(view));
    expect(ws.getCell('A1').value).toBe('UBND tỉnh Thanh Hóa – Trung tâm Phục vụ hành chính công tỉnh');
    expect(ws.getCell('A2').value).toBe('SỔ THEO DÕI HỒ SƠ (Mẫu số 07)');
    expect(ws.getCell('A3').value).toBe('Đơn vị: Sở Tư pháp (STP)');
    expect(ws.getCell('A4').value).toBe('Từ ngày 01/05/2026 đến ngày 31/05/2026');
    // Row 6 holds the columns outside the date group and the group's label; row 7 the five dates.
    const header = LEDGER_COLUMNS.map((label, n) => {
      const top = ws.getCell(6, n + 1).value;
      return n >= 7 && n < 12 ? ws.getCell(7, n + 1).value : top;
    });
    expect(header).toEqual([...LEDGER_COLUMNS]);
    expect(ws.getCell(6, 8).value).toBe('Ngày, tháng, năm');

    view.rows.forEach((r, n) => {
      const row = ws.getRow(8 + n);
      const cell = (col: number): ExcelJS.CellValue => row.getCell(col).value;
      expect(cell(1)).toBe(r.seq);
      expect(cell(2)).toBe(r.dossierCode);
      expect(cell(3)).toBe(r.procedureName);
      expect(cell(4)).toBe(r.sets);
      expect(cell(5)).toBe(r.applicantName);
      expect(cell(6)).toBe(r.applicantAddressPhone);
      expect(cell(7)).toBe(r.leadUnit);
      const dates = [r.receivedAt, r.dueAt, r.forwardedAt, r.resultReceivedAt, r.returnedAt];
      dates.forEach((iso, k) => {
        const value = cell(8 + k);
        if (iso === null) expect(value).toBeNull();
        else {
          expect(value).toBeInstanceOf(Date);
          expect(value).toEqual(excelLocalDate(iso));
          expect(row.getCell(8 + k).numFmt).toBe('dd/mm/yyyy hh:mm');
        }
      });
      expect(cell(13)).toBeNull();
      expect(cell(14)).toBe(r.note);
    });
    // Excel shows the local (Asia/Ho_Chi_Minh) wall time: 08:30 +07:00 is 08:30 in the cell.
    expect(ws.getRow(8).getCell(8).value).toEqual(new Date(Date.UTC(2026, 4, 5, 8, 30)));
    expect(ws.getRow(8 + view.rows.length).getCell(2).value).toBeNull();
  });
});

describe('renderLedgerPdf / renderLedgerHtml', () => {
  it('prints the heading, the columns and every dossier code on A4 landscape', async () => {
    const pdf = await renderLedgerPdf(view);
    saveArtefact(pdf, 'ND118_2025-ledger');
    const text = folded(pdfText(pdf));
    for (const part of [
      'SỔ THEO DÕI HỒ SƠ',
      'Mẫu số 07',
      'Đơn vị: Sở Tư pháp (STP)',
      'Từ ngày 01/05/2026 đến ngày 31/05/2026',
    ])
      expect(text).toContain(part);
    for (const r of view.rows) expect(text).toContain(r.dossierCode);
    // A name may wrap inside its cell; a short one reads back whole, diacritics included.
    expect(text).toContain('Phạm Đức Thắng');
    expect(text).toMatch(/05\/05\/2026 .*08:30/);
    expect(text).not.toMatch(/null|undefined|NaN/);
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
  });

  it('repeats the head on each page of a long ledger', async () => {
    const rows = Array.from({ length: 60 }, (_, n) => ({
      ...view.rows[n % 3],
      seq: n + 1,
      dossierCode: `H57.12-2605-${String(n + 1).padStart(4, '0')}`,
    }));
    const raw = pdfText(await renderLedgerPdf({ ...view, rows }));
    const pages = raw.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain('Ký');
    for (const r of rows) expect(raw).toContain(r.dossierCode);
  });

  it('is a standalone page with the grouped date heading, escaped', () => {
    const html = renderLedgerHtml({ ...view, unitName: 'Sở <Tư> pháp' });
    expect(html).toContain('data-form="TT03_2025.M07"');
    expect(html).toContain('<th colspan="5" class="al-center">Ngày, tháng, năm</th>');
    expect(html).toContain('Sở &lt;Tư&gt; pháp');
    for (const r of view.rows) expect(html).toContain(r.dossierCode);
  });
});
