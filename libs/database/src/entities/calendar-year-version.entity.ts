import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { OfficialYearSchedule } from '@motcua/calendar';

/** A published official schedule of one year; a changed file becomes a new version, old ones stay. */
@Entity('calendar_year_versions')
export class CalendarYearVersionEntity {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ name: 'effective_from', type: 'timestamptz' })
  effectiveFrom!: Date;

  @Column({ type: 'jsonb' })
  schedule!: OfficialYearSchedule;

  /** The rules revision that published it (rules-revision.entity.ts). */
  @Column({ type: 'integer' })
  revision!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
