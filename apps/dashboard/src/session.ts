// The API's own login: the bearer token lives in sessionStorage (gone when the tab closes), and its claims say
// which units the page offers. The API checks every call against the stored user; the claims only shape the page.
import type { Role } from '@motcua/contracts';

const KEY = 'motcua.dashboard.token';
/** `*` in a user's units: every unit (ALL_UNITS of the contracts). */
export const ALL_UNITS = '*';

export interface Claims {
  username: string;
  roles: Role[];
  units: string[];
}

/** The claims of a JWT's payload (base64url JSON); null for anything that is not one of our tokens. */
export function claimsOf(token: string): Claims | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const payload = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    const strings = (v: unknown): string[] =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    if (typeof payload.sub !== 'string') return null;
    return { username: payload.sub, roles: strings(payload.roles) as Role[], units: strings(payload.units) };
  } catch {
    return null;
  }
}

export class Session {
  private constructor(
    readonly token: string,
    readonly claims: Claims,
  ) {}

  /** The session of this tab, if one was opened and its token still reads. */
  static restore(): Session | null {
    const token = sessionStorage.getItem(KEY);
    const claims = token ? claimsOf(token) : null;
    return token && claims ? new Session(token, claims) : null;
  }

  static open(token: string): Session {
    const claims = claimsOf(token);
    if (!claims) throw new Error('the API answered a token the page cannot read');
    sessionStorage.setItem(KEY, token);
    return new Session(token, claims);
  }

  static close(): void {
    sessionStorage.removeItem(KEY);
  }

  /** Managers and administrators, or anyone holding `*`, see every unit. */
  get seesAllUnits(): boolean {
    return this.claims.units.includes(ALL_UNITS);
  }

  /** Whether the page may offer this unit (the API refuses the others anyway). */
  mayOffer(unitCode: string): boolean {
    return this.seesAllUnits || this.claims.units.includes(unitCode);
  }
}
