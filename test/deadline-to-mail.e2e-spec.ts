/**
 * Issue 8, the whole path from a dossier falling due to a parsed email with its attachment, with nothing simulated:
 * the worker's deadline tracker (its BullMQ delayed timers, armed by the job scheduler's sweep every second) logs
 * each `deadline_reached` itself, the reactors draft or issue the apology and request the mails, and the worker
 * delivers them over SMTP to a real server (test/support/smtp-server.ts) whose messages are parsed with mailparser.
 * The worker keeps the mail outbox as its Notifier (`notifier: 'outbox'`), as in production.
 *
 * Time: the clock is set five seconds before each instant and runs (test/support/tracker.ts), so the sweep arms the
 * instant's timer and it comes after those real seconds. The warning (Fri 08:30) and the due instant (Mon 08:30)
 * fall inside office hours (07:00–11:30, 13:30–17:00); the apology deadline is always the close of a working day
 * (17:00), so the head's "awaiting signature" mail is held until the next opening, Monday 07:00, as designed.
 */
import { apologySettingsSchema } from '@motcua/contracts';
import { event, forwarded, MC, newDossierCode, received, VLATLD } from './support/events';
import { Harness, sleep, waitFor } from './support/harness';
import { mailConfig, rows, vn } from './support/mail';
import { flat, getBytes, pdfText } from './support/pdf';
import { TestSmtpServer, type ReceivedMail } from './support/smtp-server';
import { armedTimers, reachedEvents, waitForReached } from './support/tracker';

const t = (s: string) => Date.parse(s);
const APPLICANT = 'an.nguyen@example.vn';
const UNIT_MAILBOX = 'vieclam.atld.ldtbxh@motcua.example';
const UNIT_HEAD = 'truongphong.vieclam@motcua.example';
const DESK = ['motcua.ldtbxh@motcua.example', 'truongbophan.motcua@motcua.example'];
const WORK_PERMIT = 'Cấp giấy phép lao động đối với người lao động nước ngoài làm việc tại Việt Nam';
const SO = 'Sở Lao động – Thương binh và Xã hội';
const TITLE_2018 = 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ';
const WARNING = '2025-03-21T08:30:00+07:00';
const APOLOGY_DEADLINE = '2025-03-21T17:00:00+07:00';
const DUE = '2025-03-24T08:30:00+07:00';

/** The API and the worker with the tracker on (its own sweep every second), real mail, fast relays. */
function start(now: string, smtp: TestSmtpServer, apology?: Record<string, unknown>): Promise<Harness> {
  return Harness.start({
    now,
    notifier: 'outbox',
    config: {
      ...mailConfig(smtp.url),
      worker: { concurrency: 8, relayIntervalMs: 100, relayGraceMs: 500, relayStaleMs: 1000 },
      tracker: { enabled: true, horizonMs: 3_600_000, sweepIntervalMs: 1000 },
      ...(apology ? { apology: apologySettingsSchema.parse(apology) } : {}),
    },
  });
}

/**
 * 1.014199 (10 working days) received Mon 10/03/2025 08:30 from an applicant with a mailbox, at the division since
 * 10:00, in its review step (DY, 11 h) since Thu 20/03 16:00: warning Fri 21/03 08:30, apology deadline Fri 17:00,
 * due Mon 24/03 08:30, DY due Mon 09:00. One batch: the tracker never sees the history half logged.
 */
async function logDossier(h: Harness, code: string): Promise<void> {
  const events = [
    received(code, '2025-03-10T08:30:00+07:00', {
      applicant: { name: 'Nguyễn Văn An', phone: '0912345678', email: APPLICANT },
    }),
    forwarded(code, '2025-03-10T10:00:00+07:00', MC, VLATLD),
    forwarded(code, '2025-03-20T16:00:00+07:00', VLATLD, VLATLD, { stepCode: 'DY' }),
  ];
  expect((await h.post('/api/v1/events/batch', { events }, await h.admin())).status).toBe(200);
  await h.waitForAllApplied();
  const d = (await h.get(`/api/v1/dossiers/${code}`, await h.admin())).body;
  expect(d).toMatchObject({ dueAt: DUE, warningAt: WARNING, apology: { deadline: APOLOGY_DEADLINE } });
}

/** Stops the clock `leadMs` before `instant` and lets it run. */
function runUpTo(h: Harness, instant: string, leadMs = 5000): void {
  h.clock.stop();
  h.clock.set(t(instant) - leadMs);
  h.clock.run();
}

