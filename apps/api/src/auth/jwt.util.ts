import { createSecretKey } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { JsonWebTokenError, JwtService, type JwtModuleOptions } from '@nestjs/jwt';
import type { AppConfig } from '@motcua/config';
import type { Principal, Role } from '@motcua/contracts';
import { CLOCK, type Clock } from '@motcua/application';

/** The only algorithm we sign with and the only one we accept: `alg: none`, HS512, RS256… are refused. */
export const JWT_ALGORITHM = 'HS256' as const;

/** A JwtService over JWT_PREVIOUS_SECRET (null when unset): it verifies, never signs. */
export const PREVIOUS_JWT = Symbol('PREVIOUS_JWT');

/** The previous secret's JwtService, or null. */
export function previousJwt(
  config: Pick<AppConfig, 'jwtPreviousSecret' | 'jwtTtlSeconds'>,
): JwtService | null {
  const { jwtPreviousSecret, jwtTtlSeconds } = config;
  return jwtPreviousSecret
    ? new JwtService(jwtModuleOptions({ jwtSecret: jwtPreviousSecret, jwtTtlSeconds }))
    : null;
}

/**
 * The claims. Roles and units are what the user had at login (for clients); the guard checks every request against
 * the stored user, whose roles and units count, and whose token version must equal `tv`.
 */
export interface AccessClaims {
  sub: string;
  roles: Role[];
  units: string[];
  /** The user's token version at login: a password change, a reset or disabling the user revokes older ones. */
  tv: number;
  iat: number;
  exp: number;
}

/** A valid token's principal and token version. */
export interface VerifiedToken {
  principal: Principal;
  tokenVersion: number;
}

/** JwtModule options from the app's config: one HS256 secret, tokens living `jwtTtlSeconds`. */
export function jwtModuleOptions(config: Pick<AppConfig, 'jwtSecret' | 'jwtTtlSeconds'>): JwtModuleOptions {
  return {
    // A key object, the same bytes as the string: given a string, jsonwebtoken first tries to parse it as a PEM
    // public key on every verification (createPublicKey, which throws), a fifth of the API's CPU under load.
    secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
    signOptions: { algorithm: JWT_ALGORITHM, expiresIn: config.jwtTtlSeconds },
    verifyOptions: { algorithms: [JWT_ALGORITHM] },
  };
}

const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Access tokens through @nestjs/jwt (jsonwebtoken). Time is an input: the app's clock gives `iat` on signing
 * (jsonwebtoken derives `exp = iat + expiresIn` from it) and "now" on verification (`clockTimestamp`). During a
 * secret rotation a token whose signature JWT_SECRET refuses is tried once more with JWT_PREVIOUS_SECRET.
 */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(PREVIOUS_JWT) private readonly previous: JwtService | null = null,
  ) {}

  sign(p: Principal, tokenVersion = 0): string {
    const iat = Math.floor(this.clock.now() / 1000);
    const claims: Omit<AccessClaims, 'exp'> = {
      sub: p.username,
      roles: p.roles,
      units: p.units,
      tv: tokenVersion,
      iat,
    };
    // The algorithm is pinned here too, whatever the module options say; expiresIn comes from them.
    return this.jwt.sign(claims, { algorithm: JWT_ALGORITHM });
  }

  /** The principal of a valid, unexpired HS256 token signed with our secret; otherwise null. */
  verify(token: string): Principal | null {
    return this.read(token)?.principal ?? null;
  }

  /**
   * The principal and token version of a valid, unexpired HS256 token signed with our secret; otherwise null.
   * A token without `tv` (issued before versions existed) is version 0, which a revocation leaves behind.
   */
  read(token: string): VerifiedToken | null {
    const c = this.claims(token);
    if (c === null) return null;
    // A token without an expiry, or not of our shape, is not one we issued.
    if (
      typeof c.sub !== 'string' ||
      typeof c.exp !== 'number' ||
      !isStringArray(c.roles) ||
      !isStringArray(c.units) ||
      (c.tv !== undefined && !(Number.isSafeInteger(c.tv) && c.tv >= 0))
    )
      return null;
    return { principal: { username: c.sub, roles: c.roles, units: c.units }, tokenVersion: c.tv ?? 0 };
  }

  /** The claims of a token signed with the secret (or, only for a bad signature, the previous one); else null. */
  private claims(token: string): Partial<AccessClaims> | null {
    const options = { algorithms: [JWT_ALGORITHM], clockTimestamp: Math.floor(this.clock.now() / 1000) };
    try {
      return this.jwt.verify<Partial<AccessClaims>>(token, options);
    } catch (err) {
      // Bad signature, wrong algorithm, expired, malformed: all are "no valid token". Anything else is a bug.
      if (!(err instanceof JsonWebTokenError)) throw err;
      if (this.previous === null || err.message !== 'invalid signature') return null;
    }
    try {
      return this.previous.verify<Partial<AccessClaims>>(token, options);
    } catch (err) {
      if (err instanceof JsonWebTokenError) return null;
      throw err;
    }
  }
}
