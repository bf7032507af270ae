import { hashPassword, needsRehash, parseHash, verifyPassword } from './password.util';

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

describe('password hashes carry their parameters', () => {
  it('writes scrypt$N=…,r=…,p=…$salt$hash and verifies with the stored parameters', async () => {
    const stored = await hashPassword('mật khẩu dài 123');
    expect(stored).toMatch(/^scrypt\$N=16384,r=8,p=1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(needsRehash(stored)).toBe(false);
    // Cheaper parameters stay valid (they are read from the hash), and ask for a rehash.
    const cheap = await hashPassword('mật khẩu dài 123', { N: 1024, r: 8, p: 1 });
    expect(cheap).toMatch(/^scrypt\$N=1024,r=8,p=1\$/);
    expect(await verifyPassword('mật khẩu dài 123', cheap)).toBe(true);
    expect(await verifyPassword('mật khẩu dài 124', cheap)).toBe(false);
    expect(needsRehash(cheap)).toBe(true);
  });

  it('still verifies the old format scrypt$salt$hash (Node’s default parameters), and asks for a rehash', async () => {
    const [, , salt, hash] = (await hashPassword('old password 1')).split('$');
    const legacy = `scrypt$${salt}$${hash}`;
    expect(await verifyPassword('old password 1', legacy)).toBe(true);
    expect(await verifyPassword('old password 2', legacy)).toBe(false);
    expect(needsRehash(legacy)).toBe(true);
    expect(parseHash(legacy)?.params).toEqual({ N: 16384, r: 8, p: 1 });
  });

  it('refuses hashes it cannot or will not run', async () => {
    for (const stored of [
      'scrypt$N=3,r=8,p=1$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==',
      'scrypt$N=4194304,r=8,p=1$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==',
      'scrypt$N=16384$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==',
      'scrypt$$',
      'bcrypt$x$y',
    ]) {
      expect(parseHash(stored)).toBeNull();
      expect(await verifyPassword('x', stored)).toBe(false);
    }
  });
});
