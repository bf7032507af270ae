import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

import type { UnitKind } from '@motcua/contracts';

export type { UnitKind };

@Entity('units')
export class UnitEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'parent_code', type: 'text', nullable: true })
  parentCode!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text' })
  kind!: UnitKind;

  /** The head of the unit (trưởng đơn vị): apologies awaiting signature and the daily digest go to them. */
  @Column({ name: 'head_name', type: 'text', nullable: true })
  headName!: string | null;

  @Column({ name: 'head_email', type: 'text', nullable: true })
  headEmail!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
