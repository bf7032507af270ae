/**
 * Issue 8, the apology (Mẫu 04), end to end through the real API, worker, PostgreSQL and Redis: the tracker's
 * `deadline_reached` (kind `apology_deadline`) is logged here as the system through the intake, as the tracker
 * does; the worker's reactors draft (or issue) the letter and hand issued letters to the Notifier. The mail
 * capability is not on this branch: the harness binds a recording Notifier (`h.notifier`) and the specs assert the
 * requests it was given.
 */
import { ReactorRunner } from '@motcua/application';
import { apologySettingsSchema } from '@motcua/contracts';
import { event, forwarded, MC, newDossierCode, received, VLATLD, type EventBody } from './support/events';
import { Harness, waitFor } from './support/harness';
import { flat, getBytes, pdfText } from './support/pdf';

let h: Harness;
let admin: string;

const SO = { code: 'LDTBXH', name: 'Sở Lao động – Thương binh và Xã hội' };
const DESK = 'Bộ phận Một cửa Sở Lao động – Thương binh và Xã hội tại Trung tâm Phục vụ hành chính công tỉnh';
const WORK_PERMIT = 'Cấp giấy phép lao động đối với người lao động nước ngoài làm việc tại Việt Nam';
const TITLE_2018 = 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ';
const TITLE_2025 = 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT';
const SIGNER = { name: 'Nguyễn Văn Bình', title: 'GIÁM ĐỐC' };

beforeAll(async () => {
  h = await Harness.start({ now: '2025-03-14T17:00:00+07:00' });
  admin = await h.admin();
});

afterAll(async () => {
  await h?.stop();
});

/** Each event through POST /api/v1/events, expecting 202. */
async function log(events: EventBody[], token = admin): Promise<void> {
  for (const e of events) {
    const res = await h.post('/api/v1/events', e, token);
    expect({ type: e.type, status: res.status, body: res.body }).toMatchObject({ type: e.type, status: 202 });
  }
}

/**
 * 1.014199 (10 working days) received Mon 03/03/2025 08:30 and handed to the division at 10:00: due Mon 17/03 08:30,
 * apology deadline the close of Fri 14/03. The division's step TD (50 h) ran out on Tue 11/03 14:00.
 */
function lateAtDivision(code: string, applicant?: Record<string, unknown>): EventBody[] {
  return [
    received(code, '2025-03-03T08:30:00+07:00', applicant ? { applicant } : {}),
    forwarded(code, '2025-03-03T10:00:00+07:00', MC, VLATLD),
  ];
}

