/**
 * Issue 9, the forms of a dossier end to end through the real API, worker, PostgreSQL and Redis: which forms a
 * history calls for (GET …/documents), each as PDF (read back with pdftotext, a picture saved under
 * .data/artefacts/documents/) and HTML, under the 2018 and the 2025 rules; 404 outside the caller's units and for a
 * form the history does not call for; an issued apology served exactly as stored when it was sent.
 */
import {
  event,
  forwarded,
  MC,
  newDossierCode,
  PROCEDURE,
  received,
  VLATLD,
  type EventBody,
} from './support/events';
import { Harness, waitFor } from './support/harness';
import { flat, getBytes, pdfText, savePicture } from './support/pdf';

let h: Harness;
let admin: string;

const APPLICANT = {
  name: 'Trần Thị Hương',
  idNumber: '038190001234',
  phone: '0987654321',
  address: '12 Phan Chu Trinh, TP Thanh Hóa',
};
const TITLES = {
  receipt: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
  supplement: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
  refusal: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
  stop: 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
  sheet: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
  apology2018: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
  apology2025: 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
};

beforeAll(async () => {
  h = await Harness.start({ now: '2025-07-10T10:00:00+07:00' });
  admin = await h.admin();
});

afterAll(async () => {
  await h?.stop();
});

async function log(events: EventBody[], token = admin): Promise<void> {
  for (const e of events) {
    const res = await h.post('/api/v1/events', e, token);
    expect({ type: e.type, status: res.status, body: res.body }).toMatchObject({ type: e.type, status: 202 });
  }
  await h.waitForAllApplied();
}

/** "ngày 14 tháng 07 năm 2025" of an ISO instant with +07:00. */
const vnDate = (iso: string) => `ngày ${iso.slice(8, 10)} tháng ${iso.slice(5, 7)} năm ${iso.slice(0, 4)}`;

const path = (code: string, file = '') => `/api/v1/dossiers/${code}${file}`;

/** Fetches one form as PDF and HTML, checks the headers, saves a picture; answers the PDF's flattened text. */
async function form(code: string, kind: string, picture: string): Promise<{ pdf: string; html: string }> {
  const pdf = await getBytes(h.baseUrl, path(code, `/${kind}.pdf`), admin);
  expect(pdf.status).toBe(200);
  expect(pdf.headers.get('content-type')).toBe('application/pdf');
  expect(pdf.headers.get('content-disposition')).toMatch(
    new RegExp(`^inline; filename="mau-0\\d-${code.replace(/\./g, '\\.')}\\.pdf"$`),
  );
  expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  savePicture(pdf.bytes, picture);
  // Deterministic: the same dossier version gives the same bytes, and the ETag says so (304 on revalidation).
  const etag = pdf.headers.get('etag')!;
  const again = await getBytes(h.baseUrl, path(code, `/${kind}.pdf`), admin);
  expect(again.bytes.equals(pdf.bytes)).toBe(true);
  expect(
    (await getBytes(h.baseUrl, path(code, `/${kind}.pdf`), admin, { 'if-none-match': etag })).status,
  ).toBe(304);
  const html = await h.get(path(code, `/${kind}.html`), admin);
  expect(html.status).toBe(200);
  expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
  return { pdf: flat(pdfText(pdf.bytes)), html: html.text };
}

/** Each of `parts` is in the PDF's text and in the HTML twin; the ID number is in neither. */
function expectBoth(doc: { pdf: string; html: string }, parts: string[]): void {
  for (const part of parts) {
    expect(doc.pdf).toContain(part);
    expect(doc.html).toContain(part);
  }
  expect(doc.pdf).not.toContain(APPLICANT.idNumber);
  expect(doc.html).not.toContain(APPLICANT.idNumber);
}

const kindsOf = async (code: string, token = admin) => {
  const res = await h.get(path(code, '/documents'), token);
  expect(res.status).toBe(200);
  return res.body.items as Array<{
    kind: string;
    formCode: string;
    title: string;
    at: string;
    issued: boolean;
  }>;
};

const dueOf = async (code: string) => (await h.get(path(code), admin)).body.dueAt as string;

