import { DOSSIER } from '../testing/mail.fakes';
import { mailWorld } from '../testing/mail-world';
import { DeliveryDeferred } from './deliver-notification.use-case';
import { notificationEventId } from './notification-ids';

async function world() {
  const w = mailWorld('2025-03-05T09:00:00+07:00');
  await w.receive();
  await w.outbox.request({
    dossierCode: DOSSIER,
    kind: 'due_soon',
    key: 'warning@x',
    to: { email: 'vieclam@motcua.example', name: 'Phòng Việc làm' },
    subject: 'Hồ sơ sắp đến hạn',
    text: 'Kính gửi …',
    audience: 'staff',
  });
  const id = [...w.notifications.rows.keys()][0];
  return { w, id, row: () => w.notifications.rows.get(id)! };
}

const timeline = (w: Awaited<ReturnType<typeof world>>['w']) =>
  w.store.rows.filter((r) => r.type.startsWith('notification_'));

describe('DeliverNotification', () => {
  it('the relay’s 250 marks the row sent and logs notification_sent in the timeline, as the system, once', async () => {
    const { w, id, row } = await world();
    expect(await w.deliver.deliver(id, { number: 1, last: false })).toBe('sent');
    expect(w.smtp.accepted).toHaveLength(1);
    expect(w.smtp.accepted[0]).toMatchObject({
      messageId: row().messageId,
      to: { address: 'vieclam@motcua.example' },
    });
    expect(row()).toMatchObject({ status: 'sent', attempts: 1, sentAt: w.clock.now() });
    expect(timeline(w)).toEqual([
      expect.objectContaining({
        id: notificationEventId(id, 'sent'),
        type: 'notification_sent',
        actor: 'system',
        data: expect.objectContaining({ notificationId: id, messageId: row().messageId }),
      }),
    ]);
    // The job again (a redelivery): nothing is sent twice, nothing logged twice.
    expect(await w.deliver.deliver(id, { number: 2, last: false })).toBe('sent');
    await w.relay.pass();
    expect(w.smtp.accepted).toHaveLength(1);
    expect(timeline(w)).toHaveLength(1);
  });

  it('a 4xx is retried (the job is deferred); on the last attempt it is recorded as failed', async () => {
    const { w, id, row } = await world();
    w.smtp.answer = { code: 451, text: '4.3.0 Try again later' };
    await expect(w.deliver.deliver(id, { number: 1, last: false })).rejects.toBeInstanceOf(DeliveryDeferred);
    expect(row()).toMatchObject({ status: 'pending', attempts: 1, lastError: '451 4.3.0 Try again later' });
    expect(timeline(w)).toEqual([]);
    w.smtp.unreachable = true;
    await expect(w.deliver.deliver(id, { number: 2, last: false })).rejects.toThrow(/ECONNREFUSED/);
    expect(await w.deliver.deliver(id, { number: 3, last: true })).toBe('failed');
    expect(row()).toMatchObject({ status: 'failed', attempts: 3 });
    expect(row().lastError).toMatch(/^gave up after 3 attempt\(s\): ESOCKET/);
    expect(timeline(w).map((e) => e.type)).toEqual(['notification_failed']);
  });

  it('a 5xx is a permanent failure at once, shown in the timeline', async () => {
    const { w, id, row } = await world();
    w.smtp.answer = { code: 550, text: '5.1.1 No such user' };
    expect(await w.deliver.deliver(id, { number: 1, last: false })).toBe('failed');
    expect(row()).toMatchObject({ status: 'failed', attempts: 1, lastError: '550 5.1.1 No such user' });
    expect(timeline(w)).toEqual([
      expect.objectContaining({
        type: 'notification_failed',
        data: expect.objectContaining({
          error: '550 5.1.1 No such user',
          recipient: 'vieclam@motcua.example',
        }),
      }),
    ]);
  });

  it('a row another worker is sending is deferred without sending', async () => {
    const { w, id } = await world();
    w.notifications.locked.add(id);
    await expect(w.deliver.deliver(id, { number: 1, last: false })).rejects.toBeInstanceOf(DeliveryDeferred);
    expect(w.smtp.accepted).toEqual([]);
  });

  it('a crash between the relay’s 250 and the row’s update: the resend carries the same Message-ID', async () => {
    const { w, id, row } = await world();
    const accept = w.smtp.send.bind(w.smtp);
    // The relay takes the mail, then the store fails (the process dies before marking the row).
    w.smtp.send = async (m) => {
      await accept(m);
      throw new Error('worker killed');
    };
    await expect(w.deliver.deliver(id, { number: 1, last: false })).rejects.toThrow();
    w.smtp.send = accept;
    expect(await w.deliver.deliver(id, { number: 2, last: false })).toBe('sent');
    expect(w.smtp.accepted.map((m) => m.messageId)).toEqual([row().messageId, row().messageId]);
  });

  it('a staff mail whose retry falls outside office hours waits for the next opening, then leaves', async () => {
    const { w, id, row } = await world(); // requested Wednesday 09:00, in office hours
    w.smtp.answer = { code: 451, text: '4.3.0 Try again later' };
    await expect(w.deliver.deliver(id, { number: 1, last: false })).rejects.toBeInstanceOf(DeliveryDeferred);
    w.smtp.answer = null;
    w.clock.t = Date.parse('2025-03-05T17:30:00+07:00'); // the retry comes after closing time
    expect(await w.deliver.deliver(id, { number: 2, last: false })).toBe('held');
    w.queue.finish(id);
    expect(w.smtp.accepted).toEqual([]);
    expect(row()).toMatchObject({
      status: 'pending',
      attempts: 1,
      notBefore: Date.parse('2025-03-06T07:00:00+07:00'),
    });
    expect(await w.relay.pass()).toMatchObject({ enqueued: 0 });
    w.clock.t = Date.parse('2025-03-06T07:00:00+07:00');
    expect(await w.relay.pass()).toMatchObject({ enqueued: 1 });
    expect(w.queue.redriven).toEqual([id]);
    expect(await w.deliver.deliver(id, { number: 1, last: false })).toBe('sent');
    expect(row()).toMatchObject({ status: 'sent', sentAt: Date.parse('2025-03-06T07:00:00+07:00') });
  });
});
