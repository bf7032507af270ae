/**
 * Issue 10, Biểu II.06a/VPCP/KSTT (domain.md §7.1) end to end: dossiers logged through the API with a controlled
 * clock, the worker's projection, GET /api/v1/reports/06a for June 2025 — every bucket computed by hand below —
 * as JSON, CSV (UTF-8 BOM, Vietnamese headings) and XLSX (read back with exceljs: merged headings like the paper
 * table, the numbers); unit, field and procedure filters; unit heads limited to their units; 400 naming the field.
 */
import ExcelJS from 'exceljs';
import { event, forwarded, MC, newDossierCode, received, twoStepProcedure, VLATLD } from './support/events';
import type { EventBody } from './support/events';
import { Harness } from './support/harness';
import { getBytes } from './support/pdf';

let h: Harness;
let admin: string;

/** Five working days (40 working hours), field “Việc làm”, led by VLATLD, received at MC. */
const A = 'E2E.06A.VL';
/** Five working days, field “Người có công”, led by NCC, received at MC. */
const B = 'E2E.06A.NCC';
const NCC = 'LDTBXH.NCC';
const JUNE = 'from=2025-06-01&to=2025-06-30';

beforeAll(async () => {
  h = await Harness.start({ now: '2025-07-10T10:00:00+07:00' });
  admin = await h.admin();
  expect(
    (await h.put(`/api/v1/procedures/${A}`, twoStepProcedure('Thủ tục 06a Việc làm'), admin)).status,
  ).toBe(200);
  const b = twoStepProcedure('Thủ tục 06a Người có công');
  // B stops its clock while the applicant owes a financial obligation (A does not).
  const ncc = {
    ...b,
    pauseOnFinancialObligation: true,
    field: 'Người có công',
    leadUnitCode: NCC,
    steps: [b.steps[0], { ...b.steps[1], unitCode: NCC }],
  };
  expect((await h.put(`/api/v1/procedures/${B}`, ncc, admin)).status).toBe(200);
});

afterAll(async () => {
  await h?.stop();
});

async function log(events: EventBody[]): Promise<void> {
  for (const e of events) {
    const res = await h.post('/api/v1/events', e, admin);
    expect({ code: e.dossierCode, type: e.type, status: res.status, body: res.body }).toMatchObject({
      type: e.type,
      status: 202,
    });
  }
  await h.waitForAllApplied();
}

const at = (day: string, time = '09:00') => `2025-${day}T${time}:00+07:00`;
const receive = (code: string, day: string, procedureCode: string, channel = 'direct') =>
  received(code, at(day), { procedureCode, channel });
const toLead = (code: string, day: string, lead = VLATLD) => forwarded(code, at(day, '10:00'), MC, lead);
const result = (code: string, day: string, time = '10:00') =>
  event(code, 'result_ready', at(day, time), { outcome: 'approved' });

const codes: Record<string, string> = {};
const code = (name: string) => (codes[name] ??= newDossierCode('H57.12-250601'));

