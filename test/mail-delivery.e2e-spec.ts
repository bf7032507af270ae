/**
 * Issue 8, mail: staff notifications end to end, against a real SMTP server (test/support/smtp-server.ts) whose
 * messages are parsed with mailparser. The tracker's `deadline_reached` and the apology's requests are made here
 * as they will be (through the intake as the system, through the Notifier); the worker reacts, claims each mail
 * as a row, and delivers it from the outbox. The clock is the test's: a mail held for office hours leaves when
 * the clock reaches the opening.
 */
import { event, forwarded, MC, newDossierCode, PROCEDURE, received, VLATLD } from './support/events';
import { Harness, sleep, waitFor, type HttpResult } from './support/harness';
import {
  applicantMail,
  deadlineReached,
  logAsSystem,
  mailConfig,
  mailQueue,
  notifier,
  rows,
  vn,
} from './support/mail';
import { TestSmtpServer } from './support/smtp-server';

const UNIT_MAILBOX = 'vieclam.atld.ldtbxh@motcua.example';
const UNIT_HEAD = 'truongphong.vieclam@motcua.example';
const PROCEDURE_NAME = 'Cấp giấy phép lao động đối với người lao động nước ngoài làm việc tại Việt Nam';

let smtp: TestSmtpServer;
let h: Harness;
let admin: string;
/** Received Monday 10/03/2025 08:30 at the desk, held by the division since 10:00: due Monday 24/03 08:30. */
let code: string;
let dossier: { dueAt: string; warningAt: string; steps: Array<{ code: string; dueAt: string }> };

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  h = await Harness.start({
    now: '2025-03-20T10:00:00+07:00',
    config: {
      ...mailConfig(smtp.url),
      worker: { concurrency: 8, relayIntervalMs: 100, relayGraceMs: 500, relayStaleMs: 1000 },
    },
  });
  admin = await h.admin();
  code = newDossierCode('H57.12-250310');
  for (const e of [
    received(code, '2025-03-10T08:30:00+07:00'),
    forwarded(code, '2025-03-10T10:00:00+07:00', MC, VLATLD),
  ])
    expect((await h.post('/api/v1/events', e, admin)).status).toBe(202);
  await h.waitForAllApplied();
  dossier = (await h.get(`/api/v1/dossiers/${code}`, admin)).body;
  expect(dossier).toMatchObject({
    dueAt: '2025-03-24T08:30:00+07:00',
    warningAt: '2025-03-21T08:30:00+07:00',
  });
});

afterAll(async () => {
  await h?.stop();
  await smtp?.stop();
});