describe('a 2018 dossier (received 30/06/2025): receipt, control sheet, supplement request', () => {
  const code = newDossierCode('H57.12-250630');

  beforeAll(async () => {
    await log([
      received(code, '2025-06-30T16:00:00+07:00', {
        applicant: APPLICANT,
        documents: [{ name: 'Đơn đề nghị cấp giấy phép lao động' }, { name: 'Giấy chứng nhận sức khỏe' }],
      }),
      forwarded(code, '2025-07-01T09:00:00+07:00', MC, VLATLD),
      event(code, 'supplement_requested', '2025-07-02T10:00:00+07:00', {
        reason: 'Thiếu văn bản chấp thuận nhu cầu sử dụng lao động',
        items: ['Văn bản chấp thuận nhu cầu sử dụng người lao động nước ngoài (bản sao chứng thực)'],
      }),
    ]);
  });

  it('lists the forms its history calls for, with the 2018 form codes and their addresses', async () => {
    const items = await kindsOf(code);
    expect(items.map((i) => [i.kind, i.formCode, i.at])).toEqual([
      ['receipt', 'TT01_2018.M01', '2025-06-30T16:00:00+07:00'],
      ['control-sheet', 'TT01_2018.M05', '2025-06-30T16:00:00+07:00'],
      ['supplement-request', 'TT01_2018.M02', '2025-07-02T10:00:00+07:00'],
    ]);
    expect((await h.get(path(code, '/documents'), admin)).body.items[0]).toMatchObject({
      title: TITLES.receipt,
      issued: false,
      pdfUrl: path(code, '/receipt.pdf'),
      htmlUrl: path(code, '/receipt.html'),
    });
  });

  it('the receipt (Mẫu 01) prints the code, the applicant, the appointment, and never the ID number', async () => {
    const due = await dueOf(code);
    const doc = await form(code, 'receipt', 'receipt-2018');
    expectBoth(doc, [code, APPLICANT.name, vnDate('2025-06-30T16:00:00+07:00'), TITLES.receipt]);
    expect(doc.pdf).toContain(vnDate(due));
    expect(doc.pdf).toContain('Đơn đề nghị cấp giấy phép lao động');
    // The public lookup printed on the receipt (the key opens /tra-cuu).
    expect(doc.html).toMatch(/tra-cuu\?code=/);
    // GET …/receipt, the contract's v1 address, is the same PDF.
    const v1 = await getBytes(h.baseUrl, path(code, '/receipt'), admin);
    const pdf = await getBytes(h.baseUrl, path(code, '/receipt.pdf'), admin);
    expect(v1.headers.get('content-type')).toBe('application/pdf');
    expect(v1.bytes.equals(pdf.bytes)).toBe(true);
  });

  it('the supplement request (Mẫu 02) prints what to supplement and why', async () => {
    const doc = await form(code, 'supplement-request', 'supplement-request-2018');
    expectBoth(doc, [code, APPLICANT.name, TITLES.supplement]);
    expect(doc.pdf).toContain('Thiếu văn bản chấp thuận nhu cầu sử dụng lao động');
    expect(doc.pdf).toContain('Văn bản chấp thuận nhu cầu sử dụng người lao động nước ngoài');
  });

  it('the control sheet (TT01 Mẫu 05) has one row per handover, the desk to the division', async () => {
    const doc = await form(code, 'control-sheet', 'control-sheet-2018');
    expectBoth(doc, [code, APPLICANT.name, TITLES.sheet]);
    expect(doc.pdf).toContain('Phòng Việc làm – An toàn lao động');
    expect(doc.pdf).toContain('Mẫu số 05');
    expect(doc.pdf).toContain(vnDate(await dueOf(code)));
  });

  it('404 for the forms its history does not call for, and for a caller outside its units', async () => {
    for (const kind of ['refusal', 'stop-notice', 'apology'])
      for (const ext of ['pdf', 'html'])
        expect((await getBytes(h.baseUrl, path(code, `/${kind}.${ext}`), admin)).status).toBe(404);
    const stranger = await h.createUser('ncc.docs', ['specialist'], ['LDTBXH.NCC']);
    expect((await h.get(path(code, '/documents'), stranger)).status).toBe(404);
    expect((await getBytes(h.baseUrl, path(code, '/receipt.pdf'), stranger)).status).toBe(404);
    expect((await h.get(path(code), stranger)).status).toBe(404);
    const division = await h.createUser('vl.docs', ['specialist'], [VLATLD]);
    expect((await getBytes(h.baseUrl, path(code, '/receipt.pdf'), division)).status).toBe(200);
    expect((await h.get(path('H57.12-250630-9999', '/documents'), admin)).status).toBe(404);
  });
});

