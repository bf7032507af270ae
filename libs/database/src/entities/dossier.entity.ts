import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The projection: the fold of a dossier's events, with the columns the worklists and indicators filter on. */
@Entity('dossiers')
@Index('dossiers_unit_due', ['unitCode', 'dueAt'])
@Index('dossiers_open_due', ['dueAt'], { where: 'is_open' })
// The deadline tracker's sweep and refill: open dossiers by their earliest milestone not yet acted at.
@Index('dossiers_next_deadline', ['nextDeadlineAt'], { where: 'next_deadline_at IS NOT NULL' })
// The worklists of one step holder (`holder=`), ordered by due date like every worklist.
@Index('dossiers_holder_due', ['holderUnit', 'dueAt'])
// The supplement-expired worklist (§3.3): dossiers awaiting a supplement whose applicant has a deadline.
@Index('dossiers_supplement_due', ['supplementDueAt'], { where: 'supplement_due_at IS NOT NULL' })
// The late-reception worklist (§6.6), ordered by due date like every worklist.
@Index('dossiers_received_late', ['dueAt'], { where: 'received_late' })
// The ledger (Sổ theo dõi hồ sơ, issue 9): the dossiers received in a period, in reception order.
@Index('dossiers_received_at', ['receivedAt'], { where: 'received_at IS NOT NULL' })
// The indicators' exact pass and drill-down over the dossiers ended in a period.
@Index('dossiers_finished_at', ['finishedAt'], { where: 'finished_at IS NOT NULL' })
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

  /** The unit holding the current (open) step; null when no step is open (finished, closed). */
  @Column({ name: 'holder_unit', type: 'text', nullable: true })
  holderUnit!: string | null;

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

  /**
   * The earliest milestone the deadline tracker has not acted at yet (`pendingMilestones` of libs/sla), whether in
   * the past or the future: the sweep fires rows where it is <= now. Null when none is pending (closed, paused
   * without a supplement deadline, no deadline).
   */
  @Column({ name: 'next_deadline_at', type: 'timestamptz', nullable: true })
  nextDeadlineAt!: Date | null;

  /** Every milestone not yet acted at, earliest first (`{kind, at, stepCode, unitCode}`, `at` in epoch ms). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  milestones!: Array<{ kind: string; at: number; stepCode: string | null; unitCode: string | null }>;

  /** §3.3: the end of the applicant's deadline to return the supplement awaited now (null otherwise). */
  @Column({ name: 'supplement_due_at', type: 'timestamptz', nullable: true })
  supplementDueAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** §7.1 Biểu II.06a outcome: resolved dossiers, by local date or instant per `sla.outcomeGranularity`. */
  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  /** §7.2 Decision 766 criterion 2.1 outcome: every ended dossier, its finish against the due instant. */
  @Column({ name: 'outcome_by_instant', type: 'text', nullable: true })
  outcomeByInstant!: string | null;

  /** The responsible unit: the lead unit of the procedure version the dossier was received under (indicators). */
  @Column({ name: 'lead_unit', type: 'text', nullable: true })
  leadUnit!: string | null;

  /**
   * What the dossier adds to the indicators (`DossierFacts` of libs/indicators, null when it does not count): the
   * rollups are the sums of these, and the exact pass and the drill-down read them.
   */
  @Column({ type: 'jsonb', nullable: true })
  facts!: Record<string, unknown> | null;

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
