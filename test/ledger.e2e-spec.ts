/**
 * Issue 9, the ledger (Sổ theo dõi hồ sơ, §4.6) end to end: GET /api/v1/reports/ledger of one desk for a period of
 * local dates holds exactly the dossiers received at that desk inside the period, in reception order — as XLSX
 * (read back with exceljs, cell values), PDF (pdftotext) and HTML; its form code follows the rules in force on the
 * period's last day; bad queries answer 400 naming the field; other units' users are refused.
 */
import ExcelJS from 'exceljs';
import { event, forwarded, MC, received, twoStepProcedure, VLATLD, type EventBody } from './support/events';
import { Harness } from './support/harness';
import { flat, getBytes, pdfText, savePicture } from './support/pdf';

/** The ledger's text as laid out (its code column is wide enough for a whole dossier code). */
const ledgerText = (bytes: Buffer) => flat(pdfText(bytes));

let h: Harness;
let admin: string;

const DESK2 = 'LDTBXH.MC2';
const OTHER_DESK_PROCEDURE = 'E2E.LEDGER';

beforeAll(async () => {
  h = await Harness.start({ now: '2025-07-10T10:00:00+07:00' });
  admin = await h.admin();
  // A second desk, and a procedure received there: its dossiers belong to that desk's ledger, not MC's.
  const unit = await h.put(
    `/api/v1/units/${DESK2}`,
    { name: 'Bộ phận Một cửa thứ hai', parentCode: 'LDTBXH', kind: 'one_stop' },
    admin,
  );
  expect(unit.status).toBe(200);
  const proc = await h.put(
    `/api/v1/procedures/${OTHER_DESK_PROCEDURE}`,
    twoStepProcedure('Thủ tục tiếp nhận tại bộ phận thứ hai', DESK2),
    admin,
  );
  expect(proc.status).toBe(200);
});

afterAll(async () => {
  await h?.stop();
});

async function log(events: EventBody[]): Promise<void> {
  for (const e of events) {
    const res = await h.post('/api/v1/events', e, admin);
    expect({ type: e.type, status: res.status, body: res.body }).toMatchObject({ type: e.type, status: 202 });
  }
  await h.waitForAllApplied();
}

let seq = 0;
/** A dossier code as the desk issues them (`{agency}-{yymmdd}-{4-digit sequence}`): the width the ledger prints. */
const newDossierCode = (prefix: string) => `${prefix}-${String(++seq).padStart(4, '0')}`;

const ledger = (query: string, token = admin) =>
  getBytes(h.baseUrl, `/api/v1/reports/ledger?${query}`, token);

/** Every dossier code among the workbook's cell values, top to bottom. */
async function codesOfXlsx(bytes: Buffer): Promise<string[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const codes: string[] = [];
  book.worksheets[0].eachRow((row) =>
    row.eachCell((cell) => {
      const v = cell.value;
      if (typeof v === 'string' && /^H57\.12-\d{6}-/.test(v)) codes.push(v);
    }),
  );
  return codes;
}

