import type { AppConfig } from '@motcua/config';
import type { CatalogueRepository, UserRecord, UserRepository } from '@motcua/database';
import { AppError } from '../app-error';
import { hashPassword } from './password.util';
import { UsersService } from './users.service';

class FakeUsers {
  readonly rows = new Map<string, UserRecord>();
  async find(username: string) {
    return this.rows.get(username) ?? null;
  }
  async create(u: UserRecord) {
    if (this.rows.has(u.username)) return false;
    this.rows.set(u.username, u);
    return true;
  }
  async ensure(u: UserRecord) {
    await this.create(u);
  }
}

function setup() {
  const users = new FakeUsers();
  const catalogue = { units: async () => [{ code: 'LDTBXH.MC' }, { code: 'LDTBXH.VP' }] };
  const sut = new UsersService(
    users as unknown as UserRepository,
    catalogue as unknown as CatalogueRepository,
    { adminPassword: 'bootstrap-password' } as AppConfig,
  );
  return { users, sut };
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
    const user = await sut.create({
      username: 'desk.mc',
      password: 'mật khẩu đủ dài',
      roles: ['officer', 'officer'],
      units: ['LDTBXH.MC', 'LDTBXH.MC'],
    });
    expect(user).toEqual({ username: 'desk.mc', roles: ['officer'], units: ['LDTBXH.MC'] });
    expect(await sut.verify({ username: 'desk.mc', password: 'mật khẩu đủ dài' })).toEqual(user);
    expect(await sut.verify({ username: 'desk.mc', password: 'wrong password' })).toBeNull();
    expect(await sut.verify({ username: 'nobody', password: 'mật khẩu đủ dài' })).toBeNull();
  });

  it('refuses an unknown unit with its field, and a taken username with 409', async () => {
    const { sut } = setup();
    const bad = await refusal(
      sut.create({
        username: 'x.user',
        password: 'long enough 1',
        roles: ['officer'],
        units: ['LDTBXH.NOPE'],
      }),
    );
    expect([bad?.status, bad?.details]).toEqual([
      400,
      [{ field: 'units[0]', problem: 'unknown unit LDTBXH.NOPE' }],
    ]);
    await sut.create({ username: 'y.user', password: 'long enough 1', roles: ['manager'], units: ['*'] });
    const taken = await refusal(
      sut.create({ username: 'y.user', password: 'long enough 2', roles: ['manager'], units: ['*'] }),
    );
    expect([taken?.status, taken?.code]).toEqual([409, 'conflict']);
  });
});