describe('staff mails from the tracker’s events', () => {
  it('a warning leads to one parsed mail to the unit (and one to its head) with the Vietnamese template fields', async () => {
    h.clock.set('2025-03-21T08:31:00+07:00');
    await logAsSystem(h, deadlineReached(code, '2025-03-21T08:31:00+07:00', 'warning', dossier.warningAt));
    const mails = await smtp.waitForMessages(2);
    await sleep(500);
    expect(smtp.messages).toHaveLength(2);
    expect(mails.map((m) => m.rcptTo).sort()).toEqual([[UNIT_HEAD], [UNIT_MAILBOX]]);

    const unit = mails.find((m) => m.rcptTo[0] === UNIT_MAILBOX)!;
    expect(unit.subject).toBe(`[Sắp đến hạn] Hồ sơ ${code} – hạn trả 24/03/2025 08:30`);
    for (const part of [
      'Kính gửi: Phòng Việc làm – An toàn lao động,',
      `Hồ sơ ${code} sắp đến hạn trả kết quả (24/03/2025 08:30).`,
      `Mã hồ sơ:          ${code}`,
      `Thủ tục:           ${PROCEDURE_NAME} (${PROCEDURE})`,
      'Người nộp:         Nguyễn Văn An',
      `Hạn trả kết quả:   ${vn(dossier.dueAt)}`,
      `Xem hồ sơ: https://motcua.example/api/v1/dossiers/${code}`,
    ])
      expect(unit.text).toContain(part);
    expect(unit.html).toContain(`<a href="https://motcua.example/api/v1/dossiers/${code}">`);
    expect(unit.parsed.from?.value[0]).toMatchObject({
      address: 'motcua@motcua.example',
      name: 'Bộ phận Một cửa',
    });
    expect(unit.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    const head = mails.find((m) => m.rcptTo[0] === UNIT_HEAD)!;
    expect(head.text).toContain('Kính gửi: Ông/Bà Trần Thị Thu Hà – Phòng Việc làm – An toàn lao động,');

    // The Message-ID is the row's id at the sender's domain; the row says sent, once.
    const stored = await rows(h, 'dossier_code = $1', [code]);
    expect(stored.map((r) => [r.recipient, r.kind, r.status, r.attempts, r.unit_code])).toEqual([
      [UNIT_HEAD, 'due_soon', 'sent', 1, VLATLD],
      [UNIT_MAILBOX, 'due_soon', 'sent', 1, VLATLD],
    ]);
    for (const r of stored) {
      expect(r.message_id).toBe(`<${r.id}@motcua.example>`);
      expect(mails.find((m) => m.rcptTo[0] === r.recipient)!.messageId).toBe(r.message_id);
    }

    // notification_sent in the dossier's timeline, logged by the system.
    await waitFor(async () => {
      const t = (await h.get(`/api/v1/dossiers/${code}`, await h.admin())).body.timeline as Array<{
        type: string;
      }>;
      return t.filter((e) => e.type === 'notification_sent').length === 2;
    });
    const timeline = (await h.get(`/api/v1/dossiers/${code}`, await h.admin())).body.timeline as Array<
      Record<string, unknown>
    >;
    expect(timeline.filter((e) => e.type === 'notification_sent')).toEqual([
      expect.objectContaining({
        actor: 'system',
        status: 'applied',
        occurredAt: '2025-03-21T08:31:00+07:00',
      }),
      expect.objectContaining({
        actor: 'system',
        status: 'applied',
        occurredAt: '2025-03-21T08:31:00+07:00',
      }),
    ]);
  });

  it('duplicates: the same event seen twice, the same deadline logged twice, the same request twice → one mail each', async () => {
    const before = smtp.messages.length;
    // The reactor sees the warning again (as after a crash before its reaction was recorded).
    const [warning] = await h.query<{ id: string }>(
      `SELECT id FROM dossier_events WHERE dossier_code = $1 AND type = 'deadline_reached'`,
      [code],
    );
    await h.query(`DELETE FROM reactions WHERE reactor = 'mail' AND event_id = $1`, [warning.id]);
    await waitFor(
      async () =>
        (await h.count(`SELECT count(*) AS n FROM reactions WHERE reactor = 'mail' AND event_id = $1`, [
          warning.id,
        ])) === 1,
    );
    // The tracker logs the same deadline a second time (another event id).
    await logAsSystem(h, deadlineReached(code, '2025-03-21T08:32:00+07:00', 'warning', dossier.warningAt));
    // The apology asks twice, at once, for the same letter.
    await Promise.all([
      notifier(h).request(applicantMail(code, 'An.Nguyen@Example.vn')),
      notifier(h).request(applicantMail(code, 'an.nguyen@example.vn')),
    ]);
    await smtp.waitForMessages(before + 1);
    await h.waitForAllApplied();
    await sleep(1000);
    expect(smtp.messages).toHaveLength(before + 1);
    expect(smtp.messages.at(-1)!.rcptTo).toEqual(['an.nguyen@example.vn']);
    expect(await h.count('SELECT count(*) AS n FROM notifications WHERE dossier_code = $1', [code])).toBe(3);
  });

  it('a night-time warning is delivered at 07:00 of the next working day', async () => {
    // Friday 21/03/2025 21:30: the next opening is Monday 24/03 07:00.
    h.clock.set('2025-03-21T21:30:00+07:00');
    await logAsSystem(h, deadlineReached(code, '2025-03-21T21:30:00+07:00', 'warning'));
    const held = await waitFor(async () => {
      const r = await rows(h, `dossier_code = $1 AND kind = 'due_soon' AND key LIKE '%21:30%'`, [code]);
      return r.length === 2 ? r : null;
    });
    for (const r of held) {
      expect(r.status).toBe('pending');
      expect(r.not_before.toISOString()).toBe('2025-03-24T00:00:00.000Z');
    }
    const before = smtp.messages.length;
    await sleep(800);
    h.clock.set('2025-03-24T06:59:00+07:00');
    await sleep(800);
    expect(smtp.messages).toHaveLength(before);
    expect(smtp.dataSeen).toBe(before);

    h.clock.set('2025-03-24T07:00:00+07:00');
    const mails = await smtp.waitForMessages(before + 2);
    expect(
      mails
        .slice(before)
        .map((m) => m.rcptTo[0])
        .sort(),
    ).toEqual([UNIT_HEAD, UNIT_MAILBOX]);
    await waitFor(async () =>
      (await rows(h, `dossier_code = $1 AND key LIKE '%21:30%'`, [code])).every(
        (r) => r.status === 'sent' && r.sent_at?.toISOString() === '2025-03-24T00:00:00.000Z',
      ),
    );
  });

  it('the daily digest: scheduled every morning at the opening; its job lists the unit’s overdue dossiers to its head, once a day', async () => {
    const q = mailQueue(h);
    try {
      await waitFor(async () => (await q.getJobSchedulers()).length === 1);
      expect(await q.getJobSchedulers()).toEqual([
        expect.objectContaining({ key: 'daily-digest', pattern: '0 7 * * *', tz: 'Asia/Ho_Chi_Minh' }),
      ]);
      // Tuesday 25/03/2025 07:00: the dossier (due 24/03 08:30) is overdue, still held by the division.
      h.clock.set('2025-03-25T07:00:00+07:00');
      const before = smtp.messages.length;
      await q.add('daily-digest', { v: 1 });
      const [digest] = (await smtp.waitForMessages(before + 1)).slice(before);
      expect(digest.rcptTo).toEqual([UNIT_HEAD]);
      expect(digest.subject).toBe(
        '[Tổng hợp 25/03/2025] Phòng Việc làm – An toàn lao động: 1 hồ sơ quá hạn, 0 hồ sơ sắp đến hạn',
      );
      expect(digest.text).toContain(`${code} – thủ tục ${PROCEDURE} – hạn 24/03/2025 08:30`);
      // The job again the same morning (two workers, a retry): nobody gets it twice.
      await q.add('daily-digest', { v: 1 });
      await sleep(1000);
      expect(smtp.messages).toHaveLength(before + 1);
      expect(await h.count(`SELECT count(*) AS n FROM notifications WHERE kind = 'daily_digest'`)).toBe(1);
    } finally {
      await q.close();
    }
  });

  it('a letter for an applicant without a mailbox is stored to print and listed, never mailed', async () => {
    const before = smtp.dataSeen;
    await notifier(h).request({
      ...applicantMail(code, 'x@example.vn', 'letter'),
      to: { print: { name: 'Nguyễn Văn An', address: '12 Lê Lợi, TP Thanh Hóa' } },
    });
    const page = await h.get(`/api/v1/notifications?status=to_print`, await h.admin());
    expect(page.status).toBe(200);
    expect(page.body.items).toEqual([
      expect.objectContaining({
        dossierCode: code,
        kind: 'apology_letter',
        channel: 'print',
        status: 'to_print',
        recipient: 'Nguyễn Văn An — 12 Lê Lợi, TP Thanh Hóa',
        messageId: null,
        attempts: 0,
      }),
    ]);
    await sleep(500);
    expect(smtp.dataSeen).toBe(before);
  });
});

describe('GET /api/v1/notifications', () => {
  it('lists every mail with its recipient, kind, status, attempts, Message-ID and dates; paged; scoped like dossiers', async () => {
    const all = await h.get('/api/v1/notifications?limit=200', await h.admin());
    expect(all.status).toBe(200);
    // 2 warnings + 2 night warnings + the applicant's letter + the digest + the letter to print.
    expect(all.body.items).toHaveLength(7);
    const sent = all.body.items.find((i: { kind: string; status: string }) => i.kind === 'due_soon')!;
    expect(Object.keys(sent).sort()).toEqual(
      [
        'attempts',
        'channel',
        'createdAt',
        'dossierCode',
        'id',
        'kind',
        'messageId',
        'notBefore',
        'recipient',
        'sentAt',
        'status',
        'subject',
        'unitCode',
      ].sort(),
    );
    expect(sent.sentAt).toMatch(/\+07:00$/);

    const scoped = async (token: string, query = '') =>
      ((await h.get(`/api/v1/notifications?limit=200${query}`, token)).body.items as Array<{ kind: string }>)
        .map((i) => i.kind)
        .sort();
    const manager = await h.createUser('lanhdao.vp', ['manager'], ['LDTBXH.VP']);
    const division = await h.createUser('chuyenvien.vl', ['specialist'], [VLATLD]);
    const desk = await h.createUser('canbo.mc', ['officer'], [MC]);
    const elsewhere = await h.createUser('canbo.ncc', ['officer'], ['LDTBXH.NCC']);
    expect(await scoped(manager)).toHaveLength(7);
    // The division: the mails about the dossier (it passed through) and its own digest.
    expect(await scoped(division)).toHaveLength(7);
    // The desk: the mails about the dossier, not the division's digest.
    expect(await scoped(desk)).not.toContain('daily_digest');
    expect(await scoped(desk)).toHaveLength(6);
    expect(await scoped(elsewhere)).toEqual([]);

    expect(await scoped(await h.admin(), '&kind=daily_digest')).toEqual(['daily_digest']);
    expect(await scoped(await h.admin(), `&dossierCode=${code}&status=sent`)).toEqual([
      'apology_letter',
      'due_soon',
      'due_soon',
      'due_soon',
      'due_soon',
    ]);

    // Pages of 2, newest first, without repeats.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: HttpResult = await h.get(
        `/api/v1/notifications?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        await h.admin(),
      );
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((i: { id: string }) => i.id));
    expect(new Set(seen).size).toBe(7);

    const bad = await h.get('/api/v1/notifications?status=lost&cursor=nope', await h.admin());
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'cursor',
      'status',
    ]);
    expect((await h.get('/api/v1/notifications')).status).toBe(401);
  });
});

describe('the other staff mails', () => {
  const DESK = ['motcua.ldtbxh@motcua.example', 'truongbophan.motcua@motcua.example'];
  const byPrefix = (mails: Array<{ subject?: string; rcptTo: string[] }>, prefix: string) =>
    mails
      .filter((m) => m.subject?.startsWith(prefix))
      .map((m) => m.rcptTo[0])
      .sort();

  it('overdue (to the holding unit and the desk), a step overdue (to its unit), an apology awaiting signature (to the head)', async () => {
    h.clock.set('2025-03-25T09:00:00+07:00');
    const before = smtp.messages.length;
    const td = dossier.steps.find((st) => st.code === 'TD')!;
    await logAsSystem(h, deadlineReached(code, '2025-03-25T09:00:00+07:00', 'due', dossier.dueAt));
    await logAsSystem(
      h,
      deadlineReached(code, '2025-03-25T09:00:00+07:00', 'step_due', td.dueAt, {
        stepCode: 'TD',
        unitCode: VLATLD,
      }),
    );
    await logAsSystem(
      h,
      event(code, 'apology_drafted', '2025-03-25T09:00:00+07:00', {
        responsibleUnit: VLATLD,
        proposedNewDueAt: '2025-03-28T17:00:00+07:00',
      }),
    );
    const mails = (await smtp.waitForMessages(before + 7)).slice(before);
    await sleep(500);
    expect(smtp.messages).toHaveLength(before + 7);
    expect(byPrefix(mails, '[Quá hạn]')).toEqual([...DESK, UNIT_HEAD, UNIT_MAILBOX].sort());
    expect(byPrefix(mails, '[Quá hạn bước xử lý]')).toEqual([UNIT_HEAD, UNIT_MAILBOX]);
    expect(byPrefix(mails, '[Chờ ký]')).toEqual([UNIT_HEAD]);
    const overdue = mails.find((m) => m.subject?.startsWith('[Quá hạn]'))!;
    expect(overdue.subject).toBe(`[Quá hạn] Hồ sơ ${code} – đã quá hạn trả 24/03/2025 08:30`);
    const step = mails.find((m) => m.subject?.startsWith('[Quá hạn bước xử lý]'))!;
    expect(step.text).toMatch(new RegExp(`Hạn của bước: +${vn(td.dueAt)}`));
    const signature = mails.find((m) => m.subject?.startsWith('[Chờ ký]'))!;
    expect(signature.subject).toBe(`[Chờ ký] Phiếu xin lỗi hồ sơ ${code} – hẹn lại 28/03/2025 17:00`);
    expect(signature.text).toContain('Kính gửi: Ông/Bà Trần Thị Thu Hà – Phòng Việc làm – An toàn lao động,');
  });

  it('a missed re-appointment reaches the holding unit and the desk with the date the apology gave', async () => {
    const head = await h.createUser('truongphong.vl', ['unit_head'], [VLATLD]);
    const issued = await h.post(
      '/api/v1/events',
      event(code, 'apology_issued', '2025-03-25T09:00:00+07:00', {
        reason: 'Cần xác minh thêm hồ sơ của người lao động',
        newDueAt: '2025-03-28T17:00:00+07:00',
        signer: { name: 'Trần Thị Thu Hà', title: 'Trưởng phòng' },
        responsibleUnit: VLATLD,
      }),
      head,
    );
    expect([issued.status, issued.body]).toEqual([202, expect.anything()]);
    await h.waitForAllApplied();
    h.clock.set('2025-03-31T08:00:00+07:00');
    const before = smtp.messages.length;
    await logAsSystem(
      h,
      deadlineReached(code, '2025-03-31T08:00:00+07:00', 'rescheduled_due', '2025-03-28T17:00:00+07:00'),
    );
    const mails = (await smtp.waitForMessages(before + 4)).slice(before);
    expect(byPrefix(mails, '[Trễ hẹn lại]')).toEqual([...DESK, UNIT_HEAD, UNIT_MAILBOX].sort());
    expect(mails[0].subject).toBe(`[Trễ hẹn lại] Hồ sơ ${code} – đã quá ngày hẹn lại 28/03/2025 17:00`);
  });
});

describe('units name their head', () => {
  it('GET /api/v1/units gives each unit’s head; PUT changes it', async () => {
    const units = (await h.get('/api/v1/units', await h.admin())).body as Array<Record<string, unknown>>;
    expect(units.find((u) => u.code === VLATLD)).toMatchObject({
      email: UNIT_MAILBOX,
      headName: 'Trần Thị Thu Hà',
      headEmail: UNIT_HEAD,
    });
    const put = await h.put(
      `/api/v1/units/${VLATLD}`,
      {
        name: 'Phòng Việc làm – An toàn lao động',
        parentCode: 'LDTBXH',
        email: UNIT_MAILBOX,
        kind: 'department',
        headName: 'Trần Văn Mới',
        headEmail: 'tran.van.moi@motcua.example',
      },
      await h.admin(),
    );
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ headName: 'Trần Văn Mới', headEmail: 'tran.van.moi@motcua.example' });
  });
});
