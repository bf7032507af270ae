import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { DossierFacts, RollupDelta } from '@motcua/indicators';
import type { Milestone } from '@motcua/sla';
import { addToRollups } from './indicator.repository';
import { readEvents, type StoredEvent } from './event-store.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The columns of the `dossiers` projection that lists and indicators filter on, plus the folded state. */
export interface ProjectionRow {
  code: string;
  procedureCode: string | null;
  procedureVersion: number | null;
  unitCode: string | null;
  /** The unit holding the current (open) step, null when none is open. */
  holderUnit: string | null;
  /** Every unit the dossier passed through: who may read it. */
  units: string[];
  channel: string | null;
  status: string;
  nationalStatus: number | null;
  isOpen: boolean;
  isPaused: boolean;
  receivedAt: number | null;
  dueAt: number | null;
  warningAt: number | null;
  apologyDeadline: number | null;
  apologyIssued: boolean;
  /** §6.6: an online dossier received later than the reception deadline after its submission. */
  receivedLate: boolean;
  /** The earliest milestone not yet acted at, past or future (the deadline tracker's index); null when none. */
  nextDeadlineAt: number | null;
  /** Every milestone not yet acted at, earliest first (`pendingMilestones`, libs/sla). */
  milestones: Milestone[];
  /** §3.3: the end of the applicant's deadline to return the supplement awaited now. */
  supplementDueAt: number | null;
  finishedAt: number | null;
  /** §7.1 Biểu II.06a outcome. */
  outcome: string | null;
  /** §7.2 Decision 766 criterion 2.1 outcome. */
  outcomeByInstant: string | null;
  /** The folded state without what depends on the reading instant. */
  state: unknown;
  /** The lead unit of the procedure version it was received under. */
  leadUnit: string | null;
  /** What it adds to the indicators (null: it does not count). */
  facts: DossierFacts | null;
  /** Highest event seq folded in. */
  appliedSeq: string;
}

/**
 * Whether each event exists, for which dossier, and whether the projection already folded it; `requestId`: the API
 * request that recorded it (for the worker's log lines).
 */
export type AppliedState = Map<string, { dossierCode: string; applied: boolean; requestId?: string | null }>;

/** What a locked row holds before the transaction writes it, by code. */
export type CurrentRows = Map<string, { milestones: Milestone[]; facts: DossierFacts | null }>;

/** The operations of one projection transaction; the apply use case decides what to do with them. */
export interface ProjectionTransaction {
  /**
   * Creates missing rows and locks them in code order, so concurrent writers wait instead of deadlocking; answers
   * the pending milestones and indicator facts each row holds now (before this transaction writes it), by code.
   */
  lockDossiers(codes: string[]): Promise<CurrentRows>;
  eventsOf(codes: string[]): Promise<StoredEvent[]>;
  /** Adds the changes of the rows' facts to the indicators' rollups (in the given order: key order). */
  addToRollups(deltas: RollupDelta[]): Promise<void>;
  /** Writes these rows (each already locked by `lockDossiers`), all in one statement. */
  write(rows: ProjectionRow[]): Promise<void>;
  /** Marks these events applied; answers, for each one it marked now, seconds from `recorded_at` to `applied_at`. */
  markApplied(eventIds: string[]): Promise<number[]>;
}

/** Storage of the `dossiers` projection: one transaction per micro-batch, rows locked while re-folded. */
@Injectable()
export class ProjectionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: ProjectionTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction((em) => work(new SqlProjectionTransaction(em)));
  }

  /**
   * Outside any transaction: a batch whose events are all applied already needs none. What is pending is checked
   * again under the row locks (the events read there).
   */
  async appliedState(eventIds: string[]): Promise<AppliedState> {
    const rows: Array<{
      id: string;
      dossier_code: string;
      applied_at: Date | null;
      request_id: string | null;
    }> = await this.db.query(
      'SELECT id, dossier_code, applied_at, request_id FROM dossier_events WHERE id = ANY($1::uuid[])',
      [eventIds.filter((id) => UUID.test(id))],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        { dossierCode: r.dossier_code, applied: r.applied_at !== null, requestId: r.request_id },
      ]),
    );
  }

  /**
   * Dossiers that may be open, in code order after `after`: open in the projection, or with an event the
   * worker has not applied yet (its projection may be behind). The fold decides.
   */
  async maybeOpen(after: string | null, limit: number): Promise<string[]> {
    const rows: Array<{ code: string }> = await this.db.query(
      `SELECT code FROM (
         SELECT code FROM dossiers WHERE is_open
         UNION SELECT dossier_code AS code FROM dossier_events WHERE applied_at IS NULL) AS c
        WHERE code > $1 ORDER BY code LIMIT $2`,
      [after ?? '', limit],
    );
    return rows.map((r) => r.code);
  }
}

