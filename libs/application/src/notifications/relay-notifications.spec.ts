import { DOSSIER } from '../testing/mail.fakes';
import { mailWorld } from '../testing/mail-world';

const staffMail = {
  dossierCode: DOSSIER,
  kind: 'due_soon',
  key: 'warning@x',
  to: { email: 'vieclam@motcua.example' },
  subject: 's',
  text: 't',
  audience: 'staff' as const,
};

describe('RelayNotifications', () => {
  it('enqueues a staff mail held overnight once the office opens', async () => {
    const w = mailWorld('2025-03-06T22:00:00+07:00');
    await w.outbox.request(staffMail);
    expect(await w.relay.pass()).toMatchObject({ enqueued: 0 });
    w.clock.t = Date.parse('2025-03-07T06:59:00+07:00');
    expect(await w.relay.pass()).toMatchObject({ enqueued: 0 });
    w.clock.t = Date.parse('2025-03-07T07:00:00+07:00');
    expect(await w.relay.pass()).toMatchObject({ enqueued: 1 });
    expect(await w.relay.pass()).toMatchObject({ enqueued: 0 });
  });

  it('re-drives a pending mail whose job is gone, and leaves one whose job lives', async () => {
    const w = mailWorld();
    await w.outbox.request(staffMail);
    await w.outbox.request({ ...staffMail, key: 'other' });
    const [lost, alive] = [...w.notifications.rows.keys()];
    w.queue.live.delete(lost); // Redis lost it
    expect(await w.relay.pass()).toMatchObject({ redriven: 1 });
    expect(w.queue.redriven).toEqual([lost]);
    expect(w.queue.live.has(alive)).toBe(true);
  });

  it('does not re-drive a mail whose job sent it and finished while the relay looked', async () => {
    const w = mailWorld();
    await w.outbox.request(staffMail);
    const id = [...w.notifications.rows.keys()][0];
    w.queue.onLook = async () => {
      await w.notifications.attempt(id, async () => ({ status: 'sent', at: w.clock.now() }));
      w.queue.finish(id);
    };
    expect(await w.relay.pass()).toMatchObject({ redriven: 0 });
    expect(w.queue.redriven).toEqual([]);
  });

  it('leaves alone a staff mail whose job ran after closing and held it while the relay looked', async () => {
    const w = mailWorld('2025-03-06T16:59:00+07:00');
    await w.outbox.request(staffMail);
    const id = [...w.notifications.rows.keys()][0];
    const opening = Date.parse('2025-03-07T07:00:00+07:00');
    w.queue.onLook = async () => {
      await w.notifications.hold(id, opening); // what the job does past 17:00, then it ends
      w.queue.finish(id);
    };
    expect(await w.relay.pass()).toMatchObject({ redriven: 0 });
    expect(w.queue.redriven).toEqual([]);
    // Still held: enqueued once, when the office opens, and not before.
    w.queue.onLook = null;
    w.clock.t = Date.parse('2025-03-06T22:00:00+07:00');
    expect(await w.relay.pass()).toMatchObject({ enqueued: 0, redriven: 0 });
    w.clock.t = opening;
    expect(await w.relay.pass()).toMatchObject({ enqueued: 1 });
  });

  it('logs the timeline event of a mail that settled without it', async () => {
    const w = mailWorld();
    await w.receive();
    await w.outbox.request(staffMail);
    const id = [...w.notifications.rows.keys()][0];
    await w.notifications.attempt(id, async () => ({ status: 'sent', at: w.clock.now() })); // then the crash
    expect(await w.relay.pass()).toMatchObject({ logged: 1 });
    expect(w.store.rows.filter((r) => r.type === 'notification_sent')).toHaveLength(1);
    expect(await w.relay.pass()).toMatchObject({ logged: 0 });
  });
});
