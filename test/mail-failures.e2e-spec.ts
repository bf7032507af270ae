/**
 * Issue 8, mail: what the SMTP relay does wrong, against a real SMTP server. Down then up, 4xx for a while: the
 * mail is retried with backoff and delivered once. A 5xx: recorded as a permanent failure, shown in the list and
 * in the dossier's timeline. The connection cut after DATA (the relay kept the mail, the "250" never came): the
 * resend carries the same Message-ID. A job lost from Redis: the relay re-drives the row.
 */
import { MC, newDossierCode, received } from './support/events';
import { Harness, sleep, waitFor } from './support/harness';
import { applicantMail, mailConfig, mailQueue, notifier, rows, type Row } from './support/mail';
import { TestSmtpServer } from './support/smtp-server';

let smtp: TestSmtpServer;
let h: Harness;

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  h = await Harness.start({
    now: '2025-03-20T10:00:00+07:00',
    config: {
      ...mailConfig(smtp.url),
      worker: { concurrency: 8, relayIntervalMs: 100, relayGraceMs: 500, relayStaleMs: 1000 },
    },
  });
});

afterEach(() => smtp.reset());

afterAll(async () => {
  await h?.stop();
  await smtp?.stop();
});

/** A dossier received at the desk, and the applicant's mail about it requested through the Notifier. */
async function requestMail(email: string): Promise<{ code: string; row: () => Promise<Row> }> {
  const code = newDossierCode('H57.12-250318');
  expect(
    (await h.post('/api/v1/events', received(code, '2025-03-18T08:30:00+07:00'), await h.admin())).status,
  ).toBe(202);
  await h.waitForAllApplied();
  await notifier(h).request(applicantMail(code, email));
  return { code, row: async () => (await rows(h, 'dossier_code = $1', [code]))[0] };
}

const fromTo = (to: string) => smtp.messages.filter((m) => m.rcptTo.includes(to));

describe('the relay misbehaves', () => {
  it('the SMTP server down, then up: the mail is retried, then delivered once', async () => {
    await smtp.stop();
    const { row } = await requestMail('down.then.up@example.vn');
    await waitFor(async () => (await row()).attempts >= 2, 20_000, 'two refused attempts');
    expect(await row()).toMatchObject({ status: 'pending' });
    expect((await row()).last_error).toMatch(/ECONNREFUSED/);

    await smtp.restart();
    await waitFor(async () => (await row()).status === 'sent', 20_000, 'the mail to be sent');
    await sleep(1000);
    expect(fromTo('down.then.up@example.vn')).toHaveLength(1);
    expect(fromTo('down.then.up@example.vn')[0].messageId).toBe((await row()).message_id);
  });

  it('4xx for a while, then delivered (the attempts and the last 4xx are shown)', async () => {
    smtp.refuse({ code: 451, message: '4.3.0 Mailbox busy, try again later', forMs: 1500 });
    const { code, row } = await requestMail('busy@example.vn');
    await waitFor(async () => (await row()).status === 'sent', 20_000, 'the mail to be sent');
    expect(fromTo('busy@example.vn')).toHaveLength(1);
    const r = await row();
    expect(r.attempts).toBeGreaterThan(1);
    expect(r.last_error).toMatch(/^451 4\.3\.0 Mailbox busy/);
    const listed = await h.get(`/api/v1/notifications?dossierCode=${code}`, await h.admin());
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        status: 'sent',
        attempts: r.attempts,
        lastError: r.last_error,
        messageId: r.message_id,
      }),
    ]);
  });

  it('5xx is recorded as failed and shown: notification_failed in the timeline, status failed in the list', async () => {
    smtp.refuse({ code: 550, message: '5.1.1 No such mailbox', domain: 'nowhere.example' });
    const { code, row } = await requestMail('ghost@nowhere.example');
    await waitFor(async () => (await row()).status === 'failed', 20_000, 'the mail to fail');
    await sleep(1000);
    const r = await row();
    expect(r).toMatchObject({ attempts: 1, last_error: '550 5.1.1 No such mailbox' });
    expect(smtp.refused).toBe(1);
    expect(fromTo('ghost@nowhere.example')).toEqual([]);

    const admin = await h.admin();
    const listed = await h.get(`/api/v1/notifications?status=failed&dossierCode=${code}`, admin);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        recipient: 'ghost@nowhere.example',
        status: 'failed',
        attempts: 1,
        lastError: '550 5.1.1 No such mailbox',
      }),
    ]);
    expect(listed.body.items[0].failedAt).toMatch(/\+07:00$/);
    await waitFor(async () => {
      const t = (await h.get(`/api/v1/dossiers/${code}`, admin)).body.timeline as Array<{ type: string }>;
      return t.some((e) => e.type === 'notification_failed');
    });
    const [failed] = await h.query<{ actor: string; data: Record<string, unknown> }>(
      `SELECT actor, data FROM dossier_events WHERE dossier_code = $1 AND type = 'notification_failed'`,
      [code],
    );
    expect(failed).toEqual({
      actor: 'system',
      data: {
        notificationId: r.id,
        kind: 'apology_letter',
        recipient: 'ghost@nowhere.example',
        error: '550 5.1.1 No such mailbox',
      },
    });
  });

  it('the connection dropped after DATA (the relay kept it, no "250"): resent with the same Message-ID, sent once', async () => {
    smtp.dropAfterData(1);
    const { code, row } = await requestMail('dropped@example.vn');
    await waitFor(async () => (await row()).status === 'sent', 20_000, 'the mail to be sent');
    const copies = fromTo('dropped@example.vn');
    expect(copies).toHaveLength(2);
    expect(new Set(copies.map((m) => m.messageId))).toEqual(new Set([(await row()).message_id]));
    expect((await row()).attempts).toBe(2);
    await waitFor(
      async () =>
        (await h.count(
          `SELECT count(*) AS n FROM dossier_events WHERE dossier_code = $1 AND type = 'notification_sent'`,
          [code],
        )) === 1,
    );
  });
});