/** The clock's reading when the SMTP server kept `m` (a running clock is real time plus a constant offset). */
const clockAt = (h: Harness, m: ReceivedMail) => m.receivedAt + h.clock.now() - Date.now();

/** Mailed at the clock's reading `at`: after `instant`, within a few seconds. */
const within = (at: number, instant: string) => at >= t(instant) && at < t(instant) + 5000;

const to = (mails: ReceivedMail[]) => mails.map((m) => m.rcptTo.join()).sort();

/** The kinds of the outbox's rows, oldest first. */
const kinds = async (h: Harness) => (await rows(h)).map((r) => r.kind);

/** Every message the server kept is one `sent` row of the outbox, with the row's Message-ID; nothing else. */
async function mailsAreTheRows(h: Harness, smtp: TestSmtpServer): Promise<void> {
  const stored = await rows(h);
  expect(stored.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  expect(smtp.messages.map((m) => [m.messageId, m.rcptTo]).sort()).toEqual(
    stored.map((r) => [r.message_id, [r.recipient]]).sort(),
  );
  for (const r of stored) expect(r.message_id).toBe(`<${r.id}@motcua.example>`);
}

/** The applicant's mail: the notice, and the letter attached as the PDF GET …/apology.pdf serves (stored as sent). */
async function expectLetterMail(h: Harness, mail: ReceivedMail, code: string, parts: string[]) {
  expect(mail.rcptTo).toEqual([APPLICANT]);
  expect(mail.subject).toBe(`${SO} gửi Ông/Bà phiếu xin lỗi và hẹn lại ngày trả kết quả – hồ sơ ${code}`);
  expect(mail.parsed.attachments).toHaveLength(1);
  const [a] = mail.parsed.attachments;
  expect([a.filename, a.contentType]).toEqual([`mau-04-${code}.pdf`, 'application/pdf']);
  const served = await getBytes(h.baseUrl, `/api/v1/dossiers/${code}/apology.pdf`, await h.admin());
  expect(a.content.equals(served.bytes)).toBe(true);
  const text = flat(pdfText(a.content));
  for (const part of [TITLE_2018, code, 'Nguyễn Văn An', ...parts]) expect(text).toContain(part);
}

describe('from the tracker’s deadlines to parsed mails (the apology signed by staff)', () => {
  let smtp: TestSmtpServer;
  let h: Harness;
  const code = newDossierCode('H57.12-250310');

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    // Friday 07:00: the warning is 90 minutes ahead, beyond the tracker's one-hour horizon.
    h = await start('2025-03-21T07:00:00+07:00', smtp);
    await logDossier(h, code);
  });
  afterAll(async () => {
    await h?.stop();
    await smtp?.stop();
  });

  it('the warning instant: the tracker logs it, and the division and its head each get one parsed “due soon” mail', async () => {
    expect(await reachedEvents(h, code)).toEqual([]);
    expect(smtp.messages).toEqual([]);
    runUpTo(h, WARNING);
    // Nothing armed it when the dossier was logged (beyond the horizon): the worker's sweep arms the delayed job.
    await waitFor(
      async () => (await armedTimers(h, code)).some((j) => j.kind === 'warning' && j.at === t(WARNING)),
      4000,
      'the sweep to arm the warning’s timer',
      20,
    );
    const warning = await waitForReached(h, code, 'warning');
    const mails = await smtp.waitForMessages(2);
    const arrived = mails.map((m) => clockAt(h, m));
    h.clock.stop();
    expect(warning).toMatchObject({ actor: 'system', at: t(WARNING) });
    expect(warning.occurredAt - t(WARNING)).toBeLessThan(2000);
    for (const at of arrived) expect(within(at, WARNING)).toBe(true);
    expect(to(mails)).toEqual([UNIT_HEAD, UNIT_MAILBOX]);
    for (const m of mails) {
      expect(m.subject).toBe(`[Sắp đến hạn] Hồ sơ ${code} – hạn trả 24/03/2025 08:30`);
      expect(m.html).toContain(`<a href="https://motcua.example/api/v1/dossiers/${code}">`);
      for (const part of [
        `Hồ sơ ${code} sắp đến hạn trả kết quả (24/03/2025 08:30).`,
        `Thủ tục:           ${WORK_PERMIT} (1.014199)`,
        'Người nộp:         Nguyễn Văn An',
        `Hạn trả kết quả:   ${vn(DUE)}`,
        `Xem hồ sơ: https://motcua.example/api/v1/dossiers/${code}`,
      ])
        expect(m.text).toContain(part);
    }
    const greeting = (rcpt: string) => mails.find((m) => m.rcptTo[0] === rcpt)!.text;
    expect(greeting(UNIT_MAILBOX)).toContain('Kính gửi: Phòng Việc làm – An toàn lao động,');
    expect(greeting(UNIT_HEAD)).toContain(
      'Kính gửi: Ông/Bà Trần Thị Thu Hà – Phòng Việc làm – An toàn lao động,',
    );

    // The timeline: the deadline and both mails, each the system's own entry.
    const entries = await waitFor(async () => {
      const tl = (await h.get(`/api/v1/dossiers/${code}`, await h.admin())).body.timeline;
      const own = (tl as Array<Record<string, string>>).filter((e) =>
        /^(deadline|notification)/.test(e.type),
      );
      return own.length === 3 ? own.map((e) => [e.type, e.actor, e.reason]) : null;
    });
    expect(entries).toEqual([
      ['deadline_reached', 'system', 'Sắp đến hạn (cảnh báo lúc 21/03/2025 08:30)'],
      ['notification_sent', 'system', undefined],
      ['notification_sent', 'system', undefined],
    ]);
    await mailsAreTheRows(h, smtp);
  });

  it('the apology deadline: the tracker logs it, the draft awaits the head’s signature (mailed at the next opening); signed through the API, the letter reaches the applicant attached', async () => {
    runUpTo(h, APOLOGY_DEADLINE);
    const reached = await waitForReached(h, code, 'apology_deadline');
    expect(reached).toMatchObject({ actor: 'system', at: t(APOLOGY_DEADLINE) });
    expect(reached.occurredAt - t(APOLOGY_DEADLINE)).toBeLessThan(2000);
    const draft = await waitFor(async () => {
      const res = await h.get(`/api/v1/dossiers/${code}/apology`, await h.admin());
      return res.body.status === 'drafted' ? res.body : null;
    });
    h.clock.stop();
    expect(draft).toMatchObject({
      deadline: APOLOGY_DEADLINE,
      responsibleUnit: { code: VLATLD },
      procedure: { code: '1.014199', name: WORK_PERMIT },
      addressee: { name: 'Nguyễn Văn An', email: APPLICANT },
    });
    // Drafted after the close (17:00): the head's mail waits for Monday 07:00.
    const held = await waitFor(async () => {
      const r = await rows(h, `kind = 'apology_awaiting_signature'`);
      return r.length > 0 && r.map((x) => [x.recipient, x.status, x.not_before.toISOString()]);
    });
    expect(held).toEqual([[UNIT_HEAD, 'pending', '2025-03-24T00:00:00.000Z']]);
    await sleep(500);
    expect(smtp.messages).toHaveLength(2);

    runUpTo(h, '2025-03-24T07:00:00+07:00', 1000);
    const [signature] = (await smtp.waitForMessages(3)).slice(2);
    expect(clockAt(h, signature)).toBeGreaterThanOrEqual(t('2025-03-24T07:00:00+07:00'));
    h.clock.stop();
    expect(signature.rcptTo).toEqual([UNIT_HEAD]);
    expect(signature.subject).toBe(`[Chờ ký] Phiếu xin lỗi hồ sơ ${code} – hẹn lại ${vn(draft.newDueAt)}`);
    expect(signature.text).toContain('Kính gửi: Ông/Bà Trần Thị Thu Hà – Phòng Việc làm – An toàn lao động,');

    // The head signs at 07:05 as the draft proposed; the worker mails the letter to the applicant at once.
    h.clock.set('2025-03-24T07:05:00+07:00');
    const head = await h.createUser('truongphong.vl', ['unit_head'], [VLATLD]);
    const issued = await h.post(
      '/api/v1/events',
      event(code, 'apology_issued', '2025-03-24T07:05:00+07:00', {
        reason: draft.suggestedReason,
        newDueAt: draft.newDueAt,
        signer: { name: 'Lê Văn Cường', title: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' },
        responsibleUnit: VLATLD,
      }),
      head,
    );
    expect(issued.status).toBe(202);
    const [letter] = (await smtp.waitForMessages(4)).slice(3);
    await expectLetterMail(h, letter, code, [`lý do: ${draft.suggestedReason}.`, 'Lê Văn Cường']);
    expect((await h.get(`/api/v1/dossiers/${code}/apology`, await h.admin())).body).toMatchObject({
      status: 'issued',
      classification: 'late',
      issuedAt: '2025-03-24T07:05:00+07:00',
    });
    await mailsAreTheRows(h, smtp);
  });

  it('the due instant: overdue within 2 s, one overdue mail to each mailbox of the division and the desk; nothing mailed twice', async () => {
    runUpTo(h, DUE);
    const due = await waitForReached(h, code, 'due');
    const view = await waitFor(async () => {
      const d = (await h.get(`/api/v1/dossiers/${code}`, await h.admin())).body;
      return d.sla.state === 'overdue' ? d : null;
    });
    // applied_at is PostgreSQL's real time; the running clock is real time plus a constant offset.
    const appliedAfterDue = due.appliedAt! + h.clock.now() - Date.now() - t(DUE);
    const mails = (await smtp.waitForMessages(8)).slice(4);
    const arrived = mails.map((m) => clockAt(h, m));
    h.clock.stop();
    expect(due).toMatchObject({ actor: 'system', at: t(DUE) });
    expect(appliedAfterDue).toBeGreaterThanOrEqual(0);
    expect(appliedAfterDue).toBeLessThan(2000);
    expect(view.sla.state).toBe('overdue');
    for (const at of arrived) expect(within(at, DUE)).toBe(true);
    expect(to(mails)).toEqual([...DESK, UNIT_HEAD, UNIT_MAILBOX].sort());
    for (const m of mails)
      expect(m.subject).toBe(`[Quá hạn] Hồ sơ ${code} – đã quá hạn trả 24/03/2025 08:30`);

    // Once each: three deadlines, four kinds of mail, every message one row.
    await h.waitForAllApplied();
    await sleep(1000);
    expect((await reachedEvents(h, code)).map((r) => [r.kind, r.actor])).toEqual([
      ['warning', 'system'],
      ['apology_deadline', 'system'],
      ['due', 'system'],
    ]);
    expect(smtp.messages).toHaveLength(8);
    expect(await kinds(h)).toEqual([
      'due_soon',
      'due_soon',
      'apology_awaiting_signature',
      'apology_letter',
      ...Array(4).fill('overdue'),
    ]);
    await mailsAreTheRows(h, smtp);
  });
});

