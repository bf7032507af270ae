import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { CalendarSettings, SlaSettings } from '@motcua/contracts';

/** The rule settings that govern dates (config/settings.json `calendar` and `sla`), as published over time. */
export interface PublishedSettingsBody {
  calendar: CalendarSettings;
  sla: SlaSettings;
}

/** A published version of the rule settings; a changed file becomes a new version, old ones stay (§6.9). */
@Entity('settings_versions')
export class SettingsVersionEntity {
  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ name: 'effective_from', type: 'timestamptz' })
  effectiveFrom!: Date;

  @Column({ type: 'jsonb' })
  settings!: PublishedSettingsBody;

  /** The rules revision that published it. */
  @Column({ type: 'integer' })
  revision!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
