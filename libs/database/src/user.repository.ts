import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Role, UserAuditAction, UserAuditChanges } from '@motcua/contracts';
import { TickCoalescer } from './tick-coalescer';

/** A stored user; instants as epoch milliseconds. */
export interface UserRecord {
  username: string;
  passwordHash: string;
  roles: Role[];
  units: string[];
  disabled: boolean;
  /** Tokens carry it; a token of an older version is refused. */
  tokenVersion: number;
  createdAt: number;
  updatedAt: number;
}

export interface NewUserRecord {
  username: string;
  passwordHash: string;
  roles: Role[];
  units: string[];
}

/** One change, as the use case describes it (never a password). */
export interface AuditRecord {
  actor: string;
  action: UserAuditAction;
  changes: UserAuditChanges;
}

export interface StoredAuditRecord extends AuditRecord {
  id: string;
  at: number;
  username: string;
}

/** What a modification does to the row; `revokeTokens` adds one to the token version. */
export interface UserModification {
  roles?: Role[];
  units?: string[];
  disabled?: boolean;
  passwordHash?: string;
  revokeTokens: boolean;
  audit: AuditRecord;
}

/** What `modify`'s decision may need to know besides the row itself. */
export interface ModifyContext {
  /** Enabled admins other than this user (their rows are locked until the change commits). */
  otherEnabledAdmins: number;
}

interface UserRow {
  username: string;
  password_hash: string;
  roles: Role[];
  units: string[];
  disabled: boolean;
  token_version: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'username, password_hash, roles, units, disabled, token_version, created_at, updated_at';

const toRecord = (r: UserRow): UserRecord => ({
  username: r.username,
  passwordHash: r.password_hash,
  roles: r.roles,
  units: r.units,
  disabled: r.disabled,
  tokenVersion: r.token_version,
  createdAt: r.created_at.getTime(),
  updatedAt: r.updated_at.getTime(),
});

/** The accounts and their audit. Every change and its audit row commit together. */
@Injectable()
export class UserRepository {
  /** Every request's authentication reads its user: one query for the requests of the same tick. */
  private readonly byUsername: TickCoalescer<string, UserRow>;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.byUsername = new TickCoalescer(
      (usernames) =>
        this.db.query<UserRow[]>(`SELECT ${COLUMNS} FROM users WHERE username = ANY($1::text[])`, [
          usernames,
        ]),
      (r) => r.username,
    );
  }

  /** By primary key: the auth guard calls this on every request. */
  async find(username: string): Promise<UserRecord | null> {
    const rows = await this.byUsername.get([username]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Users by username, after `after` (exclusive). */
  async list(q: { after?: string; limit: number }): Promise<UserRecord[]> {
    const rows: UserRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM users WHERE ($1::text IS NULL OR username > $1) ORDER BY username LIMIT $2`,
      [q.after ?? null, q.limit],
    );
    return rows.map(toRecord);
  }

  /** Inserts the user and its `created` audit row; false when the username is taken (nothing written). */
  async create(u: NewUserRecord, audit: AuditRecord, at: number): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const rows: unknown[] = await em.query(
        `INSERT INTO users (username, password_hash, roles, units, created_at, updated_at)
         VALUES ($1, $2, $3::text[], $4::text[], $5, $5)
         ON CONFLICT (username) DO NOTHING RETURNING username`,
        [u.username, u.passwordHash, u.roles, u.units, new Date(at)],
      );
      if (rows.length !== 1) return false;
      await insertAudit(em, u.username, audit, at);
      return true;
    });
  }

  /**
   * Locks the user's row (and the enabled admins'), asks `decide` what to change, and writes the change and its
   * audit row in one transaction. `decide` may throw to refuse (nothing is written) or return null for "no change".
   * Answers the user after the change, or null when there is no such user.
   */
  async modify(
    username: string,
    at: number,
    decide: (current: UserRecord, context: ModifyContext) => UserModification | null,
  ): Promise<UserRecord | null> {
    return this.db.transaction(async (em) => {
      // Admins first, in username order, then the user: two concurrent changes lock in the same order.
      const admins: Array<{ username: string }> = await em.query(
        `SELECT username FROM users WHERE NOT disabled AND 'admin' = ANY(roles) ORDER BY username FOR UPDATE`,
      );
      const rows: UserRow[] = await em.query(`SELECT ${COLUMNS} FROM users WHERE username = $1 FOR UPDATE`, [
        username,
      ]);
      if (!rows[0]) return null;
      const current = toRecord(rows[0]);
      const change = decide(current, {
        otherEnabledAdmins: admins.filter((a) => a.username !== username).length,
      });
      if (!change) return current;
      // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
      const [updated]: [UserRow[], number] = await em.query(
        `UPDATE users SET
           roles = COALESCE($2::text[], roles),
           units = COALESCE($3::text[], units),
           disabled = COALESCE($4::boolean, disabled),
           password_hash = COALESCE($5::text, password_hash),
           token_version = token_version + $6::int,
           updated_at = $7
         WHERE username = $1 RETURNING ${COLUMNS}`,
        [
          username,
          change.roles ?? null,
          change.units ?? null,
          change.disabled ?? null,
          change.passwordHash ?? null,
          change.revokeTokens ? 1 : 0,
          new Date(at),
        ],
      );
      await insertAudit(em, username, change.audit, at);
      return toRecord(updated[0]);
    });
  }

  /**
   * Replaces a hash by an equivalent one with the current parameters (after a successful login): no audit, no
   * revocation; only if the row still holds `oldHash`, so a concurrent password change wins.
   */
  async upgradePasswordHash(username: string, oldHash: string, newHash: string): Promise<void> {
    await this.db.query('UPDATE users SET password_hash = $3 WHERE username = $1 AND password_hash = $2', [
      username,
      oldHash,
      newHash,
    ]);
  }

  /** Audit rows, newest first, before the id `before` (exclusive), optionally of one user. */
  async audit(q: { username?: string; before?: string; limit: number }): Promise<StoredAuditRecord[]> {
    const rows: Array<{
      id: string;
      at: Date;
      actor: string;
      username: string;
      action: UserAuditAction;
      changes: UserAuditChanges;
    }> = await this.db.query(
      `SELECT id::text AS id, at, actor, username, action, changes FROM user_audit
       WHERE ($1::text IS NULL OR username = $1) AND ($2::bigint IS NULL OR id < $2::bigint)
       ORDER BY id DESC LIMIT $3`,
      [q.username ?? null, q.before ?? null, q.limit],
    );
    return rows.map((r) => ({
      id: r.id,
      at: r.at.getTime(),
      actor: r.actor,
      username: r.username,
      action: r.action,
      changes: r.changes,
    }));
  }
}

async function insertAudit(em: EntityManager, username: string, a: AuditRecord, at: number): Promise<void> {
  await em.query(
    'INSERT INTO user_audit (at, actor, username, action, changes) VALUES ($1, $2, $3, $4, $5::jsonb)',
    [new Date(at), a.actor, username, a.action, JSON.stringify(a.changes)],
  );
}
