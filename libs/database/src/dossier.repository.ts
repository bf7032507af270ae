import type { DataSource, EntityManager } from 'typeorm';
import { UnrecoverableError } from 'bullmq';
import { foldDossier, type DossierEvent, type DossierState, type SlaSettings } from '@motcua/sla';
import type { WorkingCalendar } from '@motcua/calendar';
import { CatalogueRepository, toRules, versionAt, type ProcedureVersionRecord } from './catalogue.repository';
import type { StoredEvent } from './event-store.repository';

export interface FoldEnvironment {
  calendar: WorkingCalendar;
  settings: SlaSettings;
}

/** Folds stored events with the procedure versions of their dossier. */
export function foldStored(
  events: StoredEvent[],
  versions: ProcedureVersionRecord[],
  env: FoldEnvironment,
  now: number,
): { state: DossierState; version: number | null } {
  let version: number | null = null;
  const state = foldDossier(events as unknown as DossierEvent[], {
    calendar: env.calendar,
    settings: env.settings,
    now,
    resolveProcedure: (code, receivedAt) => {
      const v = versionAt(
        versions.filter((x) => x.code === code),
        receivedAt,
      );
      version = v?.version ?? null;
      return v ? toRules(v) : null;
    },
  });
  return { state, version };
}

/** The procedure code named by the dossier's reception, if any. */
export function receptionProcedure(events: StoredEvent[]): string | null {
  const r = events.find((e) => e.type === 'received' || e.type === 'refused_at_reception');
  return r ? ((r.data as { procedureCode?: string }).procedureCode ?? null) : null;
}

const OPEN = new Set(['RECEIVED', 'IN_PROCESS', 'SUPPLEMENT_REQUESTED', 'WAITING_FINANCIAL_OBLIGATION']);

/** The projection writer: one dossier at a time, under a row lock, idempotent. */
export class DossierProjector {
  private readonly catalogue: CatalogueRepository;

  constructor(
    private readonly db: DataSource,
    private readonly env: FoldEnvironment,
  ) {
    this.catalogue = new CatalogueRepository(db);
  }

  /**
   * Re-folds the dossier of `eventId` if that event is not applied yet. Returns false when there was nothing to do.
   * Throws UnrecoverableError for an event that does not exist (a job that can never succeed).
   */
  async apply(eventId: string, dossierCode: string, now: number): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const found: Array<{ applied_at: Date | null; dossier_code: string }> = await em.query(
        'SELECT applied_at, dossier_code FROM dossier_events WHERE id = $1',
        [eventId],
      );
      if (found.length === 0) throw new UnrecoverableError(`event ${eventId} is not in the log`);
      if (found[0].dossier_code !== dossierCode)
        throw new UnrecoverableError(`event ${eventId} belongs to another dossier`);
      if (found[0].applied_at !== null) return false;
      await em.query(
        `INSERT INTO dossiers (code, status, state) VALUES ($1, 'NEW', '{}'::jsonb) ON CONFLICT (code) DO NOTHING`,
        [dossierCode],
      );
      // The row lock serialises every writer of this dossier, across workers.
      await em.query('SELECT code FROM dossiers WHERE code = $1 FOR UPDATE', [dossierCode]);
      const again: Array<{ applied_at: Date | null }> = await em.query(
        'SELECT applied_at FROM dossier_events WHERE id = $1',
        [eventId],
      );
      if (again[0].applied_at !== null) return false;
      await this.refold(em, dossierCode, now);
      return true;
    });
  }

  private async refold(em: EntityManager, code: string, now: number): Promise<void> {
    const rows: Array<{
      id: string;
      type: string;
      occurred_at: Date;
      data: unknown;
      seq: string;
      applied_at: Date | null;
    }> = await em.query(
      'SELECT id, type, occurred_at, data, seq, applied_at FROM dossier_events WHERE dossier_code = $1',
      [code],
    );
    const events: StoredEvent[] = rows.map((r) => ({
      id: r.id,
      dossierCode: code,
      type: r.type,
      occurredAt: r.occurred_at.getTime(),
      data: r.data,
      seq: r.seq,
      appliedAt: r.applied_at,
    }));
    const procedureCode = receptionProcedure(events);
    const versions = procedureCode ? await this.catalogue.versionsOf(procedureCode) : [];
    const { state, version } = foldStored(events, versions, this.env, now);
    const units = [
      ...new Set([state.steps[0]?.unitCode ?? state.unitCode, ...state.handovers.map((h) => h.toUnit)]),
    ].filter((u): u is string => typeof u === 'string');
    const maxSeq = rows.reduce((m, r) => (BigInt(r.seq) > m ? BigInt(r.seq) : m), 0n);
    const date = (t: number | null | undefined) => (t === null || t === undefined ? null : new Date(t));
    await em.query(
      `UPDATE dossiers SET procedure_code = $2, procedure_version = $3, unit_code = $4, units = $5::text[], channel = $6,
              status = $7, national_status = $8, is_open = $9, is_paused = $10, received_at = $11, due_at = $12,
              warning_at = $13, apology_deadline = $14, apology_issued = $15, finished_at = $16, outcome = $17,
              state = $18::jsonb, applied_seq = $19, updated_at = now()
        WHERE code = $1`,
      [
        code,
        state.procedureCode,
        version,
        state.unitCode,
        units,
        state.channel,
        state.status,
        state.nationalStatus,
        OPEN.has(state.status),
        state.pauses.some(
          (p) => p.endedAt === null && (p.kind === 'supplement' || state.sla.state === 'paused'),
        ),
        date(state.receivedAt),
        date(state.dueAt),
        date(state.warningAt),
        date(state.apology?.deadline),
        state.apology?.issuedAt !== null && state.apology?.issuedAt !== undefined,
        date(state.finishedAt),
        state.sla.outcome,
        JSON.stringify(state),
        maxSeq.toString(),
      ],
    );
    await em.query(
      'UPDATE dossier_events SET applied_at = now() WHERE dossier_code = $1 AND applied_at IS NULL AND id = ANY($2::uuid[])',
      [code, rows.map((r) => r.id)],
    );
  }
}
