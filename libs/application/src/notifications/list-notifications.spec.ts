import type { NotificationRepository } from '@motcua/database';
import { AppError } from '../app-error';
import { DOSSIER } from '../testing/mail.fakes';
import { mailWorld } from '../testing/mail-world';
import { ListNotifications } from './list-notifications.use-case';

async function world() {
  const w = mailWorld();
  for (const [unitCode, email, key] of [
    ['LDTBXH.VLATLD', 'vieclam@motcua.example', 'a'],
    ['LDTBXH.MC', 'motcua@motcua.example', 'b'],
    ['LDTBXH.MC', 'motcua@motcua.example', 'c'],
  ]) {
    w.clock.t += 1000;
    await w.outbox.request({
      dossierCode: DOSSIER,
      kind: 'overdue',
      key,
      to: { email },
      subject: 's',
      text: 't',
      audience: 'staff',
      unitCode,
    });
  }
  return { w, sut: new ListNotifications(w.notifications as unknown as NotificationRepository) };
}

describe('ListNotifications', () => {
  it('managers and admins see every mail; a unit’s users those of their units; newest first, paged', async () => {
    const { sut } = await world();
    const manager = { username: 'm', roles: ['manager' as const], units: ['LDTBXH.VP'] };
    const desk = { username: 'd', roles: ['officer' as const], units: ['LDTBXH.MC'] };
    expect((await sut.list({}, manager)).items).toHaveLength(3);
    const first = await sut.list({ limit: '1' }, desk);
    expect(first.items.map((i) => [i.unitCode, i.status, i.attempts])).toEqual([['LDTBXH.MC', 'pending', 0]]);
    expect(first.items[0]).not.toHaveProperty('sentAt');
    const second = await sut.list({ limit: '1', cursor: first.nextCursor }, desk);
    expect(second.items).toHaveLength(1);
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect(second.nextCursor).toBeNull();
  });

  it('names every bad parameter', async () => {
    const { sut } = await world();
    const err = await sut
      .list({ status: 'lost', cursor: 'x' }, { username: 'a', roles: ['admin'], units: ['*'] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).details.map((d) => d.field).sort()).toEqual(['cursor', 'status']);
  });
});
