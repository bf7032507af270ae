import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * One row: a counter bumped in the same transaction as every publication (procedure version, unit, calendar
 * year version, settings version). The apps read it before each use of their rules snapshot and reload the
 * snapshot when it moved, so the API and the worker always fold with the same published data.
 */
@Entity('rules_revision')
@Check('rules_revision_one_row', 'id = 1')
export class RulesRevisionEntity {
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  @Column({ type: 'integer' })
  revision!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