const apologyIssued = (code: string, at: string, newDueAt = '2025-03-24T17:00:00+07:00') =>
  event(code, 'apology_issued', at, {
    reason: 'Chờ kết quả xác minh của cơ quan phối hợp',
    newDueAt,
    signer: { name: 'Lê Văn Cường', title: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' },
    responsibleUnit: VLATLD,
  });

/** What the tracker logs when the dossier reaches its apology deadline (`at`), as the system. */
async function reachApologyDeadline(
  harness: Harness,
  code: string,
  at = '2025-03-14T17:00:00+07:00',
  occurredAt = at,
): Promise<void> {
  const [outcome] = await harness.logAsSystem(
    event(code, 'deadline_reached', occurredAt, { kind: 'apology_deadline', at }),
  );
  expect(outcome.kind).toBe('accepted');
}

const countOf = (harness: Harness, code: string, type: string) =>
  harness.count('SELECT count(*) AS n FROM dossier_events WHERE dossier_code = $1 AND type = $2', [
    code,
    type,
  ]);

/** Waits until the worker logged `type` for the dossier and applied everything. */
async function until(harness: Harness, code: string, type: string): Promise<void> {
  await waitFor(async () => (await countOf(harness, code, type)) > 0, 20_000, `${type} of ${code}`);
  await harness.waitForAllApplied();
}

/** A few more passes of every reactor, on top of the worker's own timer. */
async function morePasses(harness: Harness, n = 3): Promise<void> {
  for (let i = 0; i < n; i++) await harness.worker!.get(ReactorRunner).runOnce();
  await harness.waitForAllApplied();
}

const dossier = async (code: string, token = admin) => (await h.get(`/api/v1/dossiers/${code}`, token)).body;
const letter = (code: string, token = admin) => h.get(`/api/v1/dossiers/${code}/apology`, token);

describe('reaching the apology deadline drafts exactly one letter for the responsible unit (§5.4, §5.5)', () => {
  it('a 2018 dossier: GET …/apology shows the draft with every §4.4 field and form TT01_2018.M04', async () => {
    h.clock.set('2025-03-14T17:00:00+07:00');
    const code = newDossierCode();
    await log(lateAtDivision(code));
    await reachApologyDeadline(h, code);
    await until(h, code, 'apology_drafted');
    // The tracker's sweep and its delayed job may both log the deadline; the reactors run again: one draft.
    await reachApologyDeadline(h, code, '2025-03-14T17:00:00+07:00', '2025-03-14T17:00:00.500+07:00');
    await morePasses(h);
    expect(await countOf(h, code, 'apology_drafted')).toBe(1);
    const [drafted] = await h.query(
      "SELECT actor, data FROM dossier_events WHERE dossier_code = $1 AND type = 'apology_drafted'",
      [code],
    );
    expect(drafted.actor).toBe('system');

    const res = await letter(code);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      dossierCode: code,
      status: 'drafted',
      classification: null,
      apologyStatus: 'due',
      deadline: '2025-03-14T17:00:00+07:00',
      form: { code: 'TT01_2018.M04', title: TITLE_2018, ruleSet: 'ND61_2018' },
      // The division issues in the name of the Sở above it; the catalogue gives the Sở no parent body.
      parentAgency: null,
      issuer: SO,
      number: null,
      place: null,
      addressee: { name: 'Nguyễn Văn An', address: null, phone: '0912345678', email: null },
      receivedAt: '2025-03-03T08:30:00+07:00',
      procedure: { code: '1.014199', name: WORK_PERMIT },
      dueAt: '2025-03-17T08:30:00+07:00',
      reason: null,
      // TD: 50 h allowed from Mon 03/03 10:00, 77 h used by Fri 14/03 17:00.
      suggestedReason:
        'bước “Thẩm định hồ sơ, dự thảo kết quả” do Phòng Việc làm – An toàn lao động thực hiện đã quá thời gian quy định 27 giờ làm việc',
      // 90 working minutes left (Fri 17:00 → Mon 08:30) plus 5 working days: Mon 24/03 08:30, at its close.
      newDueAt: '2025-03-24T17:00:00+07:00',
      rescheduledDueAt: null,
      copiesTo: ['Như trên', DESK, 'Lưu: VT, VLATLD'],
      signer: { label: 'THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ', title: 'GIÁM ĐỐC', name: null },
      responsibleUnit: { code: VLATLD, name: 'Phòng Việc làm – An toàn lao động' },
      draftedAt: '2025-03-14T17:00:00+07:00',
      issuedAt: null,
      reappointmentMet: null,
      htmlUrl: `/api/v1/dossiers/${code}/apology.html`,
    });

    const d = await dossier(code);
    expect(d.apology).toEqual({
      status: 'due',
      deadline: '2025-03-14T17:00:00+07:00',
      issuedAt: null,
      newDueAt: null,
      letterUrl: `/api/v1/dossiers/${code}/apology`,
      classification: null,
      letterStatus: 'drafted',
      responsibleUnit: VLATLD,
      draftedAt: '2025-03-14T17:00:00+07:00',
      reappointmentMet: null,
    });
    expect(d.responsibleUnits).toEqual([VLATLD]);
    // What the engine did, each by the system (the draft and the first deadline share an instant).
    const system = d.timeline.filter((t: { actor: string }) => t.actor === 'system');
    expect(system.map((t: { type: string; status: string }) => `${t.type}:${t.status}`).sort()).toEqual([
      'apology_drafted:applied',
      'deadline_reached:applied',
      'deadline_reached:applied',
    ]);

    const html = await h.get(`/api/v1/dossiers/${code}/apology.html`, admin);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.text).toContain('<html lang="vi">');
    expect(html.text).toContain(TITLE_2018);
    expect(html.text).toContain(`Mã hồ sơ: <b>${code}</b>`);
    expect(html.text).toContain('DỰ THẢO – chờ ký ban hành');
    expect(html.text).toContain('vào ngày 24 tháng 03 năm 2025');
    // The reason and the signer's name are the signer's to write: dotted lines, never invented.
    expect(html.text).toMatch(/lý do: <span class="dots">…+<\/span>\./);
    // Nothing is issued: no letter goes to the applicant.
    expect(h.notifier.calls.filter((r) => r.dossierCode === code)).toEqual([]);
  });

  it('a 2025 dossier whose desk never forwarded it: form TT03_2025.M04, the desk issues in its own name', async () => {
    h.clock.set('2025-07-18T17:00:00+07:00');
    const code = newDossierCode('H57.12-250707');
    // Received Mon 07/07/2025 08:30: due Mon 21/07 08:30, apology deadline the close of Fri 18/07.
    await log([received(code, '2025-07-07T08:30:00+07:00')], await h.admin());
    await reachApologyDeadline(h, code, '2025-07-18T17:00:00+07:00');
    await until(h, code, 'apology_drafted');
    const res = await letter(code, await h.admin());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'drafted',
      form: { code: 'TT03_2025.M04', title: TITLE_2025, ruleSet: 'ND118_2025' },
      parentAgency: SO,
      issuer: { code: MC, name: DESK },
      responsibleUnit: { code: MC, name: DESK },
      signer: { title: 'TRƯỞNG BỘ PHẬN', name: null },
      copiesTo: ['Như trên', 'Lưu: VT, MC'],
      dueAt: '2025-07-21T08:30:00+07:00',
      newDueAt: '2025-07-28T17:00:00+07:00',
      suggestedReason:
        'bước “Tiếp nhận, chuyển hồ sơ” do Bộ phận Một cửa Sở Lao động – Thương binh và Xã hội tại Trung tâm Phục vụ hành chính công tỉnh thực hiện đã quá thời gian quy định 74 giờ 30 phút làm việc',
    });
    const html = await h.get(`/api/v1/dossiers/${code}/apology.html`, await h.admin());
    expect(html.text).toContain(TITLE_2025);
    expect(html.text).toContain('đề nghị gia hạn thời gian giải quyết hồ sơ đến ngày 28 tháng 07 năm 2025');
  });

  it('answers 404 while no apology is due, outside the caller’s units, and for the HTML in the JSON envelope', async () => {
    h.clock.set('2025-03-14T17:00:00+07:00');
    admin = await h.admin();
    const early = newDossierCode();
    await log([received(early, '2025-03-12T08:30:00+07:00')]);
    const none = await letter(early);
    expect([none.status, none.body.error.code]).toEqual([404, 'not_found']);

    const code = newDossierCode();
    await log(lateAtDivision(code));
    const other = await h.createUser('head.ncc.apology', ['unit_head'], ['LDTBXH.NCC']);
    const mine = await h.createUser('head.vl.apology', ['unit_head'], [VLATLD]);
    expect((await letter(code, mine)).body).toMatchObject({ status: 'due', apologyStatus: 'due' });
    expect((await letter(code, other)).status).toBe(404);
    const html = await h.get(`/api/v1/dossiers/${code}/apology.html`, other);
    expect(html.status).toBe(404);
    expect(html.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await h.get(`/api/v1/dossiers/${code}/apology`, null)).status).toBe(401);
  });
});

