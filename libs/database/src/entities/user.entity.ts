import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '@motcua/contracts';

@Entity('users')
export class UserEntity {
  /** The primary key: the auth guard's per-request lookup (token version, disabled) is an index probe. */
  @PrimaryColumn({ type: 'text' })
  username!: string;

  /** `scrypt$N=…,r=…,p=…$<salt>$<hash>` (older rows: `scrypt$<salt>$<hash>`, Node's default parameters). */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  @Column({ type: 'text', array: true })
  units!: string[];

  /** A disabled user cannot log in, and its tokens are refused. */
  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  /** Carried in every token (`tv`); a password change, a reset or disabling adds one, revoking older tokens. */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
