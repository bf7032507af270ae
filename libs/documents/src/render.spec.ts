/**
 * The forms rendered for real and read back as a person's tools would: pdftotext for the text layer, pdftoppm and
 * jsQR for the receipt's QR code. Pictures of every form land in .data/artefacts/documents for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { FormDocument, FormKind } from './form-views';
import { formTitle } from './forms';
import { renderFormHtml, renderFormPdf, renderLedgerHtml, renderLedgerPdf, renderLedgerXlsx } from './render';
import {
  APPLICANT,
  DATES,
  type FixtureRuleSet,
  LOOKUP_URL,
  formFixtures,
  ledgerView,
  receiptView,
} from './testing/form-fixtures';
import { decodeQr, folded, pageCount, pdfText, saveArtefact } from './testing/pdf-tools';

const RULE_SETS: FixtureRuleSet[] = ['ND61_2018', 'ND118_2025'];
/** The forms whose view carries the due date (the others print none: the notices do not restate it). */
const WITH_DUE: ReadonlySet<FormKind> = new Set(['receipt', 'apology', 'control-sheet']);

const codeOf = (doc: FormDocument): string =>
  doc.kind === 'apology' ? doc.view.form.code : doc.view.header.formCode;
const cases = RULE_SETS.flatMap((rs) => formFixtures(rs).map((doc) => [rs, doc.kind, doc] as const));

describe('renderFormPdf: every form of both rule sets, read back with pdftotext', () => {
  it.each(cases)('%s %s', async (rs, kind, doc) => {
    const pdf = await renderFormPdf(doc);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = pdfText(pdf);
    const text = folded(raw);
    saveArtefact(pdf, `${rs}-${kind}`);
    expect(pageCount(raw)).toBe(1);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain(formTitle(codeOf(doc)));
    expect(text).toContain(DATES[rs].code);
    expect(text).toContain(APPLICANT);
    if (WITH_DUE.has(kind)) expect(text).toContain(DATES[rs].dueWords);
    expect(text).not.toMatch(/null|undefined|NaN/);
  });

  it('numbers the forms of each regime: the 2018 control sheet is Mẫu 05, the 2025 one Mẫu 06 beside its stop notice', async () => {
    const sheet2018 = formFixtures('ND61_2018').find((d) => d.kind === 'control-sheet')!;
    const text2018 = folded(pdfText(await renderFormPdf(sheet2018)));
    expect(text2018).toContain('Mẫu số 05');
    expect(text2018).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    const forms2025 = formFixtures('ND118_2025');
    expect(formFixtures('ND61_2018').map((d) => d.kind)).not.toContain('stop-notice');
    const stop = folded(pdfText(await renderFormPdf(forms2025.find((d) => d.kind === 'stop-notice')!)));
    expect(stop).toContain('Mẫu số 05');
    expect(stop).toContain('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    const sheet2025 = folded(
      pdfText(await renderFormPdf(forms2025.find((d) => d.kind === 'control-sheet')!)),
    );
    expect(sheet2025).toContain('Mẫu số 06');
    const apology2025 = folded(pdfText(await renderFormPdf(forms2025.find((d) => d.kind === 'apology')!)));
    expect(apology2025).toContain('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
  });

  it('writes the receipt the Vietnamese way: number suffix, times, amount, ledger entry, lookup in words', async () => {
    const text = folded(pdfText(await renderFormPdf({ kind: 'receipt', view: receiptView('ND61_2018') })));
    for (const part of [
      'Số: 125/TNHS',
      'Thanh Hóa, ngày 03 tháng 03 năm 2025',
      'Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung',
      '2. Số lượng hồ sơ: 1 (bộ)',
      '3. Thời gian giải quyết hồ sơ theo quy định là: 10 ngày làm việc',
      '4. Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 03 tháng 03 năm 2025',
      '5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 17 tháng 03 năm 2025',
      'Phí, lệ phí: 1.500.000 đồng',
      'Vào Sổ theo dõi hồ sơ, Quyển số: 03/2026, Số thứ tự: 42',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'với mã tra cứu 7KQ2-M9XD',
    ])
      expect(text).toContain(part);
    // The URL may wrap at the column's edge: every character of it is there, in order.
    expect(text.replace(/\s/g, '')).toContain(`Tracứuhồsơtại${LOOKUP_URL}`);
  });

  it('draws the lookup URL as a QR code that decodes back to it', async () => {
    const pdf = await renderFormPdf({ kind: 'receipt', view: receiptView('ND118_2025') });
    expect(decodeQr(pdf)).toBe(LOOKUP_URL);
  });

  it('prints the control sheet marks, handover methods and a deputy signing for the director', async () => {
    const forms = formFixtures('ND118_2025');
    const sheet = folded(pdfText(await renderFormPdf(forms.find((d) => d.kind === 'control-sheet')!)));
    for (const part of ['Trước hạn', 'Quá hạn', 'điện tử', 'bưu chính', 'giấy', 'Giao: Bộ phận TN&TKQ'])
      expect(sheet).toContain(part);
    const stop = pdfText(await renderFormPdf(forms.find((d) => d.kind === 'stop-notice')!));
    const kt = stop.split('\n').findIndex((line) => line.includes('KT. GIÁM ĐỐC'));
    expect(kt).toBeGreaterThan(-1);
    expect(stop.split('\n')[kt + 1]).toContain('PHÓ GIÁM ĐỐC');
  });
});

describe('null fields: dotted lines to write by hand, nothing invented', () => {
  const blanks = RULE_SETS.flatMap((rs) =>
    formFixtures(rs, false).map((doc) => [rs, doc.kind, doc] as const),
  );

  it.each(blanks)('%s %s', async (rs, kind, doc) => {
    const pdf = await renderFormPdf(doc);
    const text = folded(pdfText(pdf));
    saveArtefact(pdf, `${rs}-${kind}-blank`);
    expect(text).toMatch(/…{4,}/);
    expect(text).toContain('ngày …… tháng …… năm ……');
    expect(text).not.toMatch(/null|undefined|NaN/);
    const html = renderFormHtml(doc);
    expect(html).toContain('<span class="dots">');
    expect(html).not.toMatch(/null|undefined|NaN/);
  });

  it('keeps the receipt suffix after a handwritten number and blanks every unknown line', async () => {
    const text = folded(
      pdfText(await renderFormPdf({ kind: 'receipt', view: receiptView('ND61_2018', false) })),
    );
    for (const re of [
      /Số: …+\/TNHS/,
      /Địa chỉ: …+/,
      /Số điện thoại: …+; Email: …+/,
      /Nội dung yêu cầu giải quyết: …+/,
      /2\. Số lượng hồ sơ: …+ \(bộ\)/,
      /Phí, lệ phí: …+/,
      /Quyển số: …+, Số thứ tự: …+/,
    ])
      expect(text).toMatch(re);
    // TT 03/2025 gives no suffix that is known: none is printed.
    const text2025 = folded(
      pdfText(await renderFormPdf({ kind: 'receipt', view: receiptView('ND118_2025', false) })),
    );
    expect(text2025).toMatch(/Số: …+ /);
    expect(text2025).not.toContain('/TNHS');
  });
});

describe('renderFormHtml', () => {
  it('is one standalone UTF-8 page per form, with the receipt QR as inline SVG', () => {
    for (const doc of formFixtures('ND118_2025')) {
      const html = renderFormHtml(doc);
      expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="vi">/);
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).toContain(`data-form="${codeOf(doc)}"`);
      expect(html).toContain(APPLICANT);
      expect(html).not.toMatch(/<(script|link|img)\b|https?:\/\/(?!www\.w3\.org|dichvucong)/);
    }
    const receipt = renderFormHtml({ kind: 'receipt', view: receiptView('ND118_2025') });
    expect(receipt).toMatch(
      /<svg class="qr" [^>]*viewBox="0 0 \d+ \d+"[^>]*><rect [^>]*\/><path d="M[\d hvz.M-]+"/,
    );
    expect(receipt).toContain('1.500.000 đồng');
  });

  it('escapes hostile input and never prints an ID number', async () => {
    const view = receiptView('ND118_2025');
    const hostile = '<script>alert("x")</script> Nguyễn & Co';
    const doc: FormDocument = {
      kind: 'receipt',
      view: { ...view, applicant: { ...view.applicant, name: hostile } },
    };
    const html = renderFormHtml(doc);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Nguyễn &amp; Co');
    expect(html).not.toMatch(/\b\d{9}(\d{3})?\b/);
    // The PDF prints the name as text, harmlessly.
    expect(folded(pdfText(await renderFormPdf(doc)))).toContain('<script>alert("x")</script> Nguyễn & Co');
  });
});

