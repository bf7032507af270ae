import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The append-only intake log. It is also the outbox: `enqueued_at IS NULL` rows still need a job. */
@Entity('dossier_events')
@Index('dossier_events_dossier', ['dossierCode', 'occurredAt'])
@Index('dossier_events_outbox', ['seq'], { where: 'enqueued_at IS NULL' })
// What the worker has still to apply: the projection lag of GET /metrics, the relay's re-drive, the rebase's scan.
@Index('dossier_events_unapplied', ['seq'], { where: 'applied_at IS NULL' })
// Reactors read the events of a few types in commit order (reaction.repository.ts).
@Index('dossier_events_type_seq', ['type', 'seq'])
// One reception per dossier code, also when two desks race (the API's history check alone cannot see that).
@Index('dossier_events_one_reception', ['dossierCode'], {
  unique: true,
  where: "type IN ('received', 'refused_at_reception')",
})
export class DossierEventEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** Commit order; the relay and the worker use it to find work. */
  @Column({ type: 'bigint', generated: 'increment', unique: true })
  seq!: string;

  @Column({ name: 'dossier_code', type: 'text' })
  dossierCode!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  /** SHA-256 of the canonical request body: same id + same hash is a replay, another hash is a conflict. */
  @Column({ name: 'body_hash', type: 'text' })
  bodyHash!: string;

  @Column({ type: 'text' })
  actor!: string;

  /** The first answer, returned again on an idempotent replay. */
  @Column({ type: 'jsonb' })
  response!: Record<string, unknown>;

  /**
   * The rules revision the intake decided the event with: a dossier folds with what had been published by the
   * revision of its anchor (reception or re-basing), so a later publication never moves it silently (§6.9).
   * Null for events recorded before revisions existed: they see every publication.
   */
  @Column({ name: 'rules_revision', type: 'integer', nullable: true })
  rulesRevision!: number | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  /**
   * Working minutes between `occurred_at` and the moment intake recorded it (the API's clock, on the calendar
   * published then): how far back the event was dated. Null for events recorded before issue 7.
   */
  @Column({ name: 'late_working_minutes', type: 'integer', nullable: true })
  lateWorkingMinutes!: number | null;

  /**
   * The X-Request-Id of the API request that recorded it, so the worker's lines about applying it carry the same id
   * (issue 12). Null for events recorded outside a request (the tracker's) or before issue 12.
   */
  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ name: 'enqueued_at', type: 'timestamptz', nullable: true })
  enqueuedAt!: Date | null;

  /** The job that carries the event (a job carries several): the relay asks Redis whether it will still run. */
  @Column({ name: 'job_id', type: 'text', nullable: true })
  jobId!: string | null;

  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true })
  appliedAt!: Date | null;
}
