import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** The procedure as published; each change is a new version that applies to dossiers received from `effectiveFrom`. */
export interface ProcedureDefinition {
  name: string;
  field: string;
  leadUnitCode: string;
  duration: { value: number; unit: 'working_days' | 'working_hours' | 'calendar_days' | 'same_day' | 'none' };
  onlineLevel: 'none' | 'partial' | 'full';
  feeVnd: number;
  requiresPaperResult: boolean;
  supplementPolicy: 'pause_resume' | 'restart';
  pauseOnFinancialObligation?: boolean;
  steps: Array<{ code: string; name: string; unitCode: string; allocatedWorkingHours: number }>;
  legalBasis?: string;
  sources?: string[];
  example?: string[];
}

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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