describe('determinism: the same view gives the same bytes', () => {
  it('renders PDF, HTML and XLSX twice, other forms in between, byte for byte the same', async () => {
    const receipt: FormDocument = { kind: 'receipt', view: receiptView('ND118_2025') };
    const first = { pdf: await renderFormPdf(receipt), html: renderFormHtml(receipt) };
    const ledger = ledgerView('ND118_2025');
    const xlsx = await renderLedgerXlsx(ledger);
    const ledgerPdf = await renderLedgerPdf(ledger);
    // Whatever was rendered meanwhile (other glyphs, other fonts) leaves the next document unchanged.
    for (const doc of [...formFixtures('ND61_2018'), ...formFixtures('ND118_2025', false)])
      await renderFormPdf(doc);
    expect((await renderFormPdf(receipt)).equals(first.pdf)).toBe(true);
    expect(renderFormHtml(receipt)).toBe(first.html);
    expect((await renderLedgerXlsx(ledger)).equals(xlsx)).toBe(true);
    expect((await renderLedgerPdf(ledger)).equals(ledgerPdf)).toBe(true);
    expect(renderLedgerHtml(ledger)).toBe(renderLedgerHtml(ledger));
    // A new process, nothing rendered before it, gives the same bytes too.
    const fresh = execFileSync(
      process.execPath,
      ['-r', '@swc-node/register', path.join(__dirname, 'testing/render-fresh.ts')],
      {
        cwd: path.join(__dirname, '../../..'),
      },
    ).toString();
    const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
    expect(JSON.parse(fresh)).toEqual({
      receipt: sha(first.pdf),
      ledgerPdf: sha(ledgerPdf),
      ledgerXlsx: sha(xlsx),
    });
    // The creation date is the form's own, not the clock's.
    expect(first.pdf.toString('latin1')).toContain('(D:20260505013000Z)');
  });
});