describe('the mail outbox relay', () => {
  it('re-drives a row whose job was lost from Redis', async () => {
    const q = mailQueue(h);
    try {
      await q.pause();
      const { row } = await requestMail('lost.job@example.vn');
      const jobId = `mail-${(await row()).id}`;
      expect(await q.getJobState(jobId)).toBe('waiting');
      await q.remove(jobId); // as Redis losing it
      expect(await q.getJobState(jobId)).toBe('unknown');
      await q.resume();
      await waitFor(async () => (await row()).status === 'sent', 20_000, 'the re-driven mail to be sent');
      expect(fromTo('lost.job@example.vn')).toHaveLength(1);
      expect((await row()).attempts).toBe(1);
    } finally {
      await q.resume();
      await q.close();
    }
  });

  it('a pending mail claimed while Redis was away gets its job from the relay', async () => {
    const code = newDossierCode('H57.12-250318');
    expect(
      (await h.post('/api/v1/events', received(code, '2025-03-18T08:30:00+07:00'), await h.admin())).status,
    ).toBe(202);
    await h.waitForAllApplied();
    // As a claim whose enqueue failed: the row alone, no job.
    await h.query(
      `INSERT INTO notifications (id, dossier_code, kind, key, recipient, channel, audience, unit_code, subject,
              body_text, status, message_id, not_before, created_at)
       VALUES (gen_random_uuid(), $1, 'overdue', 'k', 'no.job@example.vn', 'email', 'staff', $2, 'Quá hạn', 'x',
               'pending', '<no-job@motcua.example>', '2025-03-01T08:00:00+07:00', '2025-03-01T08:00:00+07:00')`,
      [code, MC],
    );
    await waitFor(async () => fromTo('no.job@example.vn').length === 1, 20_000, 'the relay to send it');
    expect(fromTo('no.job@example.vn')[0].messageId).toBe('<no-job@motcua.example>');
  });
});
