import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The projection: the fold of a dossier's events, with the columns the worklists and indicators filter on. */
@Entity('dossiers')
@Index('dossiers_unit_due', ['unitCode', 'dueAt'])
@Index('dossiers_open_due', ['dueAt'], { where: 'is_open' })
// The deadline tracker's sweep: open, running dossiers by their next instant to act on.
@Index('dossiers_next_deadline', ['nextDeadlineAt'], { where: 'next_deadline_at IS NOT NULL' })
// The late-reception worklist (§6.6), ordered by due date like every worklist.
@Index('dossiers_received_late', ['dueAt'], { where: 'received_late' })
export class DossierEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ name: 'procedure_code', type: 'text', nullable: true })
  procedureCode!: string | null;

  @Column({ name: 'procedure_version', type: 'integer', nullable: true })
  procedureVersion!: number | null;

  /** The unit that holds the dossier now. */
  @Column({ name: 'unit_code', type: 'text', nullable: true })
  unitCode!: string | null;

  /** Every unit the dossier passed through: who may read it. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  units!: string[];

  @Column({ type: 'text', nullable: true })
  channel!: string | null;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'national_status', type: 'smallint', nullable: true })
  nationalStatus!: number | null;

  @Column({ name: 'is_open', type: 'boolean', default: false })
  isOpen!: boolean;

  @Column({ name: 'is_paused', type: 'boolean', default: false })
  isPaused!: boolean;

  @Column({ name: 'received_at', type: 'timestamptz', nullable: true })
  receivedAt!: Date | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'warning_at', type: 'timestamptz', nullable: true })
  warningAt!: Date | null;

  @Column({ name: 'apology_deadline', type: 'timestamptz', nullable: true })
  apologyDeadline!: Date | null;

  @Column({ name: 'apology_issued', type: 'boolean', default: false })
  apologyIssued!: boolean;

  /** §6.6: an online dossier received later than `receptionSlaWorkingHours` after its submission. */
  @Column({ name: 'received_late', type: 'boolean', default: false })
  receivedLate!: boolean;

  /** The next warning, apology deadline or due instant of an open, running dossier (null otherwise). */
  @Column({ name: 'next_deadline_at', type: 'timestamptz', nullable: true })
  nextDeadlineAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** §7.1 Biểu II.06a outcome: resolved dossiers, by local date or instant per `sla.outcomeGranularity`. */
  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  /** §7.2 Decision 766 criterion 2.1 outcome: every ended dossier, its finish against the due instant. */
  @Column({ name: 'outcome_by_instant', type: 'text', nullable: true })
  outcomeByInstant!: string | null;

  /**
   * The folded state as of the last applied event, without anything that depends on the reading instant
   * (`timelessState` of libs/sla): it stays true however long it is not re-folded.
   */
  @Column({ type: 'jsonb' })
  state!: Record<string, unknown>;

  /** Highest event seq folded in: a job for an older seq is already covered. */
  @Column({ name: 'applied_seq', type: 'bigint', default: 0 })
  appliedSeq!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