const date = (t: number | null) => (t === null ? null : new Date(t));

class SqlProjectionTransaction implements ProjectionTransaction {
  constructor(private readonly em: EntityManager) {}

  async lockDossiers(codes: string[]): Promise<CurrentRows> {
    if (codes.length === 0) return new Map();
    await this.em.query(
      `INSERT INTO dossiers (code, status, state)
       SELECT code, 'NEW', '{}'::jsonb FROM unnest($1::text[]) AS code ON CONFLICT (code) DO NOTHING`,
      [codes],
    );
    // The lock and the read of what the rows hold: one round trip.
    const rows: Array<{ code: string; milestones: Milestone[] | null; facts: DossierFacts | null }> =
      await this.em.query(
        'SELECT code, milestones, facts FROM dossiers WHERE code = ANY($1::text[]) ORDER BY code FOR UPDATE',
        [[...codes].sort()],
      );
    return new Map(rows.map((r) => [r.code, { milestones: r.milestones ?? [], facts: r.facts }]));
  }

  eventsOf(codes: string[]): Promise<StoredEvent[]> {
    return readEvents(this.em, codes);
  }

  addToRollups(deltas: RollupDelta[]): Promise<void> {
    return addToRollups(this.em, deltas);
  }

  async write(rows: ProjectionRow[]): Promise<void> {
    if (rows.length === 0) return;
    // One statement for the whole batch: the rows travel as one JSON array, typed by jsonb_to_recordset.
    await this.em.query(
      `UPDATE dossiers d SET procedure_code = v.procedure_code, procedure_version = v.procedure_version,
              unit_code = v.unit_code, units = ARRAY(SELECT jsonb_array_elements_text(v.units)), channel = v.channel,
              status = v.status, national_status = v.national_status, is_open = v.is_open, is_paused = v.is_paused,
              received_at = v.received_at, due_at = v.due_at, warning_at = v.warning_at,
              apology_deadline = v.apology_deadline, apology_issued = v.apology_issued,
              next_deadline_at = v.next_deadline_at, finished_at = v.finished_at, outcome = v.outcome, state = v.state,
              applied_seq = v.applied_seq, outcome_by_instant = v.outcome_by_instant, received_late = v.received_late,
              holder_unit = v.holder_unit, milestones = v.milestones, supplement_due_at = v.supplement_due_at,
              lead_unit = v.lead_unit, facts = v.facts, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS v(
              code text, procedure_code text, procedure_version integer, unit_code text, units jsonb, channel text,
              status text, national_status smallint, is_open boolean, is_paused boolean, received_at timestamptz,
              due_at timestamptz, warning_at timestamptz, apology_deadline timestamptz, apology_issued boolean,
              next_deadline_at timestamptz, finished_at timestamptz, outcome text, state jsonb, applied_seq bigint,
              outcome_by_instant text, received_late boolean, holder_unit text, milestones jsonb,
              supplement_due_at timestamptz, lead_unit text, facts jsonb)
        WHERE d.code = v.code`,
      [
        JSON.stringify(
          rows.map((r) => ({
            code: r.code,
            procedure_code: r.procedureCode,
            procedure_version: r.procedureVersion,
            unit_code: r.unitCode,
            units: r.units,
            channel: r.channel,
            status: r.status,
            national_status: r.nationalStatus,
            is_open: r.isOpen,
            is_paused: r.isPaused,
            received_at: date(r.receivedAt),
            due_at: date(r.dueAt),
            warning_at: date(r.warningAt),
            apology_deadline: date(r.apologyDeadline),
            apology_issued: r.apologyIssued,
            next_deadline_at: date(r.nextDeadlineAt),
            finished_at: date(r.finishedAt),
            outcome: r.outcome,
            state: r.state,
            applied_seq: r.appliedSeq,
            outcome_by_instant: r.outcomeByInstant,
            received_late: r.receivedLate,
            holder_unit: r.holderUnit,
            milestones: r.milestones,
            supplement_due_at: date(r.supplementDueAt),
            lead_unit: r.leadUnit,
            facts: r.facts,
          })),
        ),
      ],
    );
  }

  async markApplied(eventIds: string[]): Promise<number[]> {
    if (eventIds.length === 0) return [];
    // Rooted in a SELECT: TypeORM returns [rows, count] for a bare UPDATE … RETURNING.
    const rows: Array<{ seconds: number }> = await this.em.query(
      `WITH marked AS (
         UPDATE dossier_events SET applied_at = now() WHERE applied_at IS NULL AND id = ANY($1::uuid[])
         RETURNING EXTRACT(EPOCH FROM applied_at - recorded_at)::float8 AS seconds)
       SELECT seconds FROM marked`,
      [eventIds],
    );
    return rows.map((r) => r.seconds);
  }
}
