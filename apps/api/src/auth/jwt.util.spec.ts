import { signToken, verifyToken } from './jwt.util';
import { hashPassword, verifyPassword } from './password.util';

const principal = { username: 'an', roles: ['officer' as const], units: ['LDTBXH.MC'] };

describe('jwt', () => {
  const now = Date.parse('2026-01-05T01:00:00Z');

  it('round-trips the principal within its lifetime', () => {
    const sut = signToken(principal, 'secret', 3600, now);
    expect(verifyToken(sut, 'secret', now + 3599_000)).toEqual(principal);
  });

  it('refuses an expired token, another secret and a tampered payload', () => {
    const sut = signToken(principal, 'secret', 3600, now);
    expect(verifyToken(sut, 'secret', now + 3600_000)).toBeNull();
    expect(verifyToken(sut, 'other', now)).toBeNull();
    const [h, , s] = sut.split('.');
    const forged = Buffer.from(
      JSON.stringify({ sub: 'an', roles: ['admin'], units: ['*'], exp: 9e9 }),
    ).toString('base64url');
    expect(verifyToken(`${h}.${forged}.${s}`, 'secret', now)).toBeNull();
    expect(verifyToken('a.b', 'secret', now)).toBeNull();
  });
});

describe('passwords', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('mật khẩu dài 123');
    const b = await hashPassword('mật khẩu dài 123');
    expect(a).not.toBe(b);
    expect(await verifyPassword('mật khẩu dài 123', a)).toBe(true);
    expect(await verifyPassword('mật khẩu dài 124', a)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});
