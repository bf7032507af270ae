/**
 * Issue 12, seen in every full-size chaos run: the mail relay re-drove tens of mails a pass "whose delivery job was
 * lost". The load crosses the office's closing time; a staff mail whose job runs after it is held until the next
 * opening and its job ends. The relay, reading the row before the hold and the job after it, took the held mail
 * for a lost one, re-drove it, and then marked it seen, which undid the hold.
 */
import { NotificationRepository } from '@motcua/database';
import { Harness } from './support/harness';
import { applicantMail, notifier } from './support/mail';

let h: Harness;

beforeAll(async () => {
  h = await Harness.start({ worker: false });
});

afterAll(async () => {
  await h?.stop();
});

describe('the mail relay’s bookkeeping around a held mail', () => {
  it('counts a held mail as neither lost nor seen, and a pending one with a job as both', async () => {
    await notifier(h).request(applicantMail('H57.12-250320-0001', 'held@example.vn', 'held'));
    await notifier(h).request(applicantMail('H57.12-250320-0001', 'waiting@example.vn', 'waiting'));
    const rows = await h.query<{ id: string; recipient: string }>('SELECT id, recipient FROM notifications');
    const id = (r: string) => rows.find((x) => x.recipient === r)!.id;
    const [held, waiting] = [id('held@example.vn'), id('waiting@example.vn')];
    const repo = h.api.get(NotificationRepository);
    await h.query(`UPDATE notifications SET job_seen_at = now() - interval '1 hour'`);
    // The job of the first runs after closing: held until the next opening (the audience does not matter here).
    await repo.hold(held, Date.parse('2025-03-21T07:00:00+07:00'));
    expect(await repo.pendingWithJob([held, waiting])).toEqual([waiting]);
    await repo.markChecked([held, waiting]);
    const seen = await h.query<{ id: string; seen: boolean | null }>(
      `SELECT id, job_seen_at > now() - interval '1 minute' AS seen FROM notifications`,
    );
    expect(Object.fromEntries(seen.map((r) => [r.id, r.seen]))).toEqual({ [held]: null, [waiting]: true });
  });
});
