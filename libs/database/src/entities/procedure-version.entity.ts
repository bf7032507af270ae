import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ProcedureDefinition } from '@motcua/contracts';

// The definition's shape is the contracts' schema; each change is a new version from `effectiveFrom`.
export type { ProcedureDefinition };

@Entity('procedure_versions')
@Index('procedure_versions_code_effective', ['code', 'effectiveFrom'])
export class ProcedureVersionEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ name: 'effective_from', type: 'timestamptz' })
  effectiveFrom!: Date;

  @Column({ type: 'jsonb' })
  definition!: ProcedureDefinition;

  /** The rules revision that published it (rules-revision.entity.ts). */
  @Column({ type: 'integer' })
  revision!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
