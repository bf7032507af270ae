/**
 * Issue 7, accounts: administrators list users (paged), create them, change their roles, units and disabled flag and
 * reset their passwords; every change is audited (who, when, what; never a password) in user_audit, readable by
 * managers and admins at GET /api/v1/users/audit.
 */
import { MC, VP } from './support/events';
import { ADMIN_PASSWORD, Harness, USER_PASSWORD } from './support/harness';

let h: Harness;
let admin: string;

const patch = (username: string, body: unknown, token: string | null) =>
  h.http.request('PATCH', `/api/v1/users/${username}`, { body, token });
const reset = (username: string, password: string, token: string | null) =>
  h.post(`/api/v1/users/${username}/password`, { password }, token);

beforeAll(async () => {
  h = await Harness.start({ worker: false, now: '2025-03-20T10:00:00+07:00' });
  admin = await h.admin();
});

afterAll(async () => {
  await h?.stop();
});

describe('user management (admin)', () => {
  it('lists users by username, paged like the other lists, without passwords', async () => {
    for (const u of ['list.a', 'list.b', 'list.c']) await h.createUser(u, ['officer'], [MC]);
    const all: Array<Record<string, unknown>> = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const res = await h.get(`/api/v1/users${q}`, admin);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      all.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    const names = all.map((u) => u.username);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['admin', 'list.a', 'list.b', 'list.c']));
    expect(all.find((u) => u.username === 'list.b')).toEqual({
      username: 'list.b',
      roles: ['officer'],
      units: [MC],
      disabled: false,
      createdAt: '2025-03-20T10:00:00+07:00',
      updatedAt: '2025-03-20T10:00:00+07:00',
    });
    expect(JSON.stringify(all)).not.toMatch(/password|scrypt/i);
    const bad = await h.get('/api/v1/users?cursor=not-ours&limit=0', admin);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['limit']);
    expect((await h.get('/api/v1/users?cursor=not-ours', admin)).body.error.details).toEqual([
      { field: 'cursor', problem: 'is not a cursor this API issued' },
    ]);
  });

  it('changes roles and units (checked against the catalogue); the change applies from the user’s next request', async () => {
    const token = await h.createUser('change.me', ['officer'], [MC]);
    expect((await h.get('/api/v1/users/audit', token)).status).toBe(403);
    h.clock.advance(60_000);
    const res = await patch('change.me', { roles: ['manager', 'manager'], units: ['*'] }, admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      username: 'change.me',
      roles: ['manager'],
      units: ['*'],
      disabled: false,
      updatedAt: '2025-03-20T10:01:00+07:00',
    });
    // Same token, no new login: the guard reads the stored user's roles.
    expect((await h.get('/api/v1/users/audit', token)).status).toBe(200);
    const unknownUnit = await patch('change.me', { units: ['LDTBXH.NOPE'] }, admin);
    expect([unknownUnit.status, unknownUnit.body.error.details]).toEqual([
      400,
      [{ field: 'units[0]', problem: 'unknown unit LDTBXH.NOPE' }],
    ]);
    const empty = await patch('change.me', {}, admin);
    expect(empty.status).toBe(400);
    const extra = await patch('change.me', { password: 'sneaky-password-1' }, admin);
    expect(extra.status).toBe(400);
    expect((await patch('no.such.user', { disabled: true }, admin)).status).toBe(404);
  });

  it('only admins change users; managers and others get 403, no token 401', async () => {
    const officer = await h.createUser('plain.officer', ['officer'], [MC]);
    const manager = await h.createUser('plain.manager', ['manager'], ['*']);
    for (const token of [officer, manager]) {
      expect((await h.get('/api/v1/users', token)).status).toBe(403);
      expect((await patch('plain.officer', { units: [VP] }, token)).status).toBe(403);
      expect((await reset('plain.officer', 'another-password-1', token)).status).toBe(403);
    }
    expect((await patch('plain.officer', { units: [VP] }, null)).status).toBe(401);
    expect((await h.get('/api/v1/users/audit', null)).status).toBe(401);
  });

  it('keeps one enabled admin: the last one cannot be disabled or lose the role', async () => {
    const res = await patch('admin', { disabled: true }, admin);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('last_admin');
    expect((await patch('admin', { roles: ['manager'] }, admin)).body.error.code).toBe('last_admin');
    expect((await h.get('/api/v1/users', admin)).status).toBe(200);
  });

  it('resets a password (at least 10 characters); the new one logs in, the old one no longer', async () => {
    await h.createUser('forgetful', ['specialist'], [VP]);
    expect((await reset('forgetful', 'short', admin)).status).toBe(400);
    const res = await reset('forgetful', 'a brand new password', admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ username: 'forgetful', disabled: false });
    expect(
      (await h.post('/api/v1/auth/token', { username: 'forgetful', password: USER_PASSWORD })).status,
    ).toBe(401);
    expect(
      (await h.post('/api/v1/auth/token', { username: 'forgetful', password: 'a brand new password' }))
        .status,
    ).toBe(200);
    expect((await reset('no.such.user', 'a brand new password', admin)).status).toBe(404);
  });
});

