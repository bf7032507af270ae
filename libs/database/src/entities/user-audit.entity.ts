import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every change to an account: who made it, when, and what changed (never a password or its hash). */
@Entity('user_audit')
@Index('user_audit_username', ['username', 'id'])
export class UserAuditEntity {
  /** Increasing with time: the pages go newest first by it. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** The username who made the change, or `system` (the bootstrap admin). */
  @Column({ type: 'text' })
  actor!: string;

  /** The user changed. No foreign key: the audit outlives anything done to the users table. */
  @Column({ type: 'text' })
  username!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'jsonb' })
  changes!: Record<string, unknown>;
}
