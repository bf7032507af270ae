import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Principal, Role } from '@motcua/contracts';

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** HS256 JWT; the claims carry the roles and unit scopes so that no request needs a user lookup. */
export function signToken(p: Principal, secret: string, ttlSeconds: number, now: number): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const iat = Math.floor(now / 1000);
  const payload = b64url(
    JSON.stringify({ sub: p.username, roles: p.roles, units: p.units, iat, exp: iat + ttlSeconds }),
  );
  const sig = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${sig}`;
}

export function verifyToken(token: string, secret: string, now: number): Principal | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, sig] = parts;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const h = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string };
    if (h.alg !== 'HS256') return null;
    const c = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
      sub: string;
      roles: Role[];
      units: string[];
      exp: number;
    };
    if (typeof c.exp !== 'number' || c.exp * 1000 <= now) return null;
    return { username: c.sub, roles: c.roles, units: c.units };
  } catch {
    return null;
  }
}
