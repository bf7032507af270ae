import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { formatInstant } from '@motcua/calendar';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import {
  ALL_UNITS,
  loginRequestSchema,
  newUserRequestSchemaFor,
  parseWith,
  passwordChangeRequestSchema,
  passwordResetRequestSchema,
  userAuditQuerySchema,
  userListQuerySchema,
  userPatchRequestSchemaFor,
  type LoginRequest,
  type PasswordChangeRequest,
  type Principal,
  type UserAccount,
  type UserAuditChanges,
  type UserAuditPage,
  type UserPage,
  type UserView,
} from '@motcua/contracts';
import { CatalogueRepository, UserRepository, type UserRecord } from '@motcua/database';
import { AppError } from '../app-error';
import { CLOCK, type Clock } from '../clock';
import { hashPassword, needsRehash, verifyPassword } from './password.util';

/** Who made a change that no user made (the bootstrap admin). */
export const SYSTEM_ACTOR = 'system';

/** A checked password: the user and the token version its tokens must carry. */
export interface Session {
  principal: Principal;
  tokenVersion: number;
}

const principalOf = (u: UserRecord): Principal => ({ username: u.username, roles: u.roles, units: u.units });
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));
const isEnabledAdmin = (u: { disabled: boolean; roles: readonly string[] }) =>
  !u.disabled && u.roles.includes('admin');

function accountOf(u: UserRecord): UserAccount {
  return {
    username: u.username,
    roles: u.roles,
    units: u.units,
    disabled: u.disabled,
    createdAt: formatInstant(u.createdAt),
    updatedAt: formatInstant(u.updatedAt),
  };
}

function encodeCursor(value: string): string {
  return Buffer.from(value).toString('base64url');
}
function decodeCursor(cursor: string | undefined, valid: RegExp): string | undefined | null {
  if (cursor === undefined) return undefined;
  const value = Buffer.from(cursor, 'base64url').toString();
  return valid.test(value) && encodeCursor(value) === cursor ? value : null;
}
const BAD_CURSOR = [{ field: 'cursor', problem: 'is not a cursor this API issued' }];

/**
 * The accounts: the bootstrap admin, creation and changes by an administrator, passwords, the check of a password
 * at login and of a token on every request, and the audit of every change (who, when, what; never a password).
 */
@Injectable()
export class UsersService {
  private readonly log = new Logger('users');
  /** A hash of a random password with the current parameters: unknown users are checked against it. */
  private dummy?: Promise<string>;