/** June 2025; due = reception + 40 working hours (no holiday from late May to early July 2025). */
const HISTORIES: EventBody[][] = [
  // C1 carried over (received 28/05, due 04/06 09:00), result 03/06: early.
  [
    receive(code('C1'), '05-28', A),
    toLead(code('C1'), '05-28'),
    result(code('C1'), '06-03'),
    event(code('C1'), 'returned', at('06-04'), { method: 'desk' }),
  ],
  // C2 carried over (due 02/06 09:00), no result: pending, overdue.
  [receive(code('C2'), '05-26', A), toLead(code('C2'), '05-26')],
  // C3 ended before June: in no column.
  [receive(code('C3'), '05-20', A), toLead(code('C3'), '05-20'), result(code('C3'), '05-23')],
  // N1 online (due 09/06 09:00), result 09/06 16:00: on time by date (late by the instant).
  [
    receive(code('N1'), '06-02', A, 'online'),
    toLead(code('N1'), '06-02'),
    result(code('N1'), '06-09', '16:00'),
  ],
  // N2 direct (due 17/06 09:00), result 18/06: late.
  [receive(code('N2'), '06-10', A), toLead(code('N2'), '06-10'), result(code('N2'), '06-18')],
  // N3 by post (due 04/07 09:00), open: pending within due.
  [receive(code('N3'), '06-27', A, 'postal'), toLead(code('N3'), '06-27')],
  // N4 online (due 23/06 09:00), open: pending overdue.
  [receive(code('N4'), '06-16', A, 'online'), toLead(code('N4'), '06-16')],
  // N5 direct (due 09/06 09:00), supplement asked 04/06 and returned only 02/07: awaiting the applicant at the end
  // of June, so within due though its due date had passed.
  [
    receive(code('N5'), '06-02', A),
    toLead(code('N5'), '06-02'),
    event(code('N5'), 'supplement_requested', at('06-04'), { reason: 'Thiếu giấy tờ' }),
    event(code('N5'), 'supplement_received', at('07-02')),
  ],
  // N6 direct (due 23/06 09:00), open and overdue at the end of June; a supplement in July (01/07 → 08/07, five
  // working days) moves its due date to 30/06 09:00 today, which must not make June's table call it within due.
  [
    receive(code('N6'), '06-16', A),
    toLead(code('N6'), '06-16'),
    event(code('N6'), 'supplement_requested', at('07-01'), { reason: 'Thiếu giấy tờ' }),
    event(code('N6'), 'supplement_received', at('07-08')),
  ],
  // N7 direct (due 09/06 09:00), a financial obligation asked 04/06 and still owed: A's clock runs on, overdue.
  [
    receive(code('N7'), '06-02', A),
    toLead(code('N7'), '06-02'),
    event(code('N7'), 'obligation_requested', at('06-04'), { amountVnd: 100000 }),
  ],
  // W1 direct, withdrawn 05/06: resolved, counted on time (the column's note).
  [
    receive(code('W1'), '06-03', A),
    event(code('W1'), 'withdrawn', at('06-05'), { reason: 'Công dân xin rút' }),
  ],
  // R1 refused at the desk: never received, in no column.
  [
    event(code('R1'), 'refused_at_reception', at('06-05'), {
      procedureCode: A,
      channel: 'direct',
      applicant: { name: 'Lê Văn Tư' },
      reason: 'Hồ sơ không thuộc thẩm quyền',
    }),
  ],
  // P1 received in July: in no column of June.
  [receive(code('P1'), '07-01', A)],
  // B1 (Người có công) direct (due 09/06), result 05/06: early.
  [receive(code('B1'), '06-02', B), toLead(code('B1'), '06-02', NCC), result(code('B1'), '06-05')],
  // B3 (Người có công) direct (due 09/06 09:00), a financial obligation owed since 04/06: B's clock stops, so
  // within due.
  [
    receive(code('B3'), '06-02', B),
    toLead(code('B3'), '06-02', NCC),
    event(code('B3'), 'obligation_requested', at('06-04'), { amountVnd: 100000 }),
  ],
  // B2 (Người có công) online (due 02/07 09:00), open: pending within due.
  [receive(code('B2'), '06-25', B, 'online'), toLead(code('B2'), '06-25', NCC)],
];

const counts = (r: number[], s: number[], p: number[]) => ({
  received: { total: r[0], carriedOver: r[1], newOnline: r[2], newDirectOrPostal: r[3] },
  resolved: { total: s[0], early: s[1], onTime: s[2], late: s[3] },
  pending: { total: p[0], withinDue: p[1], overdue: p[2] },
});
const ZERO = counts([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0]);
/**
 * Việc làm: C1, C2 carried over; N1, N4 online; N2, N3, N5, N6, N7, W1 at the desk or by post. Resolved: C1 early;
 * N1, W1 on time; N2 late. Pending: N3, N5 within due; C2, N4, N6, N7 overdue.
 */
const VIEC_LAM = counts([10, 2, 2, 6], [4, 1, 2, 1], [6, 2, 4]);
/** Người có công: B2 online; B1, B3 at the desk. Resolved: B1 early. Pending: B2, B3 within due. */
const NGUOI_CO_CONG = counts([3, 0, 1, 2], [1, 1, 0, 0], [2, 2, 0]);
const TOTAL = counts([13, 2, 3, 8], [5, 2, 2, 1], [8, 4, 4]);
const FIELDS = [
  'An toàn, vệ sinh lao động',
  'Bảo trợ xã hội',
  'Giáo dục nghề nghiệp',
  'Lao động, tiền lương',
  'Người có công',
  'Quản lý lao động ngoài nước',
  'Việc làm',
];

const report = (query: string, token = admin) => h.get(`/api/v1/reports/06a?${query}`, token);
const bytes = (query: string, token = admin) => getBytes(h.baseUrl, `/api/v1/reports/06a?${query}`, token);

