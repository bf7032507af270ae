import { DOSSIER } from '../testing/mail.fakes';
import { mailWorld } from '../testing/mail-world';
import type { NotificationRequest } from './notifier';

const request = (over: Partial<NotificationRequest> = {}): NotificationRequest => ({
  dossierCode: DOSSIER,
  kind: 'due_soon',
  key: 'warning@2025-03-05T08:30:00+07:00',
  to: { email: 'VieclAm@motcua.example ', name: 'Phòng Việc làm' },
  subject: 'Hồ sơ sắp đến hạn',
  text: 'Kính gửi …',
  audience: 'staff',
  unitCode: 'LDTBXH.VLATLD',
  ...over,
});

describe('MailOutbox (the Notifier): claimed first, then delivered', () => {
  it('the same request twice claims one row and enqueues one job, with a Message-ID from the row id', async () => {
    const w = mailWorld('2025-03-05T09:00:00+07:00');
    await w.outbox.request(request());
    await w.outbox.request(request({ to: { email: 'vieclam@motcua.example' } }));
    expect(w.notifications.rows.size).toBe(1);
    const [row] = w.notifications.rows.values();
    expect(row).toMatchObject({ recipient: 'vieclam@motcua.example', status: 'pending', channel: 'email' });
    expect(row.messageId).toBe(`<${row.id}@motcua.example>`);
    expect(w.queue.enqueued).toEqual([row.id]);
    // Another key (another deadline) is another mail.
    await w.outbox.request(request({ key: 'warning@2025-03-12T08:30:00+07:00' }));
    expect(w.notifications.rows.size).toBe(2);
  });

  it('a staff mail requested at night waits for the next opening; an applicant’s leaves at once', async () => {
    // Thursday 2025-03-06 22:00: the office opens again on Friday at 07:00.
    const w = mailWorld('2025-03-06T22:00:00+07:00');
    await w.outbox.request(request());
    await w.outbox.request(
      request({ kind: 'apology_letter', audience: 'applicant', to: { email: 'an@example.vn' } }),
    );
    const staff = w.notifications.byKind('due_soon')[0];
    const applicant = w.notifications.byKind('apology_letter')[0];
    expect(staff.notBefore).toBe(Date.parse('2025-03-07T07:00:00+07:00'));
    expect(applicant.notBefore).toBe(w.clock.now());
    expect(w.queue.enqueued).toEqual([applicant.id]);
    // Saturday night: the next opening is Monday 07:00.
    const weekend = mailWorld('2025-03-08T23:30:00+07:00');
    await weekend.outbox.request(request());
    expect([...weekend.notifications.rows.values()][0].notBefore).toBe(
      Date.parse('2025-03-10T07:00:00+07:00'),
    );
  });

  it('a letter for an applicant without a mailbox is stored to print, never queued', async () => {
    const w = mailWorld();
    await w.outbox.request(
      request({
        kind: 'apology_letter',
        audience: 'applicant',
        to: { print: { name: 'Nguyễn Văn An', address: '12 Lê Lợi, Thanh Hóa' } },
      }),
    );
    const [row] = w.notifications.rows.values();
    expect(row).toMatchObject({
      channel: 'print',
      status: 'to_print',
      recipient: 'Nguyễn Văn An — 12 Lê Lợi, Thanh Hóa',
      messageId: null,
    });
    expect(w.queue.enqueued).toEqual([]);
    expect(await w.relay.pass()).toMatchObject({ enqueued: 0 });
  });

  it('with Redis away the claim stands and the relay enqueues it later', async () => {
    const w = mailWorld();
    w.queue.failing = true;
    await w.outbox.request(request());
    expect(w.notifications.rows.size).toBe(1);
    expect(w.queue.enqueued).toEqual([]);
    w.queue.failing = false;
    expect(await w.relay.pass()).toMatchObject({ enqueued: 1 });
    expect(await w.relay.pass()).toMatchObject({ enqueued: 0 });
  });
});
