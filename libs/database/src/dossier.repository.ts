import type { DataSource, EntityManager } from 'typeorm';
import { UnrecoverableError } from 'bullmq';
import { foldDossier, type DossierEvent, type DossierState, type SlaSettings } from '@motcua/sla';
import type { WorkingCalendar } from '@motcua/calendar';
import { CatalogueRepository, toRules, versionAt, type ProcedureVersionRecord } from './catalogue.repository';
import { readEvents, type StoredEvent } from './event-store.repository';

export interface FoldEnvironment {
  /** The calendar published at an instant (CalendarRegistry.at / CalendarService.at). */
  calendarAt: (t: number) => WorkingCalendar;
  settings: SlaSettings;
}

/**
 * Folds stored events with the procedure versions of their dossier and the calendar published at its anchor:
 * the reception, or the latest re-basing by an administrator that the fold accepted (a re-basing of a closed
 * dossier is rejected and moves nothing). Later edits of the calendar never move its dates on their own (§6.9).
 */
export function foldStored(
  events: StoredEvent[],
  versions: ProcedureVersionRecord[],
  env: FoldEnvironment,
  now: number,
): { state: DossierState; version: number | null; anchor: number } {
  const reception = events.find((e) => e.type === 'received' || e.type === 'refused_at_reception');
  const anchor = reception ? reception.occurredAt : now;
  const first = foldAt(events, versions, env, now, anchor);
  const rebased = first.state.timeline
    .filter((t) => t.type === 'rules_rebased' && t.status === 'applied' && t.occurredAt > anchor)
    .at(-1);
  if (!rebased) return { ...first, anchor };
  return { ...foldAt(events, versions, env, now, rebased.occurredAt), anchor: rebased.occurredAt };
}

function foldAt(
  events: StoredEvent[],
  versions: ProcedureVersionRecord[],
  env: FoldEnvironment,
  now: number,
  anchor: number,
): { state: DossierState; version: number | null } {
  let version: number | null = null;
  const state = foldDossier(events as unknown as DossierEvent[], {
    calendar: env.calendarAt(anchor),
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const OPEN = new Set(['RECEIVED', 'IN_PROCESS', 'SUPPLEMENT_REQUESTED', 'WAITING_FINANCIAL_OBLIGATION']);

export interface ApplyRequest {
  eventId: string;
  dossierCode: string;
}

/** Per request: applied now, already applied earlier, or a job that can never succeed. */
export type ApplyResult =
  { kind: 'applied' } | { kind: 'already_applied' } | { kind: 'unrecoverable'; reason: string };

/** The projection writer: re-folds dossiers under row locks, many per transaction, idempotent. */
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
    const [result] = await this.applyMany([{ eventId, dossierCode }], now);
    if (result.kind === 'unrecoverable') throw new UnrecoverableError(result.reason);
    return result.kind === 'applied';
  }

  /**
   * A micro-batch in one transaction: each dossier with an unapplied event among the requests is re-folded
   * once. Row locks are taken in code order, so concurrent batches wait for each other instead of deadlocking.
   */
  async applyMany(requests: ApplyRequest[], now: number): Promise<ApplyResult[]> {
    return this.db.transaction(async (em) => {
      const ids = [...new Set(requests.map((r) => r.eventId))];
      const before = await this.appliedState(em, ids);
      const pending = (rs: Map<string, { dossierCode: string; applied: boolean }>) =>
        [
          ...new Set(
            requests
              .filter((r) => {
                const e = rs.get(r.eventId);
                return e !== undefined && e.dossierCode === r.dossierCode && !e.applied;
              })
              .map((r) => r.dossierCode),
          ),
        ].sort();
      let codes = pending(before);
      if (codes.length > 0) {
        await em.query(
          `INSERT INTO dossiers (code, status, state)
           SELECT code, 'NEW', '{}'::jsonb FROM unnest($1::text[]) AS code ON CONFLICT (code) DO NOTHING`,
          [codes],
        );
        // The row locks serialise every writer of these dossiers, across workers.
        await em.query('SELECT code FROM dossiers WHERE code = ANY($1::text[]) ORDER BY code FOR UPDATE', [
          codes,
        ]);
        // Another worker may have applied them while we waited for the locks.
        codes = pending(await this.appliedState(em, ids));
        await this.refold(em, codes, now);
      }
      const refolded = new Set(codes);
      return requests.map((r): ApplyResult => {
        const e = before.get(r.eventId);
        if (!e) return { kind: 'unrecoverable', reason: `event ${r.eventId} is not in the log` };
        if (e.dossierCode !== r.dossierCode) {
          return { kind: 'unrecoverable', reason: `event ${r.eventId} belongs to another dossier` };
        }
        return !e.applied && refolded.has(r.dossierCode) ? { kind: 'applied' } : { kind: 'already_applied' };
      });
    });
  }

  private async appliedState(
    em: EntityManager,
    ids: string[],
  ): Promise<Map<string, { dossierCode: string; applied: boolean }>> {
    const rows: Array<{ id: string; dossier_code: string; applied_at: Date | null }> = await em.query(
      'SELECT id, dossier_code, applied_at FROM dossier_events WHERE id = ANY($1::uuid[])',
      [ids.filter((id) => UUID.test(id))],
    );
    return new Map(rows.map((r) => [r.id, { dossierCode: r.dossier_code, applied: r.applied_at !== null }]));
  }

  private async refold(em: EntityManager, codes: string[], now: number): Promise<void> {
    if (codes.length === 0) return;
    const events = await readEvents(em, codes);
    const byCode = new Map<string, StoredEvent[]>();
    for (const e of events) byCode.set(e.dossierCode, [...(byCode.get(e.dossierCode) ?? []), e]);
    const versionsByCode = new Map<string, ProcedureVersionRecord[]>();
    for (const code of codes) {
      const events = byCode.get(code) ?? [];
      const procedureCode = receptionProcedure(events);
      if (procedureCode && !versionsByCode.has(procedureCode)) {
        versionsByCode.set(procedureCode, await this.catalogue.versionsOf(procedureCode));
      }
      const versions = procedureCode ? (versionsByCode.get(procedureCode) ?? []) : [];
      await this.writeProjection(em, code, events, versions, now);
    }
    await em.query(
      'UPDATE dossier_events SET applied_at = now() WHERE applied_at IS NULL AND id = ANY($1::uuid[])',
      [events.map((e) => e.id)],
    );
  }

  private async writeProjection(
    em: EntityManager,
    code: string,
    events: StoredEvent[],
    versions: ProcedureVersionRecord[],
    now: number,
  ): Promise<void> {
    const { state, version } = foldStored(events, versions, this.env, now);
    const units = [
      ...new Set([state.steps[0]?.unitCode ?? state.unitCode, ...state.handovers.map((h) => h.toUnit)]),
    ].filter((u): u is string => typeof u === 'string');
    const maxSeq = events.reduce((m, e) => (BigInt(e.seq) > m ? BigInt(e.seq) : m), 0n);
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
  }
}
