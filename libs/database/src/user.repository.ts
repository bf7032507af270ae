import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Role } from '@motcua/contracts';

export interface UserRecord {
  username: string;
  passwordHash: string;
  roles: Role[];
  units: string[];
}

@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(username: string): Promise<UserRecord | null> {
    const rows: Array<{ username: string; password_hash: string; roles: Role[]; units: string[] }> =
      await this.db.query('SELECT username, password_hash, roles, units FROM users WHERE username = $1', [
        username,
      ]);
    const r = rows[0];
    return r ? { username: r.username, passwordHash: r.password_hash, roles: r.roles, units: r.units } : null;
  }

  /** Inserts; returns false when the username is taken. */
  async create(u: UserRecord): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO users (username, password_hash, roles, units) VALUES ($1, $2, $3::text[], $4::text[])
       ON CONFLICT (username) DO NOTHING RETURNING username`,
      [u.username, u.passwordHash, u.roles, u.units],
    );
    return rows.length === 1;
  }

  /** Creates the user only if missing (the bootstrap admin keeps a password that was changed later). */
  async ensure(u: UserRecord): Promise<void> {
    await this.create(u);
  }
}
