import type { AppConfig } from '@motcua/config';
import type {
  AuditRecord,
  CatalogueRepository,
  ModifyContext,
  NewUserRecord,
  StoredAuditRecord,
  UserModification,
  UserRecord,
  UserRepository,
} from '@motcua/database';
import { AppError } from '../app-error';
import { hashPassword } from './password.util';
import { UsersService } from './users.service';

/** UserRepository in memory: the same answers, one "transaction" at a time. */
class FakeUsers {
  readonly rows = new Map<string, UserRecord>();
  readonly audits: StoredAuditRecord[] = [];
  async find(username: string) {
    return this.rows.get(username) ?? null;
  }
  async create(u: NewUserRecord, audit: AuditRecord, at: number) {
    if (this.rows.has(u.username)) return false;
    this.rows.set(u.username, { ...u, disabled: false, tokenVersion: 0, createdAt: at, updatedAt: at });
    this.audits.push({ ...audit, id: String(this.audits.length + 1), at, username: u.username });
    return true;
  }
  async list(q: { after?: string; limit: number }) {
    return [...this.rows.values()]
      .filter((u) => q.after === undefined || u.username > q.after)
      .sort((a, b) => (a.username < b.username ? -1 : 1))
      .slice(0, q.limit);
  }
  async modify(
    username: string,
    at: number,
    decide: (current: UserRecord, context: ModifyContext) => UserModification | null,
  ) {
    const current = this.rows.get(username);
    if (!current) return null;
    const otherEnabledAdmins = [...this.rows.values()].filter(
      (u) => u.username !== username && !u.disabled && u.roles.includes('admin'),
    ).length;
    const change = decide(current, { otherEnabledAdmins });
    if (!change) return current;
    const next: UserRecord = {
      ...current,
      roles: change.roles ?? current.roles,
      units: change.units ?? current.units,
      disabled: change.disabled ?? current.disabled,
      passwordHash: change.passwordHash ?? current.passwordHash,
      tokenVersion: current.tokenVersion + (change.revokeTokens ? 1 : 0),
      updatedAt: at,
    };
    this.rows.set(username, next);
    this.audits.push({ ...change.audit, id: String(this.audits.length + 1), at, username });
    return next;
  }
  async upgradePasswordHash(username: string, oldHash: string, newHash: string) {
    const u = this.rows.get(username);
    if (u && u.passwordHash === oldHash) this.rows.set(username, { ...u, passwordHash: newHash });
  }
  async audit(q: { username?: string; before?: string; limit: number }) {
    return this.audits
      .filter((a) => q.username === undefined || a.username === q.username)
      .filter((a) => q.before === undefined || Number(a.id) < Number(q.before))
      .reverse()
      .slice(0, q.limit);
  }
}

function setup() {
  const users = new FakeUsers();
  const catalogue = { units: async () => [{ code: 'LDTBXH.MC' }, { code: 'LDTBXH.VP' }] };
  const clock = { t: Date.parse('2025-03-20T03:00:00Z'), now: () => clock.t };
  const sut = new UsersService(
    users as unknown as UserRepository,
    catalogue as unknown as CatalogueRepository,
    { adminPassword: 'bootstrap-password' } as AppConfig,
    clock,
  );
  return { users, sut, clock };
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as AppError,
  );

describe('UsersService', () => {
  it('creates the bootstrap admin once and never resets a password changed since', async () => {
    const { users, sut } = setup();
    await sut.ensureAdmin();
    const first = users.rows.get('admin')!;
    expect(first).toMatchObject({ roles: ['admin'], units: ['*'] });
    users.rows.set('admin', { ...first, passwordHash: await hashPassword('changed-later-123') });
    await sut.ensureAdmin();
    expect(await sut.verify({ username: 'admin', password: 'changed-later-123' })).not.toBeNull();
  });

  it('creates a user with its units checked, de-duplicated roles and units, and no password in the answer', async () => {
    const { sut } = setup();
    const user = await sut.create(
      {
        username: 'desk.mc',
        password: 'mật khẩu đủ dài',
        roles: ['officer', 'officer'],
        units: ['LDTBXH.MC', 'LDTBXH.MC'],
      },
      'admin',
    );
    expect(user).toEqual({ username: 'desk.mc', roles: ['officer'], units: ['LDTBXH.MC'] });
    expect(await sut.verify({ username: 'desk.mc', password: 'mật khẩu đủ dài' })).toEqual(user);
    expect(await sut.verify({ username: 'desk.mc', password: 'wrong password' })).toBeNull();
    expect(await sut.verify({ username: 'nobody', password: 'mật khẩu đủ dài' })).toBeNull();
  });

  it('refuses an unknown unit with its field, and a taken username with 409', async () => {
    const { sut } = setup();
    const bad = await refusal(
      sut.create(
        { username: 'x.user', password: 'long enough 1', roles: ['officer'], units: ['LDTBXH.NOPE'] },
        'admin',
      ),
    );
    expect([bad?.status, bad?.details]).toEqual([
      400,
      [{ field: 'units[0]', problem: 'unknown unit LDTBXH.NOPE' }],
    ]);
    await sut.create(
      { username: 'y.user', password: 'long enough 1', roles: ['manager'], units: ['*'] },
      'admin',
    );
    const taken = await refusal(
      sut.create(
        { username: 'y.user', password: 'long enough 2', roles: ['manager'], units: ['*'] },
        'admin',
      ),
    );
    expect([taken?.status, taken?.code]).toEqual([409, 'conflict']);
  });
});

