/**
 * Issue 7, revocation: tokens carry the user's token version and every request is checked against the stored user,
 * so disabling a user, an administrator's password reset and a user's own password change revoke the tokens it
 * holds at once; a disabled user cannot log in.
 */
import { createHmac } from 'node:crypto';
import { MC, newDossierCode, received } from './support/events';
import { Harness, USER_PASSWORD } from './support/harness';

let h: Harness;
let admin: string;

const patch = (username: string, body: unknown, token: string) =>
  h.http.request('PATCH', `/api/v1/users/${username}`, { body, token });
const login = (username: string, password: string) => h.post('/api/v1/auth/token', { username, password });
/** A protected read any officer may make. */
const read = (token: string) => h.get('/api/v1/dossiers', token);

beforeAll(async () => {
  h = await Harness.start({ worker: false, now: '2025-03-20T10:00:00+07:00' });
  admin = await h.admin();
});

afterAll(async () => {
  await h?.stop();
});

describe('revocation on disable', () => {
  it('disabling a user revokes its tokens at once; it cannot log in; re-enabling does not revive old tokens', async () => {
    const token = await h.createUser('to.disable', ['officer'], [MC]);
    const second = await h.login('to.disable');
    const bystander = await h.createUser('bystander', ['officer'], [MC]);
    expect((await read(token)).status).toBe(200);

    expect((await patch('to.disable', { disabled: true }, admin)).status).toBe(200);
    for (const t of [token, second]) {
      const res = await read(t);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
    // Writes too, and nothing is stored.
    const before = await h.eventCount();
    expect(
      (await h.post('/api/v1/events', received(newDossierCode(), '2025-03-20T09:00:00+07:00'), token)).status,
    ).toBe(401);
    expect(await h.eventCount()).toBe(before);
    // Other users keep theirs.
    expect((await read(bystander)).status).toBe(200);

    // A disabled user cannot log in, and gets the same answer as a wrong password (nothing tells it apart).
    const refused = await login('to.disable', USER_PASSWORD);
    const wrong = await login('bystander', 'not-the-password');
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual(wrong.body);

    expect((await patch('to.disable', { disabled: false }, admin)).status).toBe(200);
    expect((await read(token)).status).toBe(401);
    expect((await read(await h.login('to.disable'))).status).toBe(200);
  });
});

describe('revocation on password change', () => {
  it('an administrator’s reset revokes the user’s tokens; a token of the new version works', async () => {
    const token = await h.createUser('to.reset', ['officer'], [MC]);
    expect((await read(token)).status).toBe(200);
    expect(
      (await h.post('/api/v1/users/to.reset/password', { password: 'reset by admin 1' }, admin)).status,
    ).toBe(200);
    expect((await read(token)).status).toBe(401);
    expect((await login('to.reset', USER_PASSWORD)).status).toBe(401);
    expect((await read(await h.login('to.reset', 'reset by admin 1'))).status).toBe(200);
  });

  it('changing one’s own password revokes every token of the user and answers a fresh one', async () => {
    const token = await h.createUser('own.change', ['officer'], [MC]);
    const elsewhere = await h.login('own.change');
    const res = await h.post(
      '/api/v1/auth/password',
      { currentPassword: USER_PASSWORD, newPassword: 'my new password 1' },
      token,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), expiresIn: h.config.jwtTtlSeconds });
    expect((await read(token)).status).toBe(401);
    expect((await read(elsewhere)).status).toBe(401);
    expect((await read(res.body.accessToken)).status).toBe(200);
    expect((await login('own.change', USER_PASSWORD)).status).toBe(401);
    expect((await login('own.change', 'my new password 1')).status).toBe(200);
  });

  it('a wrong current password changes nothing and revokes nothing; a short or unchanged new one is refused', async () => {
    const token = await h.createUser('careful', ['officer'], [MC]);
    const wrong = await h.post(
      '/api/v1/auth/password',
      { currentPassword: 'not my password', newPassword: 'my new password 1' },
      token,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual([
      { field: 'currentPassword', problem: 'is not the current password' },
    ]);
    const short = await h.post(
      '/api/v1/auth/password',
      { currentPassword: USER_PASSWORD, newPassword: 'short' },
      token,
    );
    expect(short.status).toBe(400);
    const same = await h.post(
      '/api/v1/auth/password',
      { currentPassword: USER_PASSWORD, newPassword: USER_PASSWORD },
      token,
    );
    expect(same.body.error.details).toEqual([
      { field: 'newPassword', problem: 'must differ from the current password' },
    ]);
    expect((await read(token)).status).toBe(200);
    expect((await login('careful', USER_PASSWORD)).status).toBe(200);
    expect(
      (
        await h.post(
          '/api/v1/auth/password',
          { currentPassword: USER_PASSWORD, newPassword: 'x'.repeat(12) },
          null,
        )
      ).status,
    ).toBe(401);
  });

  it('a token of an older version is refused even though its signature is ours (the version is checked, not just the signature)', async () => {
    await h.createUser('versioned', ['officer'], [MC]);
    await h.post('/api/v1/users/versioned/password', { password: 'version one pw' }, admin);
    const iat = Math.floor(h.clock.now() / 1000);
    const sign = (tv: number) => {
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const head = b64({ alg: 'HS256', typ: 'JWT' });
      const body = b64({ sub: 'versioned', roles: ['officer'], units: [MC], tv, iat, exp: iat + 3600 });
      const sig = createHmac('sha256', h.config.jwtSecret).update(`${head}.${body}`).digest('base64url');
      return `${head}.${body}.${sig}`;
    };
    expect((await read(sign(0))).status).toBe(401);
    expect((await read(sign(1))).status).toBe(200);
    expect((await read(sign(2))).status).toBe(401);
  });
});