describe('apology.autoIssue: the system issues the letter at the apology deadline', () => {
  it('logs apology_issued with the proposed date, the draft’s reason and the signer of the settings', async () => {
    const auto = await Harness.start({
      now: '2025-03-14T17:00:00+07:00',
      config: { apology: apologySettingsSchema.parse({ autoIssue: true, autoIssueSigner: SIGNER }) },
    });
    try {
      const token = await auto.admin();
      const code = newDossierCode();
      for (const e of lateAtDivision(code, { name: 'Nguyễn Văn An', email: 'an.nguyen@example.vn' }))
        expect((await auto.post('/api/v1/events', e, token)).status).toBe(202);
      await reachApologyDeadline(auto, code);
      await until(auto, code, 'apology_issued');
      await morePasses(auto);
      expect(await countOf(auto, code, 'apology_issued')).toBe(1);
      expect(await countOf(auto, code, 'apology_drafted')).toBe(0);
      const [row] = await auto.query(
        "SELECT actor, occurred_at FROM dossier_events WHERE dossier_code = $1 AND type = 'apology_issued'",
        [code],
      );
      expect(row.actor).toBe('system');
      expect(row.occurred_at.toISOString()).toBe('2025-03-14T10:00:00.000Z');

      const res = await auto.get(`/api/v1/dossiers/${code}/apology`, token);
      expect(res.body).toMatchObject({
        status: 'issued',
        classification: 'on_time',
        apologyStatus: 'issued_on_time',
        reason:
          'bước “Thẩm định hồ sơ, dự thảo kết quả” do Phòng Việc làm – An toàn lao động thực hiện đã quá thời gian quy định 27 giờ làm việc',
        newDueAt: '2025-03-24T17:00:00+07:00',
        signer: { title: 'GIÁM ĐỐC', name: 'Nguyễn Văn Bình' },
        issuedAt: '2025-03-14T17:00:00+07:00',
      });
      const d = (await auto.get(`/api/v1/dossiers/${code}`, token)).body;
      // §5.3: the original due date stays the KPI deadline; the re-appointment is kept apart.
      expect(d.dueAt).toBe('2025-03-17T08:30:00+07:00');
      expect(d.rescheduledDueAt).toBe('2025-03-24T17:00:00+07:00');
      expect(d.apology).toMatchObject({ status: 'issued_on_time', classification: 'on_time' });
      // The letter issued automatically goes to the applicant like any other.
      await waitFor(
        () => auto.notifier.requests.some((r) => r.dossierCode === code && r.kind === 'apology_letter'),
        20_000,
        'the letter to reach the Notifier',
      );
    } finally {
      await auto.stop();
    }
  });
});