describe('a 2025 dossier (received 01/07/2025): the stop notice and the renumbered control sheet', () => {
  const code = newDossierCode('H57.12-250701');

  beforeAll(async () => {
    await log([
      received(code, '2025-07-01T08:00:00+07:00', { applicant: APPLICANT }),
      forwarded(code, '2025-07-01T10:00:00+07:00', MC, VLATLD),
      event(code, 'stopped', '2025-07-03T10:00:00+07:00', {
        reason: 'Người nộp đề nghị dừng giải quyết hồ sơ',
      }),
    ]);
  });

  it('lists receipt, control sheet (TT03 Mẫu 06) and stop notice (TT03 Mẫu 05)', async () => {
    expect((await kindsOf(code)).map((i) => [i.kind, i.formCode])).toEqual([
      ['receipt', 'TT03_2025.M01'],
      ['control-sheet', 'TT03_2025.M06'],
      ['stop-notice', 'TT03_2025.M05'],
    ]);
  });

  it('the receipt, the control sheet and the stop notice print the dossier under the 2025 rules', async () => {
    const due = await dueOf(code);
    const receipt = await form(code, 'receipt', 'receipt-2025');
    expectBoth(receipt, [code, APPLICANT.name, TITLES.receipt]);
    expect(receipt.pdf).toContain(vnDate(due));
    const sheet = await form(code, 'control-sheet', 'control-sheet-2025');
    expectBoth(sheet, [code, APPLICANT.name, TITLES.sheet, 'Mẫu số 06']);
    const stop = await form(code, 'stop-notice', 'stop-notice-2025');
    expectBoth(stop, [code, APPLICANT.name, TITLES.stop, 'Mẫu số 05']);
    expect(stop.pdf).toContain('Người nộp đề nghị dừng giải quyết hồ sơ');
    expect(stop.pdf).toContain(vnDate('2025-07-03T10:00:00+07:00'));
  });

  it('a 2018 dossier that was stopped has no stop notice (the 2018 rules have none)', async () => {
    const old = newDossierCode('H57.12-250630');
    await log([
      received(old, '2025-06-30T09:00:00+07:00'),
      event(old, 'stopped', '2025-06-30T15:00:00+07:00', { reason: 'Dừng' }),
    ]);
    expect((await kindsOf(old)).map((i) => i.kind)).toEqual(['receipt', 'control-sheet']);
    expect((await getBytes(h.baseUrl, path(old, '/stop-notice.pdf'), admin)).status).toBe(404);
  });
});

describe('a dossier refused at reception has only its refusal (Mẫu 03)', () => {
  const refused = (code: string, at: string) =>
    event(code, 'refused_at_reception', at, {
      procedureCode: PROCEDURE,
      channel: 'direct',
      applicant: APPLICANT,
      reason: 'Hồ sơ không thuộc thẩm quyền giải quyết của Sở',
    });

  it.each([
    ['2018', 'H57.12-250630', '2025-06-30T10:00:00+07:00', 'TT01_2018.M03'],
    ['2025', 'H57.12-250702', '2025-07-02T10:00:00+07:00', 'TT03_2025.M03'],
  ])('under the %s rules', async (rules, prefix, at, formCode) => {
    const code = newDossierCode(prefix);
    await log([refused(code, at)]);
    expect((await kindsOf(code)).map((i) => [i.kind, i.formCode, i.at])).toEqual([['refusal', formCode, at]]);
    const doc = await form(code, 'refusal', `refusal-${rules}`);
    expectBoth(doc, [code, APPLICANT.name, TITLES.refusal]);
    expect(doc.pdf).toContain('Hồ sơ không thuộc thẩm quyền giải quyết của Sở');
    expect(doc.pdf).toContain(vnDate(at));
    for (const kind of ['receipt', 'control-sheet'])
      expect((await getBytes(h.baseUrl, path(code, `/${kind}.pdf`), admin)).status).toBe(404);
    const stranger = await h.createUser(`ncc.refusal.${rules}`, ['specialist'], ['LDTBXH.NCC']);
    expect((await h.get(path(code, '/documents'), stranger)).status).toBe(404);
  });
});

