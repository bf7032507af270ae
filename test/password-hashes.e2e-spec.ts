/**
 * Issue 7, hash format: password hashes carry their scrypt parameters (`scrypt$N=16384,r=8,p=1$salt$hash`), so the
 * parameters can be raised later; hashes in the old format (`scrypt$salt$hash`) or with other parameters still
 * verify, and are rewritten with the current parameters after a successful login.
 */
import { hashPassword } from '@motcua/application';
import { MC } from './support/events';
import { Harness, USER_PASSWORD } from './support/harness';

let h: Harness;

beforeAll(async () => {
  h = await Harness.start({ worker: false });
});

afterAll(async () => {
  await h?.stop();
});

const CURRENT = /^scrypt\$N=16384,r=8,p=1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/;
const storedHash = async (username: string) =>
  (await h.query<{ h: string }>('SELECT password_hash AS h FROM users WHERE username = $1', [username]))[0].h;
const setHash = (username: string, hash: string) =>
  h.query('UPDATE users SET password_hash = $2 WHERE username = $1', [username, hash]);
const login = (username: string, password: string) => h.post('/api/v1/auth/token', { username, password });

describe('password hashes carry their parameters', () => {
  it('every hash the API writes names its parameters: created users, resets and the bootstrap admin', async () => {
    await h.createUser('fresh.user', ['officer'], [MC]);
    expect(await storedHash('fresh.user')).toMatch(CURRENT);
    expect(await storedHash('admin')).toMatch(CURRENT);
    await h.post('/api/v1/users/fresh.user/password', { password: 'another password 1' }, await h.admin());
    expect(await storedHash('fresh.user')).toMatch(CURRENT);
  });

  it('an old-format hash (scrypt$salt$hash) still logs in, and is rewritten in the current format', async () => {
    await h.createUser('old.format', ['officer'], [MC]);
    const [, , salt, hash] = (await storedHash('old.format')).split('$');
    await setHash('old.format', `scrypt$${salt}$${hash}`);
    expect((await login('old.format', 'not the password')).status).toBe(401);
    expect(await storedHash('old.format')).toBe(`scrypt$${salt}$${hash}`);
    expect((await login('old.format', USER_PASSWORD)).status).toBe(200);
    expect(await storedHash('old.format')).toMatch(CURRENT);
    expect((await login('old.format', USER_PASSWORD)).status).toBe(200);
  });

  it('a hash with other parameters verifies with its own, then moves to the current ones', async () => {
    await h.createUser('cheap.hash', ['officer'], [MC]);
    await setHash('cheap.hash', await hashPassword(USER_PASSWORD, { N: 1024, r: 8, p: 1 }));
    expect(await storedHash('cheap.hash')).toMatch(/^scrypt\$N=1024,r=8,p=1\$/);
    expect((await login('cheap.hash', USER_PASSWORD)).status).toBe(200);
    expect(await storedHash('cheap.hash')).toMatch(CURRENT);
  });
});