describe('GET /api/v1/reports/ledger', () => {
  const inside: string[] = [];
  const outside: string[] = [];

  beforeAll(async () => {
    const at = (code: string, when: string) => received(code, when, { applicant: { name: 'Phạm Thị Lan' } });
    const before = newDossierCode('H57.12-250530');
    const after = newDossierCode('H57.12-250701');
    const june = [
      newDossierCode('H57.12-250602'),
      newDossierCode('H57.12-250616'),
      newDossierCode('H57.12-250630'),
    ];
    const otherDesk = newDossierCode('H57.12-250610');
    await log([
      at(before, '2025-05-30T10:00:00+07:00'),
      // Logged out of reception order: the ledger still lists them by reception.
      at(june[1], '2025-06-16T09:00:00+07:00'),
      at(june[0], '2025-06-02T09:00:00+07:00'),
      forwarded(june[0], '2025-06-02T10:00:00+07:00', MC, VLATLD),
      event(june[0], 'result_ready', '2025-06-05T10:00:00+07:00', { outcome: 'approved' }),
      event(june[0], 'returned', '2025-06-06T10:00:00+07:00', { method: 'desk' }),
      at(june[2], '2025-06-30T16:30:00+07:00'),
      at(after, '2025-07-01T08:00:00+07:00'),
      event(otherDesk, 'received', '2025-06-10T09:00:00+07:00', {
        procedureCode: OTHER_DESK_PROCEDURE,
        channel: 'direct',
        applicant: { name: 'Đỗ Văn Khoa' },
      }),
    ]);
    inside.push(...june);
    outside.push(before, after, otherDesk);
  });

  it('XLSX: exactly the dossiers received at the desk in the period, in reception order', async () => {
    const res = await ledger(`unit=${MC}&from=2025-06-01&to=2025-06-30&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(await codesOfXlsx(res.bytes)).toEqual(inside);
  });

  it('PDF: each code of the period, none other; the 2018 form (TT01 Mẫu 06) for a period ending 30/06/2025', async () => {
    const res = await ledger(`unit=${MC}&from=2025-06-01&to=2025-06-30&format=pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    savePicture(res.bytes, 'ledger-2018');
    const text = ledgerText(res.bytes);
    for (const code of inside) expect(text).toContain(code);
    for (const code of outside) expect(text).not.toContain(code);
    expect(text).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(text).toContain('Mẫu số 06');
    expect(text).toContain('Phạm Thị Lan');
    // format defaults to pdf
    const plain = await ledger(`unit=${MC}&from=2025-06-01&to=2025-06-30`);
    expect(plain.bytes.equals(res.bytes)).toBe(true);
  });

  it('HTML, and the other desk’s ledger holds only its own dossier', async () => {
    const html = await ledger(`unit=${MC}&from=2025-06-01&to=2025-06-30&format=html`);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const code of inside) expect(html.bytes.toString('utf8')).toContain(code);
    const other = await ledger(`unit=${DESK2}&from=2025-06-01&to=2025-06-30&format=xlsx`);
    expect(await codesOfXlsx(other.bytes)).toEqual([outside[2]]);
  });

  it('a period ending after 01/07/2025 is printed on the 2025 form (TT03 Mẫu 07)', async () => {
    const res = await ledger(`unit=${MC}&from=2025-06-30&to=2025-07-01&format=pdf`);
    expect(res.status).toBe(200);
    savePicture(res.bytes, 'ledger-2025');
    const text = ledgerText(res.bytes);
    expect(text).toContain(inside[2]);
    expect(text).toContain(outside[1]);
    expect(text).toContain('Mẫu số 07');
  });

  it('readers: the desk’s users, managers and administrators; others 403', async () => {
    const desk = await h.createUser('desk.ledger', ['officer'], [MC]);
    const manager = await h.createUser('manager.ledger', ['manager'], [VLATLD]);
    const division = await h.createUser('vl.ledger', ['specialist'], [VLATLD]);
    const q = `unit=${MC}&from=2025-06-01&to=2025-06-30&format=xlsx`;
    expect((await ledger(q, desk)).status).toBe(200);
    expect((await ledger(q, manager)).status).toBe(200);
    expect((await ledger(q, division)).status).toBe(403);
  });

  it.each([
    ['from=2025-06-01&to=2025-06-30', 'unit'],
    [`unit=${MC}&from=2025-02-30&to=2025-06-30`, 'from'],
    [`unit=${MC}&from=2025-06-30&to=2025-06-01`, 'to'],
    [`unit=${MC}&from=2024-01-01&to=2025-06-30`, 'to'],
    [`unit=${MC}&from=2025-06-01&to=2025-06-30&format=docx`, 'format'],
    ['unit=LDTBXH.NOPE&from=2025-06-01&to=2025-06-30', 'unit'],
  ])('400 for %s, naming %s', async (query, field) => {
    const res = await h.get(`/api/v1/reports/ledger?${query}`, admin);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });
});