describe('the audit of account changes (managers and admins)', () => {
  it('records who changed what and when, newest first, filtered by user, and never a password', async () => {
    h.clock.set('2025-03-20T11:00:00+07:00');
    await h.createUser('audited', ['officer'], [MC]);
    h.clock.advance(60_000);
    expect((await patch('audited', { units: [MC, VP], disabled: true }, admin)).status).toBe(200);
    // A change to nothing is no change: no audit row.
    expect((await patch('audited', { units: [VP, MC] }, admin)).status).toBe(200);
    h.clock.advance(60_000);
    expect((await patch('audited', { disabled: false }, admin)).status).toBe(200);
    expect((await reset('audited', 'reset password 123', admin)).status).toBe(200);
    const own = await h.login('audited', 'reset password 123');
    h.clock.advance(60_000);
    const changed = await h.post(
      '/api/v1/auth/password',
      { currentPassword: 'reset password 123', newPassword: 'my own password 456' },
      own,
    );
    expect(changed.status).toBe(200);

    const manager = await h.createUser('audit.reader', ['manager'], ['*']);
    const res = await h.get('/api/v1/users/audit?username=audited', manager);
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items.map((e: Record<string, unknown>) => ({ ...e, id: typeof e.id }))).toEqual([
      {
        id: 'string',
        at: '2025-03-20T11:03:00+07:00',
        actor: 'audited',
        username: 'audited',
        action: 'password_changed',
        changes: { tokensRevoked: true },
      },
      {
        id: 'string',
        at: '2025-03-20T11:02:00+07:00',
        actor: 'admin',
        username: 'audited',
        action: 'password_reset',
        changes: { tokensRevoked: true },
      },
      {
        id: 'string',
        at: '2025-03-20T11:02:00+07:00',
        actor: 'admin',
        username: 'audited',
        action: 'updated',
        changes: { disabled: { from: true, to: false } },
      },
      {
        id: 'string',
        at: '2025-03-20T11:01:00+07:00',
        actor: 'admin',
        username: 'audited',
        action: 'updated',
        changes: {
          units: { from: [MC], to: [MC, VP] },
          disabled: { from: false, to: true },
          tokensRevoked: true,
        },
      },
      {
        id: 'string',
        at: '2025-03-20T11:00:00+07:00',
        actor: 'admin',
        username: 'audited',
        action: 'created',
        changes: { roles: { from: [], to: ['officer'] }, units: { from: [], to: [MC] } },
      },
    ]);

    // The table itself holds no password or hash either.
    const rows = await h.query<{ changes: string }>(
      "SELECT changes::text AS changes FROM user_audit WHERE username = 'audited'",
    );
    expect(rows).toHaveLength(5);
    for (const { changes } of rows) expect(changes).not.toMatch(/password|scrypt|456|123/i);

    // Unfiltered, newest first, paged; the bootstrap admin was created by `system`.
    const seen: Array<{ id: string; actor: string; username: string; action: string }> = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const page = await h.get(`/api/v1/users/audit?limit=3${q}`, admin);
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    const ids = seen.map((e) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : 1)));
    expect(seen.at(-1)).toMatchObject({ actor: 'system', username: 'admin', action: 'created' });
    expect((await h.get('/api/v1/users/audit?limit=201', admin)).status).toBe(400);
  });

  it('is readable by managers and admins only', async () => {
    const officer = await h.createUser('audit.officer', ['officer'], [MC]);
    const head = await h.createUser('audit.head', ['unit_head'], [VP]);
    expect((await h.get('/api/v1/users/audit', officer)).status).toBe(403);
    expect((await h.get('/api/v1/users/audit', head)).status).toBe(403);
    expect((await h.get('/api/v1/users/audit', await h.login('admin', ADMIN_PASSWORD))).status).toBe(200);
  });
});