describe('an issued apology letter is stored as sent and served as stored', () => {
  it('2018: GET …/apology.pdf|.html serve the stored bytes, even after the stored HTML changes', async () => {
    h.clock.set('2025-03-14T10:00:00+07:00');
    admin = await h.admin();
    const code = newDossierCode();
    await log([
      received(code, '2025-03-03T08:30:00+07:00', { applicant: { ...APPLICANT, email: 'huong@example.vn' } }),
      forwarded(code, '2025-03-03T10:00:00+07:00', MC, VLATLD),
      event(code, 'apology_issued', '2025-03-14T10:00:00+07:00', {
        reason: 'Chờ kết quả xác minh của cơ quan phối hợp',
        newDueAt: '2025-03-24T17:00:00+07:00',
        signer: { name: 'Lê Văn Cường', title: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' },
        responsibleUnit: VLATLD,
      }),
    ]);
    // The worker's reactor renders, stores and mails the letter.
    const [row] = await waitFor(
      async () => {
        const rows = await h.query('SELECT * FROM issued_documents WHERE dossier_code = $1', [code]);
        return rows.length > 0 ? rows : null;
      },
      20_000,
      'the letter stored as sent',
    );
    expect(row).toMatchObject({ kind: 'apology', form_code: 'TT01_2018.M04' });
    const items = await kindsOf(code);
    expect(items.find((i) => i.kind === 'apology')).toMatchObject({
      formCode: 'TT01_2018.M04',
      title: TITLES.apology2018,
      issued: true,
      at: '2025-03-14T10:00:00+07:00',
    });
    const doc = await form(code, 'apology', 'apology-2018');
    expectBoth(doc, [code, APPLICANT.name, TITLES.apology2018, 'Lê Văn Cường']);
    expect(doc.pdf).toContain(vnDate('2025-03-24T17:00:00+07:00'));
    const pdf = await getBytes(h.baseUrl, path(code, '/apology.pdf'), admin);
    expect(pdf.bytes.equals(row.pdf)).toBe(true);
    expect(pdf.headers.get('etag')).toBe(`"${row.sha256}"`);
    // The mail carried that very PDF.
    const mail = h.notifier.requests.find((r) => r.dossierCode === code && r.kind === 'apology_letter')!;
    expect(Buffer.from(mail.attachments![0].content, 'base64').equals(row.pdf)).toBe(true);

    // A template change later must not alter what the applicant holds: what is stored is what is served.
    const altered = `${row.html}<!-- stored ${code} -->`;
    await h.query('UPDATE issued_documents SET html = $2 WHERE dossier_code = $1', [code, altered]);
    expect((await h.get(path(code, '/apology.html'), admin)).text).toBe(altered);
    const marked = Buffer.concat([row.pdf, Buffer.from(`\n% stored ${code}\n`)]);
    await h.query('UPDATE issued_documents SET pdf = $2 WHERE dossier_code = $1', [code, marked]);
    expect((await getBytes(h.baseUrl, path(code, '/apology.pdf'), admin)).bytes.equals(marked)).toBe(true);
    // The JSON letter is unchanged.
    expect((await h.get(path(code, '/apology'), admin)).body).toMatchObject({ status: 'issued' });
  });

  it('2025: the apology of a dossier received after 01/07/2025 is TT03 Mẫu 04', async () => {
    h.clock.set('2025-07-18T10:00:00+07:00');
    admin = await h.admin();
    const code = newDossierCode('H57.12-250707');
    await log([
      received(code, '2025-07-07T08:30:00+07:00', { applicant: APPLICANT }),
      forwarded(code, '2025-07-07T10:00:00+07:00', MC, VLATLD),
      event(code, 'apology_issued', '2025-07-18T10:00:00+07:00', {
        reason: 'Chờ ý kiến của cơ quan phối hợp',
        newDueAt: '2025-07-28T17:00:00+07:00',
        signer: { name: 'Lê Văn Cường', title: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' },
        responsibleUnit: VLATLD,
      }),
    ]);
    expect((await kindsOf(code)).find((i) => i.kind === 'apology')).toMatchObject({
      formCode: 'TT03_2025.M04',
      title: TITLES.apology2025,
    });
    const doc = await form(code, 'apology', 'apology-2025');
    expectBoth(doc, [code, APPLICANT.name, TITLES.apology2025]);
  });
});
