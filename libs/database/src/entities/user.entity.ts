import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type Role = 'officer' | 'specialist' | 'unit_head' | 'manager' | 'admin';

@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'text' })
  username!: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  @Column({ type: 'text', array: true })
  units!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
