/**
 * Issue 8, mail: the worker killed with SIGKILL while it sends a mail (the relay holds its answer to DATA), then
 * restarted: BullMQ gives the stalled job to the new worker, which sends the mail again with the same
 * Message-ID. The mail arrives once; and if the relay had kept the first copy (its "250" never reached the dead
 * worker), both copies carry one Message-ID, so the recipient's mail client shows one mail.
 */
import type { ChildProcess } from 'node:child_process';
import { newDossierCode, received } from './support/events';
import { Harness, killChild, sleep, waitFor } from './support/harness';
import { applicantMail, mailConfig, notifier, rows } from './support/mail';
import { TestSmtpServer } from './support/smtp-server';
import { startWorkerProcess } from './support/worker';

let smtp: TestSmtpServer;
let h: Harness;
let env: Record<string, string>;

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  h = await Harness.start({ worker: false, now: '2025-03-20T10:00:00+07:00', config: mailConfig(smtp.url) });
  env = { SMTP_URL: smtp.url, MAIL_BACKOFF_MS: '200', MAIL_ATTEMPTS: '6', RELAY_STALE_MS: '1000' };
});

afterEach(async () => {
  smtp.reset();
  await h?.killChildren();
});

afterAll(async () => {
  await h?.stop();
  await smtp?.stop();
});

/** A dossier, a worker that applied it, and the applicant's mail under way, held by the relay mid-DATA. */
async function killedWhileSending(email: string, keepIfClientGone: boolean) {
  let worker: ChildProcess = await startWorkerProcess(h, env);
  const code = newDossierCode('H57.12-250319');
  expect(
    (await h.post('/api/v1/events', received(code, '2025-03-19T08:30:00+07:00'), await h.admin())).status,
  ).toBe(202);
  await h.waitForAllApplied();
  const row = async () => (await rows(h, 'dossier_code = $1', [code]))[0];

  const hold = smtp.holdData({ keepIfClientGone });
  await notifier(h).request(applicantMail(code, email));
  await hold.reached; // the worker has sent the whole message and waits for the relay's answer
  expect(await row()).toMatchObject({ status: 'pending', attempts: 1 });
  await killChild(worker, 'SIGKILL');
  expect(worker.signalCode).toBe('SIGKILL');
  await waitFor(() => smtp.openConnections === 0, 10_000, 'the relay to see the worker gone');
  hold.release();
  await sleep(200);

  worker = await startWorkerProcess(h, env);
  await waitFor(async () => (await row()).status === 'sent', 90_000, 'the restarted worker to send it', 250);
  await sleep(1000);
  return { code, row: await row(), worker };
}

describe('the worker killed while sending a mail', () => {
  it('killed (kill -9) mid-DATA and restarted: exactly one mail with one Message-ID', async () => {
    const { code, row, worker } = await killedWhileSending('crash@example.vn', false);
    const mails = smtp.messages.filter((m) => m.rcptTo.includes('crash@example.vn'));
    expect(mails).toHaveLength(1);
    expect(mails[0].messageId).toBe(row.message_id);
    expect(row.attempts).toBe(2);
    expect(
      await h.count(
        `SELECT count(*) AS n FROM dossier_events WHERE dossier_code = $1 AND type = 'notification_sent'`,
        [code],
      ),
    ).toBe(1);
    await killChild(worker, 'SIGTERM');
  }, 150_000);

  it('killed after the relay kept the mail, before its "250" arrived: the resend carries the same Message-ID', async () => {
    const { code, row, worker } = await killedWhileSending('kept@example.vn', true);
    const mails = smtp.messages.filter((m) => m.rcptTo.includes('kept@example.vn'));
    expect(mails).toHaveLength(2);
    expect(new Set(mails.map((m) => m.messageId))).toEqual(new Set([row.message_id]));
    expect(
      await h.count(
        `SELECT count(*) AS n FROM dossier_events WHERE dossier_code = $1 AND type = 'notification_sent'`,
        [code],
      ),
    ).toBe(1);
    await killChild(worker, 'SIGTERM');
  }, 150_000);
});