describe('§5.1, §5.6.6: exactly one apology per dossier', () => {
  it('a second apology is refused with 422 (sla.maxReappointments 1), the first one stands', async () => {
    h.clock.set('2025-03-14T17:00:00+07:00');
    admin = await h.admin();
    const head = await h.createUser('head.vl.second', ['unit_head'], [VLATLD]);
    const code = newDossierCode();
    await log(lateAtDivision(code));
    await log([apologyIssued(code, '2025-03-14T10:00:00+07:00')], head);
    const second = await h.post(
      '/api/v1/events',
      apologyIssued(code, '2025-03-14T16:00:00+07:00', '2025-03-25T17:00:00+07:00'),
      head,
    );
    expect(second.status).toBe(422);
    expect(second.body.error.code).toBe('transition_not_allowed');
    expect(second.body.error.message).toContain('maxReappointments');
    const d = await dossier(code);
    expect(d.rescheduledDueAt).toBe('2025-03-24T17:00:00+07:00');
    expect(await countOf(h, code, 'apology_issued')).toBe(1);
  });
});

describe('an issued apology reaches the applicant through the Notifier', () => {
  it('by mail, with the letter attached as a PDF stored as sent, once per letter', async () => {
    h.clock.set('2025-03-14T17:00:00+07:00');
    admin = await h.admin();
    const head = await h.createUser('head.vl.mail', ['unit_head'], [VLATLD]);
    const code = newDossierCode();
    await log(lateAtDivision(code, { name: 'Nguyễn Văn An', email: 'an.nguyen@example.vn' }));
    const issued = apologyIssued(code, '2025-03-14T10:00:00+07:00');
    await log([issued], head);
    const req = await waitFor(
      () => h.notifier.requests.find((r) => r.dossierCode === code && r.kind === 'apology_letter'),
      20_000,
      'the letter to reach the Notifier',
    );
    expect(req).toMatchObject({
      key: issued.id,
      audience: 'applicant',
      to: { email: 'an.nguyen@example.vn', name: 'Nguyễn Văn An' },
      subject: `${SO.name} gửi Ông/Bà phiếu xin lỗi và hẹn lại ngày trả kết quả – hồ sơ ${code}`,
    });
    expect(req.text).toContain('Ngày hẹn trả kết quả mới: ngày 24 tháng 03 năm 2025.');
    expect(req.attachments).toHaveLength(1);
    const [attachment] = req.attachments!;
    expect(attachment).toMatchObject({
      filename: `mau-04-${code}.pdf`,
      contentType: 'application/pdf',
      encoding: 'base64',
    });
    // The very letter GET …/apology.pdf serves: the one stored when it was sent.
    const pdf = Buffer.from(attachment.content, 'base64');
    expect(pdf.equals((await getBytes(h.baseUrl, `/api/v1/dossiers/${code}/apology.pdf`, admin)).bytes)).toBe(
      true,
    );
    const text = flat(pdfText(pdf));
    for (const part of [
      TITLE_2018,
      'lý do: Chờ kết quả xác minh của cơ quan phối hợp.',
      'Lê Văn Cường',
      // The title "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" is printed on two lines.
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'ngày 14 tháng 03 năm 2025',
    ])
      expect(text).toContain(part);
    // More passes: one letter for the event. (Two passes racing may both ask; the request's key, the event id, makes
    // the Notifier keep one, as the port requires.)
    await morePasses(h);
    expect(h.notifier.requests.filter((r) => r.dossierCode === code)).toHaveLength(1);
    expect(new Set(h.notifier.calls.filter((r) => r.dossierCode === code).map((r) => r.key))).toEqual(
      new Set([issued.id]),
    );
  });

  it('queued for printing when the applicant has no email', async () => {
    h.clock.set('2025-03-14T17:00:00+07:00');
    admin = await h.admin();
    const code = newDossierCode();
    await log(lateAtDivision(code, { name: 'Trần Thị Bình', address: '25 Lê Lợi, TP Thanh Hóa' }));
    await log([apologyIssued(code, '2025-03-14T10:00:00+07:00')]);
    const req = await waitFor(
      () => h.notifier.requests.find((r) => r.dossierCode === code && r.kind === 'apology_letter'),
      20_000,
      'the letter to reach the print queue',
    );
    expect(req.to).toEqual({ print: { name: 'Trần Thị Bình', address: '25 Lê Lợi, TP Thanh Hóa' } });
    expect(flat(pdfText(Buffer.from(req.attachments![0].content, 'base64')))).toContain(
      'Địa chỉ: 25 Lê Lợi, TP Thanh Hóa',
    );
  });
});

