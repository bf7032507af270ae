import { createHmac } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { AccessTokens, jwtModuleOptions, previousJwt } from './jwt.util';

const principal = { username: 'an', roles: ['officer' as const], units: ['LDTBXH.MC'] };

/** A clock the test moves by hand. */
const clockAt = (t: number) => ({
  t,
  now() {
    return this.t;
  },
});

/** The token class as the app builds it: JwtService with the module options from the config, and a clock. */
const tokensFor = (secret: string, clock: { now(): number }, ttlSeconds = 3600) =>
  new AccessTokens(new JwtService(jwtModuleOptions({ jwtSecret: secret, jwtTtlSeconds: ttlSeconds })), clock);

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('jwt', () => {
  const now = Date.parse('2026-01-05T01:00:00Z');

  it('round-trips the principal within its lifetime', () => {
    const clock = clockAt(now);
    const tokens = tokensFor('secret', clock);
    const sut = tokens.sign(principal);
    clock.t = now + 3599_000;
    expect(tokens.verify(sut)).toEqual(principal);
  });

  it('refuses an expired token, another secret and a tampered payload', () => {
    const clock = clockAt(now);
    const tokens = tokensFor('secret', clock);
    const sut = tokens.sign(principal);
    clock.t = now + 3600_000;
    expect(tokens.verify(sut)).toBeNull();
    clock.t = now;
    expect(tokensFor('other', clock).verify(sut)).toBeNull();
    const [h, , s] = sut.split('.');
    const forged = Buffer.from(
      JSON.stringify({ sub: 'an', roles: ['admin'], units: ['*'], exp: 9e9 }),
    ).toString('base64url');
    expect(tokens.verify(`${h}.${forged}.${s}`)).toBeNull();
    expect(tokens.verify('a.b')).toBeNull();
  });

  it('during a rotation accepts a live token of JWT_PREVIOUS_SECRET, signs only with JWT_SECRET', () => {
    const clock = clockAt(now);
    const before = tokensFor('old secret', clock).sign(principal, 2);
    const rotated = new AccessTokens(
      new JwtService(jwtModuleOptions({ jwtSecret: 'new secret', jwtTtlSeconds: 3600 })),
      clock,
      previousJwt({ jwtPreviousSecret: 'old secret', jwtTtlSeconds: 3600 }),
    );
    expect(rotated.read(before)).toEqual({ principal, tokenVersion: 2 });
    // New tokens are the new secret's: a process still on the old secret alone refuses them.
    const after = rotated.sign(principal);
    expect(tokensFor('new secret', clock).verify(after)).toEqual(principal);
    expect(tokensFor('old secret', clock).verify(after)).toBeNull();
    // Neither a third secret nor an expired old token gets in; without the previous secret the old token is refused.
    expect(rotated.verify(tokensFor('a third secret', clock).sign(principal))).toBeNull();
    expect(tokensFor('new secret', clock).verify(before)).toBeNull();
    clock.t = now + 3600_000;
    expect(rotated.verify(before)).toBeNull();
    expect(previousJwt({ jwtPreviousSecret: null, jwtTtlSeconds: 3600 })).toBeNull();
  });

  it('signs {sub, roles, units, tv, iat, exp} in HS256 with iat from the clock and exp = iat + TTL', () => {
    const sut = tokensFor('secret', clockAt(now + 999)).sign(principal, 3);
    const [h, p] = sut
      .split('.')
      .slice(0, 2)
      .map((x) => JSON.parse(Buffer.from(x, 'base64url').toString()));
    expect(h).toEqual({ alg: 'HS256', typ: 'JWT' });
    const iat = Math.floor(now / 1000);
    // tv: the user's token version at login (a password change, a reset or disabling revokes older tokens).
    expect(p).toEqual({ sub: 'an', roles: ['officer'], units: ['LDTBXH.MC'], tv: 3, iat, exp: iat + 3600 });
  });

  it('reads the token version; a token without one is version 0, a malformed one is refused', () => {
    const tokens = tokensFor('secret', clockAt(now));
    expect(tokens.read(tokens.sign(principal, 7))).toEqual({ principal, tokenVersion: 7 });
    const iat = Math.floor(now / 1000);
    const jwt = new JwtService({ secret: 'secret' });
    const base = { sub: 'an', roles: ['officer'], units: ['LDTBXH.MC'], iat, exp: iat + 60 };
    expect(tokens.read(jwt.sign(base))).toEqual({ principal, tokenVersion: 0 });
    for (const tv of [-1, 1.5, '2', null]) expect(tokens.read(jwt.sign({ ...base, tv }))).toBeNull();
  });

  it('refuses `alg: none` and other algorithms, even with the right secret', () => {
    const tokens = tokensFor('secret', clockAt(now));
    const iat = Math.floor(now / 1000);
    const claims = { sub: 'an', roles: ['admin'], units: ['*'], iat, exp: iat + 3600 };
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    expect(tokens.verify(none)).toBeNull();
    const hs512 = new JwtService({ secret: 'secret' }).sign(claims, { algorithm: 'HS512' });
    expect(JSON.parse(Buffer.from(hs512.split('.')[0], 'base64url').toString()).alg).toBe('HS512');
    expect(tokens.verify(hs512)).toBeNull();
    // The same claims, signed HS256 with the secret, pass: only the algorithm made the difference.
    const header = b64({ alg: 'HS256', typ: 'JWT' });
    const sig = createHmac('sha256', 'secret')
      .update(`${header}.${b64(claims)}`)
      .digest('base64url');
    expect(tokens.verify(`${header}.${b64(claims)}.${sig}`)).toEqual({
      username: 'an',
      roles: ['admin'],
      units: ['*'],
    });
  });

  it('refuses a token of ours without an expiry', () => {
    const tokens = tokensFor('secret', clockAt(now));
    const noExp = new JwtService({ secret: 'secret' }).sign({ sub: 'an', roles: [], units: [] });
    expect(tokens.verify(noExp)).toBeNull();
  });
});