beforeAll(async () => {
  for (const history of HISTORIES) await log(history);
  // The trap N6 sets: its due date in force today is 30/06, the last day of the period.
  expect((await h.get(`/api/v1/dossiers/${code('N6')}`, admin)).body.dueAt).toBe('2025-06-30T09:00:00+07:00');
  expect((await h.get(`/api/v1/dossiers/${code('C1')}`, admin)).body.dueAt).toBe('2025-06-04T09:00:00+07:00');
  expect((await h.get(`/api/v1/dossiers/${code('N1')}`, admin)).body.dueAt).toBe('2025-06-09T09:00:00+07:00');
});

describe('GET /api/v1/reports/06a', () => {
  it('JSON: one row per field of the catalogue in Vietnamese order, the hand-computed buckets, the total', async () => {
    const res = await report(JUNE);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      formCode: 'II.06a/VPCP/KSTT',
      from: '2025-06-01',
      to: '2025-06-30',
      unit: null,
      units: null,
      granularity: 'date',
      total: TOTAL,
    });
    expect(res.body.rows.map((r: { seq: number; field: string }) => [r.seq, r.field])).toEqual(
      FIELDS.map((f, i) => [i + 1, f]),
    );
    const byField = Object.fromEntries(
      res.body.rows.map(({ seq: _s, field, ...c }: { seq: number; field: string }) => [field, c]),
    );
    expect(byField['Việc làm']).toEqual(VIEC_LAM);
    expect(byField['Người có công']).toEqual(NGUOI_CO_CONG);
    expect(byField['Bảo trợ xã hội']).toEqual(ZERO);
    expect(res.body.notes.join(' ')).toContain('tính đến hết ngày 30/06/2025');
  });

  it('filters: a unit keeps the procedures it leads, a field its procedures, a procedure itself', async () => {
    const vl = await report(`${JUNE}&unit=${VLATLD}`);
    expect(vl.status).toBe(200);
    expect(vl.body).toMatchObject({
      unit: VLATLD,
      unitName: expect.any(String),
      units: [VLATLD],
      total: VIEC_LAM,
    });
    expect(vl.body.rows.map((r: { field: string }) => r.field)).not.toContain('Người có công');
    const field = await report(`${JUNE}&field=${encodeURIComponent('Người có công')}`);
    expect(field.body.rows).toEqual([{ seq: 1, field: 'Người có công', ...NGUOI_CO_CONG }]);
    expect(field.body.total).toEqual(NGUOI_CO_CONG);
    const proc = await report(`${JUNE}&procedure=${A}`);
    expect(proc.body.rows).toEqual([{ seq: 1, field: 'Việc làm', ...VIEC_LAM }]);
  });

  it('CSV: UTF-8 with a BOM, Vietnamese headings, one line per field and the total', async () => {
    const res = await bytes(`${JUNE}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'TT,Lĩnh vực,Số hồ sơ nhận giải quyết - Tổng số,Số hồ sơ nhận giải quyết - Từ kỳ trước,' +
        'Số hồ sơ nhận giải quyết - Mới tiếp nhận trực tuyến,' +
        '"Số hồ sơ nhận giải quyết - Mới tiếp nhận trực tiếp, dịch vụ bưu chính",' +
        'Số hồ sơ đã giải quyết - Tổng số,Số hồ sơ đã giải quyết - Trước hạn,Số hồ sơ đã giải quyết - Đúng hạn,' +
        'Số hồ sơ đã giải quyết - Quá hạn,Số hồ sơ đang giải quyết - Tổng số,' +
        'Số hồ sơ đang giải quyết - Trong hạn,Số hồ sơ đang giải quyết - Quá hạn',
    );
    expect(lines).toContain('7,Việc làm,10,2,2,6,4,1,2,1,6,2,4');
    expect(lines).toContain('5,Người có công,3,0,1,2,1,1,0,0,2,2,0');
    expect(lines).toContain('1,"An toàn, vệ sinh lao động",0,0,0,0,0,0,0,0,0,0,0');
    expect(lines.at(-2)).toBe(',Tổng cộng,13,2,3,8,5,2,2,1,8,4,4');
    expect(lines.at(-1)).toBe('');
  });

  it('XLSX: the paper table’s merged headings, column numbers, the rows and the total row (exceljs)', async () => {
    const res = await bytes(`${JUNE}&unit=${VLATLD}&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.bytes as unknown as ArrayBuffer);
    const ws = book.worksheets[0];
    const text = (ref: string) => ws.getCell(ref).text;
    expect(text('A1')).toBe('Biểu số II.06a/VPCP/KSTT');
    expect(text('A2')).toBe('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(text('A3')).toBe('Kỳ báo cáo: từ ngày 01/06/2025 đến ngày 30/06/2025');
    expect(text('A4')).toContain(`(${VLATLD})`);
    // Headings over rows 6–8, as on paper; merged cells read the master's value.
    expect(['A6', 'A8', 'B7'].map(text)).toEqual(['TT', 'TT', 'Lĩnh vực']);
    expect(['C6', 'F6', 'G6', 'J6', 'K6', 'M6'].map(text)).toEqual([
      'Số hồ sơ nhận giải quyết',
      'Số hồ sơ nhận giải quyết',
      'Số hồ sơ đã giải quyết',
      'Số hồ sơ đã giải quyết',
      'Số hồ sơ đang giải quyết',
      'Số hồ sơ đang giải quyết',
    ]);
    expect(['C7', 'C8', 'D7', 'E7', 'F7', 'E8', 'F8'].map(text)).toEqual([
      'Tổng số',
      'Tổng số',
      'Từ kỳ trước',
      'Mới tiếp nhận',
      'Mới tiếp nhận',
      'Trực tuyến',
      'Trực tiếp, dịch vụ bưu chính',
    ]);
    expect(['H7', 'I7', 'J7', 'L7', 'M8'].map(text)).toEqual([
      'Trước hạn',
      'Đúng hạn',
      'Quá hạn',
      'Trong hạn',
      'Quá hạn',
    ]);
    expect(ws.getCell('E7').isMerged && ws.getCell('A8').isMerged).toBe(true);
    expect(ws.getCell('E8').isMerged).toBe(false);
    expect(ws.getRow(9).values).toEqual([undefined, ...Array.from({ length: 13 }, (_, i) => `(${i + 1})`)]);
    const rows: Array<Array<unknown>> = [];
    for (let r = 10; text(`B${r}`) !== ''; r++) rows.push((ws.getRow(r).values as unknown[]).slice(1));
    expect(rows.at(-1)).toEqual([undefined, 'Tổng cộng', 10, 2, 2, 6, 4, 1, 2, 1, 6, 2, 4]);
    expect(rows.find((r) => r[1] === 'Việc làm')!.slice(2)).toEqual([10, 2, 2, 6, 4, 1, 2, 1, 6, 2, 4]);
    expect(rows.map((r) => r[1])).toEqual([
      'An toàn, vệ sinh lao động',
      'Quản lý lao động ngoài nước',
      'Việc làm',
      'Tổng cộng',
    ]);
  });

  it('a unit head sees its own units only: theirs without unit, 403 for another unit; other roles 403', async () => {
    const head = await h.createUser('ncc.head.06a', ['unit_head'], [NCC]);
    const own = await report(JUNE, head);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ units: [NCC], total: NGUOI_CO_CONG });
    expect((await report(`${JUNE}&unit=${NCC}`, head)).status).toBe(200);
    const other = await report(`${JUNE}&unit=${VLATLD}`, head);
    expect(other.status).toBe(403);
    expect((await bytes(`${JUNE}&unit=${VLATLD}&format=xlsx`, head)).status).toBe(403);
    const manager = await h.createUser('manager.06a', ['manager'], [NCC]);
    expect((await report(`${JUNE}&unit=${VLATLD}`, manager)).body.total).toEqual(VIEC_LAM);
    const officer = await h.createUser('officer.06a', ['officer'], [NCC]);
    expect((await report(JUNE, officer)).status).toBe(403);
  });

  it.each([
    ['to=2025-06-30', 'from'],
    ['from=2025-02-30&to=2025-06-30', 'from'],
    ['from=2025-06-30&to=2025-06-01', 'to'],
    ['from=2015-01-01&to=2025-06-30', 'to'],
    [`${JUNE}&format=pdf`, 'format'],
    [`${JUNE}&unit=LDTBXH.NOPE`, 'unit'],
    [`${JUNE}&unit=bad%20code`, 'unit'],
    [`${JUNE}&procedure=NO.SUCH`, 'procedure'],
    [`${JUNE}&field=${encodeURIComponent('Không có')}`, 'field'],
  ])('400 for %s, naming %s', async (query, field) => {
    const res = await report(query);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });
});