describe('apology.autoIssue: at the apology deadline the system issues the letter and mails it itself', () => {
  let smtp: TestSmtpServer;
  let h: Harness;
  const code = newDossierCode('H57.12-250310');

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    h = await start('2025-03-21T16:59:00+07:00', smtp, {
      autoIssue: true,
      autoIssueSigner: { name: 'Nguyễn Văn Bình', title: 'GIÁM ĐỐC' },
    });
  });
  afterAll(async () => {
    await h?.stop();
    await smtp?.stop();
  });

  it('the tracker reaches the deadline, the system issues the letter on time, the applicant gets it attached, once', async () => {
    // Logged at 16:59, after its warning: the tracker acts at it at once, inside office hours (two mails).
    await logDossier(h, code);
    await smtp.waitForMessages(2);
    runUpTo(h, APOLOGY_DEADLINE);
    const reached = await waitForReached(h, code, 'apology_deadline');
    const [letter] = (await smtp.waitForMessages(3)).slice(2);
    const sentAt = clockAt(h, letter);
    h.clock.stop();
    expect(reached).toMatchObject({ actor: 'system', at: t(APOLOGY_DEADLINE) });
    // Applicants' mails are not held for office hours: it left just after the close.
    expect(within(sentAt, APOLOGY_DEADLINE)).toBe(true);
    await expectLetterMail(h, letter, code, ['Nguyễn Văn Bình', 'GIÁM ĐỐC', 'ngày 21 tháng 03 năm 2025']);
    const apology = (await h.get(`/api/v1/dossiers/${code}/apology`, await h.admin())).body;
    expect(apology).toMatchObject({
      status: 'issued',
      classification: 'on_time',
      issuedAt: APOLOGY_DEADLINE,
      signer: { name: 'Nguyễn Văn Bình', title: 'GIÁM ĐỐC' },
    });
    const [row] = await h.query(
      `SELECT actor FROM dossier_events WHERE dossier_code = $1 AND type = 'apology_issued'`,
      [code],
    );
    expect(row.actor).toBe('system');

    await h.waitForAllApplied();
    await sleep(1000);
    expect(smtp.messages).toHaveLength(3);
    expect(await kinds(h)).toEqual(['due_soon', 'due_soon', 'apology_letter']);
    expect(await h.count(`SELECT count(*) AS n FROM dossier_events WHERE type = 'apology_drafted'`)).toBe(0);
    await mailsAreTheRows(h, smtp);
  });
});