  constructor(
    private readonly users: UserRepository,
    private readonly catalogue: CatalogueRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A fresh install has `admin` with ADMIN_PASSWORD; an existing admin keeps its password. */
  async ensureAdmin(): Promise<void> {
    const created = await this.users.create(
      {
        username: 'admin',
        passwordHash: await hashPassword(this.config.adminPassword),
        roles: ['admin'],
        units: [ALL_UNITS],
      },
      {
        actor: SYSTEM_ACTOR,
        action: 'created',
        changes: { roles: { from: [], to: ['admin'] }, units: { from: [], to: [ALL_UNITS] } },
      },
      this.clock.now(),
    );
    await this.dummyHash();
    this.log.log(created ? 'admin user created' : 'admin user present');
  }

  private dummyHash(): Promise<string> {
    this.dummy ??= hashPassword(randomBytes(16).toString('hex'));
    return this.dummy;
  }

  /** The login body, checked; 400 with the fields otherwise. */
  parseLogin(body: unknown): LoginRequest {
    const v = parseWith(loginRequestSchema, body);
    if (!v.ok) throw AppError.invalid(v.problems);
    return v.value;
  }

  /**
   * The session of this password, or null for an unknown user, a wrong password and a disabled user alike. The
   * same scrypt work is done in every case (an unknown user is checked against a dummy hash of the same
   * parameters), so the answer's timing does not tell which usernames exist.
   */
  async checkPassword(login: LoginRequest): Promise<Session | null> {
    const user = await this.users.find(login.username);
    const ok = await verifyPassword(login.password, user?.passwordHash ?? (await this.dummyHash()));
    if (!user || !ok || user.disabled) return null;
    if (needsRehash(user.passwordHash)) await this.upgradeHash(user, login.password);
    return { principal: principalOf(user), tokenVersion: user.tokenVersion };
  }

  /** The principal whose password this is, or null (see checkPassword). */
  async verify(login: LoginRequest): Promise<Principal | null> {
    return (await this.checkPassword(login))?.principal ?? null;
  }

  /** A hash of an older format or weaker parameters is replaced after a successful login (best effort). */
  private async upgradeHash(user: UserRecord, password: string): Promise<void> {
    try {
      await this.users.upgradePasswordHash(user.username, user.passwordHash, await hashPassword(password));
    } catch (err) {
      this.log.warn(`could not upgrade the password hash of ${user.username}: ${String(err)}`);
    }
  }

  /**
   * The principal of a token, as the user is stored now, or null when the user is unknown, disabled, or its tokens
   * were revoked after this one was issued (another token version). A primary-key lookup, on every request.
   */
  async authenticate(username: string, tokenVersion: number): Promise<Principal | null> {
    const user = await this.users.find(username);
    if (!user || user.disabled || user.tokenVersion !== tokenVersion) return null;
    return principalOf(user);
  }

  async create(body: unknown, actor: string): Promise<UserView> {
    const known = (await this.catalogue.units()).map((u) => u.code);
    const v = parseWith(newUserRequestSchemaFor(known), body);
    if (!v.ok) throw AppError.invalid(v.problems);
    const user = {
      username: v.value.username,
      roles: [...new Set(v.value.roles)],
      units: [...new Set(v.value.units)],
    };
    const created = await this.users.create(
      { ...user, passwordHash: await hashPassword(v.value.password) },
      {
        actor,
        action: 'created',
        changes: { roles: { from: [], to: user.roles }, units: { from: [], to: user.units } },
      },
      this.clock.now(),
    );
    if (!created) throw new AppError(409, 'conflict', `user ${user.username} already exists`);
    return user;
  }

  async list(query: unknown): Promise<UserPage> {
    const v = parseWith(userListQuerySchema, query);
    const after = decodeCursor(v.ok ? v.value.cursor : undefined, /^[a-z0-9._-]+$/);
    if (!v.ok) throw AppError.invalid(v.problems);
    if (after === null) throw AppError.invalid(BAD_CURSOR);
    const rows = await this.users.list({ after, limit: v.value.limit + 1 });
    const page = rows.slice(0, v.value.limit);
    const last = page.at(-1);
    return {
      items: page.map(accountOf),
      nextCursor: rows.length > v.value.limit && last ? encodeCursor(last.username) : null,
    };
  }

  /**
   * Roles, units, disabled. Disabling revokes the user's tokens; role and unit changes apply from the user's next
   * request (the guard reads the stored user). The last enabled admin cannot be disabled or lose the role.
   */
  async update(username: string, body: unknown, actor: string): Promise<UserAccount> {
    const known = (await this.catalogue.units()).map((u) => u.code);
    const v = parseWith(userPatchRequestSchemaFor(known), body);
    if (!v.ok) throw AppError.invalid(v.problems);
    const roles = v.value.roles && [...new Set(v.value.roles)];
    const units = v.value.units && [...new Set(v.value.units)];
    const disabled = v.value.disabled;
    const updated = await this.users.modify(username, this.clock.now(), (current, context) => {
      const changes: UserAuditChanges = {};
      if (roles && !sameSet(roles, current.roles)) changes.roles = { from: current.roles, to: roles };
      if (units && !sameSet(units, current.units)) changes.units = { from: current.units, to: units };
      if (disabled !== undefined && disabled !== current.disabled)
        changes.disabled = { from: current.disabled, to: disabled };
      if (Object.keys(changes).length === 0) return null;
      const after = { disabled: disabled ?? current.disabled, roles: roles ?? current.roles };
      if (isEnabledAdmin(current) && !isEnabledAdmin(after) && context.otherEnabledAdmins === 0)
        throw new AppError(409, 'last_admin', `${username} is the last enabled admin; enable another first`);
      const revokeTokens = changes.disabled?.to === true;
      if (revokeTokens) changes.tokensRevoked = true;
      return {
        roles: changes.roles && roles,
        units: changes.units && units,
        disabled: changes.disabled && disabled,
        revokeTokens,
        audit: { actor, action: 'updated', changes },
      };
    });
    if (!updated) throw AppError.notFound(`user ${username}`);
    return accountOf(updated);
  }

  /** An administrator sets a user's password; the user's tokens are revoked. */
  async resetPassword(username: string, body: unknown, actor: string): Promise<UserAccount> {
    const v = parseWith(passwordResetRequestSchema, body);
    if (!v.ok) throw AppError.invalid(v.problems);
    const passwordHash = await hashPassword(v.value.password);
    const updated = await this.users.modify(username, this.clock.now(), () => ({
      passwordHash,
      revokeTokens: true,
      audit: { actor, action: 'password_reset', changes: { tokensRevoked: true } },
    }));
    if (!updated) throw AppError.notFound(`user ${username}`);
    return accountOf(updated);
  }

  /** The body of a change of one's own password, checked; 400 with the fields otherwise. */
  parsePasswordChange(body: unknown): PasswordChangeRequest {
    const v = parseWith(passwordChangeRequestSchema, body);
    if (!v.ok) throw AppError.invalid(v.problems);
    return v.value;
  }

  /**
   * A user changes its own password: every token it holds is revoked, and the session for a new token comes back.
   * Null when the current password is wrong (the caller counts it as a failed login).
   */
  async changeOwnPassword(principal: Principal, change: PasswordChangeRequest): Promise<Session | null> {
    const session = await this.checkPassword({
      username: principal.username,
      password: change.currentPassword,
    });
    if (!session) return null;
    if (change.newPassword === change.currentPassword)
      throw AppError.invalid([{ field: 'newPassword', problem: 'must differ from the current password' }]);
    const passwordHash = await hashPassword(change.newPassword);
    const updated = await this.users.modify(principal.username, this.clock.now(), () => ({
      passwordHash,
      revokeTokens: true,
      audit: { actor: principal.username, action: 'password_changed', changes: { tokensRevoked: true } },
    }));
    if (!updated || updated.disabled) return null;
    return { principal: principalOf(updated), tokenVersion: updated.tokenVersion };
  }

  /** The audit of account changes, newest first (managers and admins). */
  async audit(query: unknown): Promise<UserAuditPage> {
    const v = parseWith(userAuditQuerySchema, query);
    const before = decodeCursor(v.ok ? v.value.cursor : undefined, /^[1-9]\d{0,18}$/);
    if (!v.ok) throw AppError.invalid(v.problems);
    if (before === null) throw AppError.invalid(BAD_CURSOR);
    const rows = await this.users.audit({
      username: v.value.username,
      before,
      limit: v.value.limit + 1,
    });
    const page = rows.slice(0, v.value.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({
        id: r.id,
        at: formatInstant(r.at),
        actor: r.actor,
        username: r.username,
        action: r.action,
        changes: r.changes,
      })),
      nextCursor: rows.length > v.value.limit && last ? encodeCursor(last.id) : null,
    };
  }
}
