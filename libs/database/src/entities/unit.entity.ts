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

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