describe('UsersService: changes, revocation and audit', () => {
  const newUser = (username: string, roles: string[] = ['officer'], units = ['LDTBXH.MC']) => ({
    username,
    password: 'long enough 1',
    roles,
    units,
  });

  it('a token is valid while its version is current and the user enabled; disabling and resets revoke it', async () => {
    const { sut } = setup();
    await sut.ensureAdmin();
    await sut.create(newUser('desk.mc'), 'admin');
    const session = await sut.checkPassword({ username: 'desk.mc', password: 'long enough 1' });
    expect(session?.tokenVersion).toBe(0);
    expect(await sut.authenticate('desk.mc', 0)).toEqual(session?.principal);
    await sut.update('desk.mc', { disabled: true }, 'admin');
    expect(await sut.authenticate('desk.mc', 0)).toBeNull();
    expect(await sut.checkPassword({ username: 'desk.mc', password: 'long enough 1' })).toBeNull();
    await sut.update('desk.mc', { disabled: false }, 'admin');
    // Re-enabling does not bring the tokens issued before the disabling back.
    expect(await sut.authenticate('desk.mc', 0)).toBeNull();
    expect(await sut.authenticate('desk.mc', 1)).not.toBeNull();
    await sut.resetPassword('desk.mc', { password: 'a new password 2' }, 'admin');
    expect(await sut.authenticate('desk.mc', 1)).toBeNull();
    expect(
      (await sut.checkPassword({ username: 'desk.mc', password: 'a new password 2' }))?.tokenVersion,
    ).toBe(2);
  });

  it('role and unit changes apply to the principal at once; the last enabled admin stays one', async () => {
    const { sut } = setup();
    await sut.ensureAdmin();
    await sut.create(newUser('desk.mc'), 'admin');
    const account = await sut.update('desk.mc', { roles: ['specialist'], units: ['LDTBXH.VP'] }, 'admin');
    expect(account).toMatchObject({ roles: ['specialist'], units: ['LDTBXH.VP'], disabled: false });
    expect(await sut.authenticate('desk.mc', 0)).toEqual({
      username: 'desk.mc',
      roles: ['specialist'],
      units: ['LDTBXH.VP'],
    });
    const last = await refusal(sut.update('admin', { disabled: true }, 'admin'));
    expect([last?.status, last?.code]).toEqual([409, 'last_admin']);
    const demoted = await refusal(sut.update('admin', { roles: ['manager'] }, 'admin'));
    expect(demoted?.code).toBe('last_admin');
    await sut.create(newUser('second.admin', ['admin'], ['*']), 'admin');
    expect((await sut.update('admin', { disabled: true }, 'second.admin')).disabled).toBe(true);
    const missing = await refusal(sut.update('nobody', { disabled: true }, 'admin'));
    expect(missing?.status).toBe(404);
    const empty = await refusal(sut.update('desk.mc', {}, 'admin'));
    expect(empty?.details).toEqual([
      { field: 'body', problem: 'must name at least one of roles, units, disabled' },
    ]);
  });

  it('audits who changed what and when, never a password, newest first and paged', async () => {
    const { sut, clock } = setup();
    await sut.ensureAdmin();
    clock.t += 60_000;
    await sut.create(newUser('desk.mc'), 'admin');
    clock.t += 60_000;
    await sut.update('desk.mc', { roles: ['officer'], units: ['LDTBXH.VP'] }, 'admin');
    await sut.update('desk.mc', { units: ['LDTBXH.VP'] }, 'admin'); // no change: no entry
    await sut.resetPassword('desk.mc', { password: 'a new password 2' }, 'admin');
    const page1 = await sut.audit({ limit: '2' });
    expect(page1.items).toEqual([
      {
        id: '4',
        at: '2025-03-20T10:02:00+07:00',
        actor: 'admin',
        username: 'desk.mc',
        action: 'password_reset',
        changes: { tokensRevoked: true },
      },
      {
        id: '3',
        at: '2025-03-20T10:02:00+07:00',
        actor: 'admin',
        username: 'desk.mc',
        action: 'updated',
        changes: { units: { from: ['LDTBXH.MC'], to: ['LDTBXH.VP'] } },
      },
    ]);
    const page2 = await sut.audit({ limit: '2', cursor: page1.nextCursor! });
    expect(page2.items.map((e) => [e.username, e.action, e.actor])).toEqual([
      ['desk.mc', 'created', 'admin'],
      ['admin', 'created', 'system'],
    ]);
    expect(page2.nextCursor).toBeNull();
    expect(JSON.stringify([page1, page2])).not.toMatch(/password"|long enough|new password|scrypt/);
    const bad = await refusal(sut.audit({ cursor: 'nonsense' }));
    expect(bad?.details).toEqual([{ field: 'cursor', problem: 'is not a cursor this API issued' }]);
  });

  it('checks unknown users against a dummy hash and upgrades an old-format hash after a login', async () => {
    const { users, sut } = setup();
    await sut.create(newUser('desk.mc'), 'admin');
    const row = users.rows.get('desk.mc')!;
    expect(row.passwordHash).toMatch(/^scrypt\$N=16384,r=8,p=1\$[^$]+\$[^$]+$/);
    // The format before parameters were stored: scrypt$<salt>$<hash> with Node's defaults.
    const [, , salt, hash] = row.passwordHash.split('$');
    users.rows.set('desk.mc', { ...row, passwordHash: `scrypt$${salt}$${hash}` });
    expect(await sut.checkPassword({ username: 'desk.mc', password: 'long enough 1' })).not.toBeNull();
    expect(users.rows.get('desk.mc')!.passwordHash).toMatch(/^scrypt\$N=16384,r=8,p=1\$/);
    expect(await sut.checkPassword({ username: 'nobody', password: 'long enough 1' })).toBeNull();
  });
});