describe('§5.2: each apology is classified on time, late, after due or missing', () => {
  it('on time, late, after due, and missing (§5.6.9), through the dossier answer and GET …/apology', async () => {
    h.clock.set('2025-03-19T10:00:00+07:00');
    admin = await h.admin();
    const c = {
      onTime: newDossierCode(),
      late: newDossierCode(),
      afterDue: newDossierCode(),
      missing: newDossierCode(),
      missingClosed: newDossierCode(),
    };
    await log([
      ...lateAtDivision(c.onTime),
      apologyIssued(c.onTime, '2025-03-14T10:00:00+07:00'), // by the deadline, Fri 14/03 17:00
      ...lateAtDivision(c.late),
      apologyIssued(c.late, '2025-03-17T08:00:00+07:00'), // after the deadline, before the due Mon 08:30
      ...lateAtDivision(c.afterDue),
      apologyIssued(c.afterDue, '2025-03-17T10:00:00+07:00'), // after the due
      ...lateAtDivision(c.missing), // open and past due, no apology
      ...lateAtDivision(c.missingClosed),
    ]);
    // Drafted when the tracker reached the deadline (late, past due), never issued; then finished late.
    await reachApologyDeadline(h, c.missingClosed, '2025-03-14T17:00:00+07:00');
    await until(h, c.missingClosed, 'apology_drafted');
    await log([event(c.missingClosed, 'result_ready', '2025-03-19T10:00:00+07:00', { outcome: 'approved' })]);

    const seen: Record<string, unknown> = {};
    for (const [name, code] of Object.entries(c)) {
      const d = await dossier(code);
      const l = await letter(code);
      seen[name] = [d.apology.status, d.apology.classification, l.body.status, l.body.classification];
    }
    expect(seen).toEqual({
      onTime: ['issued_on_time', 'on_time', 'issued', 'on_time'],
      late: ['issued_late', 'late', 'issued', 'late'],
      afterDue: ['issued_after_due', 'after_due', 'issued', 'after_due'],
      // §5.6.9: overdue without an apology; still open, so one may yet be issued (a preview is shown).
      missing: ['missing', 'missing', 'due', 'missing'],
      missingClosed: ['missing', 'missing', 'drafted', 'missing'],
    });
  });
});

describe('§5.6 edge cases the API shows', () => {
  it.each([
    // 5.6.1: due Mon 05/05/2025; Fri 02/05 swapped off, Thu 01/05 and Wed 30/04 holidays → Tue 29/04.
    [
      '5.6.1 due on a Monday after days off',
      '2025-04-29T16:00:00+07:00',
      '2025-05-05T10:00:00+07:00',
      '2025-04-29',
    ],
    // 5.6.2: due Mon 03/02/2025 right after Tết → the last working day before it, Fri 24/01.
    ['5.6.2 due right after Tết', '2025-01-24T16:00:00+07:00', '2025-02-03T10:00:00+07:00', '2025-01-24'],
    // 5.6.3: due on the make-up Saturday 26/04/2025, a working day → Fri 25/04.
    [
      '5.6.3 due on a make-up Saturday',
      '2025-04-25T15:00:00+07:00',
      '2025-04-26T09:00:00+07:00',
      '2025-04-25',
    ],
  ])('%s: the apology deadline', async (_name, receivedAt, dueAt, deadlineDay) => {
    // EX.018 takes 4 working hours; the clock reads the apology deadline's day, so the letter is due.
    h.clock.set(Date.parse(receivedAt) + 30 * 60_000);
    const token = await h.admin();
    const code = newDossierCode();
    await log([received(code, receivedAt, { procedureCode: 'EX.018' })], token);
    const d = await dossier(code, token);
    expect(d.dueAt).toBe(dueAt);
    expect(d.apology).toMatchObject({ status: 'due', deadline: `${deadlineDay}T17:00:00+07:00` });
    expect((await letter(code, token)).body).toMatchObject({
      status: 'due',
      deadline: `${deadlineDay}T17:00:00+07:00`,
    });
  });

  it('5.6.4: finished on its due date after a draft: no apology needed, the draft is cancelled', async () => {
    h.clock.set('2025-03-14T17:00:00+07:00');
    admin = await h.admin();
    const code = newDossierCode();
    await log(lateAtDivision(code));
    await reachApologyDeadline(h, code);
    await until(h, code, 'apology_drafted');
    h.clock.set('2025-03-17T08:00:00+07:00');
    admin = await h.admin();
    await log([event(code, 'result_ready', '2025-03-17T08:00:00+07:00', { outcome: 'approved' })]);
    const d = await dossier(code);
    expect(d.sla.outcome).toBe('on_time');
    expect(d.apology).toMatchObject({
      status: 'not_required',
      classification: null,
      letterStatus: 'cancelled',
    });
    expect((await letter(code)).body).toMatchObject({ status: 'cancelled', classification: null });
    const html = await h.get(`/api/v1/dossiers/${code}/apology.html`, admin);
    expect(html.text).toContain('DỰ THẢO ĐÃ HỦY');
  });

  it('5.6.5: apology issued, result before the new date: late against the due date, re-appointment met', async () => {
    h.clock.set('2025-03-20T10:00:00+07:00');
    admin = await h.admin();
    const code = newDossierCode();
    await log([
      ...lateAtDivision(code),
      apologyIssued(code, '2025-03-14T10:00:00+07:00'),
      event(code, 'result_ready', '2025-03-20T10:00:00+07:00', { outcome: 'approved' }),
    ]);
    const d = await dossier(code);
    expect(d.sla.outcome).toBe('late');
    expect(d.dueAt).toBe('2025-03-17T08:30:00+07:00');
    expect(d.apology).toMatchObject({ status: 'issued_on_time', reappointmentMet: true });
    expect((await letter(code)).body).toMatchObject({ status: 'issued', reappointmentMet: true });
  });

  it('5.6.7: a supplement after the apology moves both the due date and the re-appointment', async () => {
    h.clock.set('2025-03-17T10:00:00+07:00');
    admin = await h.admin();
    const code = newDossierCode();
    await log([
      ...lateAtDivision(code),
      apologyIssued(code, '2025-03-13T10:00:00+07:00'),
      event(code, 'supplement_requested', '2025-03-14T08:00:00+07:00', { reason: 'Thiếu bản sao hộ chiếu' }),
      event(code, 'supplement_received', '2025-03-14T16:00:00+07:00'),
    ]);
    // Paused Fri 14/03 08:00–16:00: 6 working hours.
    const d = await dossier(code);
    expect(d.dueAt).toBe('2025-03-17T16:30:00+07:00');
    expect(d.rescheduledDueAt).toBe('2025-03-25T15:00:00+07:00');
    expect((await letter(code)).body).toMatchObject({
      status: 'issued',
      // The letter says what it said; the re-appointment in force moved with the pause.
      newDueAt: '2025-03-24T17:00:00+07:00',
      rescheduledDueAt: '2025-03-25T15:00:00+07:00',
      dueAt: '2025-03-17T16:30:00+07:00',
    });
  });

  it('5.6.8: withdrawn after being overdue: not late in Biểu II.06a, the draft is cancelled', async () => {
    h.clock.set('2025-03-14T17:00:00+07:00');
    admin = await h.admin();
    const code = newDossierCode();
    await log(lateAtDivision(code));
    await reachApologyDeadline(h, code);
    await until(h, code, 'apology_drafted');
    h.clock.set('2025-03-18T10:00:00+07:00');
    admin = await h.admin();
    await log([event(code, 'withdrawn', '2025-03-18T10:00:00+07:00', { reason: 'Công dân xin rút hồ sơ' })]);
    const d = await dossier(code);
    expect(d.status).toBe('WITHDRAWN');
    expect(d.sla.outcome).toBeNull();
    expect(d.apology).toMatchObject({ status: 'not_required', letterStatus: 'cancelled' });
    expect((await letter(code)).body).toMatchObject({ status: 'cancelled', classification: null });
  });

  it('a dossier closed or apologised for before the tracker acts gets no draft', async () => {
    h.clock.set('2025-03-14T17:00:00+07:00');
    admin = await h.admin();
    const closed = newDossierCode();
    const apologised = newDossierCode();
    await log([
      ...lateAtDivision(closed),
      event(closed, 'result_ready', '2025-03-14T16:00:00+07:00', { outcome: 'approved' }),
      ...lateAtDivision(apologised),
      apologyIssued(apologised, '2025-03-14T10:00:00+07:00'),
    ]);
    await reachApologyDeadline(h, closed);
    await reachApologyDeadline(h, apologised);
    await h.waitForAllApplied();
    await morePasses(h);
    expect(await countOf(h, closed, 'apology_drafted')).toBe(0);
    expect(await countOf(h, apologised, 'apology_drafted')).toBe(0);
    expect((await letter(closed)).status).toBe(404);
  });
});

describe('the indicators after drafts, late and missing apologies', () => {
  it('keeps the indicators true: stored facts equal a fresh fold, rollups equal their recomputation (issue 10)', async () => {
    await h.waitForAllApplied();
    expect(await h.indicatorDrift()).toEqual({ rollups: [], facts: [] });
  });
});
