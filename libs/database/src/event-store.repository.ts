import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { TickCoalescer } from './tick-coalescer';

export interface NewEvent {
  id: string;
  dossierCode: string;
  type: string;
  occurredAt: number;
  data: unknown;
}

export interface AppendItem {
  event: NewEvent;
  actor: string;
  /** The answer to give for this event, stored so that a replay returns the first answer. */
  response: Record<string, unknown>;
  /** The rules revision the intake decided it with (null: unknown, the fold sees every publication). */
  rulesRevision?: number | null;
  /**
   * The hash of the body as the client sent it, when it differs from the event stored (a reception without a
   * dossier code is stored with the code the server issued): a replay of that body is then a replay.
   */
  hash?: string;
  /** Working minutes between the occurrence and this recording, as intake measured them. */
  lateWorkingMinutes?: number | null;
  /** The id of the API request that recorded it (X-Request-Id), for the worker's log lines. */
  requestId?: string | null;
}

export type AppendResult =
  | { status: 'inserted'; response: Record<string, unknown> }
  | { status: 'duplicate'; response: Record<string, unknown> }
  | { status: 'conflict' }
  /** A reception (or refusal at reception) for a dossier code that already has one: not stored. */
  | { status: 'reception_exists' };

interface Pending {
  item: AppendItem;
  hash: string;
  resolve: (r: AppendResult) => void;
  reject: (e: unknown) => void;
}

/** Canonical JSON (sorted keys) so that the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The hash of an event body; a reception sent without a dossier code hashes without one. */
export function eventHash(e: Omit<NewEvent, 'dossierCode'> & { dossierCode?: string }): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        id: e.id,
        dossierCode: e.dossierCode,
        type: e.type,
        occurredAt: e.occurredAt,
        data: e.data,
      }),
    )
    .digest('hex');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RECEPTION_TYPES = new Set(['received', 'refused_at_reception']);
const MAX_ROWS_PER_FLUSH = 2000;
const COLUMNS = 11;

/**
 * The durable intake log with group commit: callers that arrive while a flush is running share the next
 * multi-row INSERT, so throughput is not bounded by one disk flush per request.
 */
@Injectable()
export class EventStore {
  /** Each entry is one caller's items: a caller's events always commit in the same transaction. */
  private queue: Pending[][] = [];
  private flushing = false;
  /** The reads of intake, shared between the callers of one tick like the INSERT (tick-coalescer.ts). */
  private readonly histories: TickCoalescer<string, StoredEvent>;
  private readonly recorded: TickCoalescer<string, RecordedRow>;
  private readonly enqueued: TickCoalescer<{ id: string; jobId: string }, never>;
  /** Intake's two reads in one statement: keys `c<code>` (history) and `i<id>` (already recorded). */
  private readonly intake: TickCoalescer<string, IntakeRow>;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.histories = new TickCoalescer(
      (codes) => readEvents(this.db, codes),
      (e) => e.dossierCode,
    );
    this.recorded = new TickCoalescer(
      (ids) =>
        this.db.query<RecordedRow[]>(
          'SELECT id, body_hash, response FROM dossier_events WHERE id = ANY($1::uuid[])',
          [ids],
        ),
      (r) => r.id,
    );
    this.intake = new TickCoalescer(
      (keys) => readIntake(this.db, keys),
      (r) => r.keys,
    );
    this.enqueued = new TickCoalescer(
      async (jobs) => {
        await recordJobs(this.db, jobs, 'unenqueued');
        return [];
      },
      (): { id: string; jobId: string } => ({ id: '', jobId: '' }),
    );
  }

  /** Resolves once every item is committed (or found to be a replay or a conflict). */
  append(items: AppendItem[]): Promise<AppendResult[]> {
    if (items.length === 0) return Promise.resolve([]);
    const group: Pending[] = [];
    const done = Promise.all(
      items.map(
        (item) =>
          new Promise<AppendResult>((resolve, reject) => {
            group.push({ item, hash: item.hash ?? eventHash(item.event), resolve, reject });
          }),
      ),
    );
    this.queue.push(group);
    this.kick();
    return done;
  }

  private kick(): void {
    if (this.flushing) return;
    this.flushing = true;
    // Let the requests of this tick join the batch before it goes.
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch: Pending[] = [];
        while (
          this.queue.length > 0 &&
          (batch.length === 0 || batch.length + this.queue[0].length <= MAX_ROWS_PER_FLUSH)
        ) {
          batch.push(...this.queue.shift()!);
        }
        try {
          await this.flush(batch);
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.flushing = false;
      if (this.queue.length > 0) this.kick();
    }
  }

  private async flush(batch: Pending[]): Promise<void> {
    // The first occurrence of an id in the batch is the one inserted; later ones compare against it.
    const firstById = new Map<string, Pending>();
    for (const p of batch) if (!firstById.has(p.item.event.id)) firstById.set(p.item.event.id, p);
    // In dossier order, each dossier's events in the order given (its seq order is its fold order): two flushes
    // holding the same events (a client resending while its first try is in flight) then wait for each other
    // instead of deadlocking, which the duplicate-storm chaos run met as 500s. The sort is stable.
    const rows = [...firstById.values()].sort((a, b) =>
      compare(a.item.event.dossierCode, b.item.event.dossierCode),
    );
    const params: unknown[] = [];
    const tuples = rows.map((p, i) => {
      const e = p.item.event;
      params.push(
        e.id,
        e.dossierCode,
        e.type,
        new Date(e.occurredAt),
        JSON.stringify(e.data),
        p.hash,
        p.item.actor,
        JSON.stringify(p.item.response),
        p.item.rulesRevision ?? null,
        p.item.lateWorkingMinutes ?? null,
        p.item.requestId ?? null,
      );
      const b = i * COLUMNS;
      return `($${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 5}::jsonb,$${b + 6},$${b + 7},$${b + 8}::jsonb,$${b + 9}::integer,$${b + 10}::integer,$${b + 11})`;
    });
    const inserted: Array<{ id: string }> = await this.db.query(
      `INSERT INTO dossier_events
         (id, dossier_code, type, occurred_at, data, body_hash, actor, response, rules_revision, late_working_minutes,
          request_id)
       VALUES ${tuples.join(',')} ON CONFLICT DO NOTHING RETURNING id`,
      params,
    );
    const insertedIds = new Set(inserted.map((r) => r.id));
    const missing = rows.filter((p) => !insertedIds.has(p.item.event.id)).map((p) => p.item.event.id);
    const existing = new Map<string, { hash: string; response: Record<string, unknown> }>();
    if (missing.length > 0) {
      const found: Array<{ id: string; body_hash: string; response: Record<string, unknown> }> =
        await this.db.query('SELECT id, body_hash, response FROM dossier_events WHERE id = ANY($1::uuid[])', [
          missing,
        ]);
      for (const f of found) existing.set(f.id, { hash: f.body_hash, response: f.response });
    }
    for (const p of batch) {
      const id = p.item.event.id;
      const first = firstById.get(id)!;
      if (first === p && insertedIds.has(id)) {
        p.resolve({ status: 'inserted', response: p.item.response });
        continue;
      }
      const stored = insertedIds.has(id)
        ? { hash: first.hash, response: first.item.response }
        : existing.get(id);
      if (!stored && RECEPTION_TYPES.has(p.item.event.type)) {
        // Skipped by the one-reception-per-dossier index: another reception of this code won the race.
        p.resolve({ status: 'reception_exists' });
      } else if (!stored) {
        p.reject(new Error(`event ${id} neither inserted nor found`));
      } else if (stored.hash === p.hash) {
        p.resolve({ status: 'duplicate', response: stored.response });
      } else {
        p.resolve({ status: 'conflict' });
      }
    }
  }

  /** Already-recorded events among these ids, with the hash and the first answer. */
  async findByIds(ids: string[]): Promise<Map<string, { hash: string; response: Record<string, unknown> }>> {
    const out = new Map<string, { hash: string; response: Record<string, unknown> }>();
    // An id that is not a UUID cannot be stored; asked for, it would fail the query the whole tick shares.
    const asked = [...new Set(ids)].filter((id) => UUID.test(id));
    for (const r of await this.recorded.get(asked))
      out.set(r.id, { hash: r.body_hash, response: r.response });
    return out;
  }

  /**
   * What intake decides with, read in one statement (one snapshot, shared with the callers of the same tick): every
   * event of these dossiers in commit order, and which of these ids are already recorded (hash and first answer).
   * An event committed meanwhile is in both or in neither, so a racing replay is seen as a replay.
   */
  async intakeReads(
    codes: string[],
    ids: string[],
  ): Promise<{
    history: StoredEvent[];
    recorded: Map<string, { hash: string; response: Record<string, unknown> }>;
  }> {
    const askedCodes = new Set(codes);
    const askedIds = new Set(ids.filter((id) => UUID.test(id)));
    const rows = await this.intake.get([
      ...[...askedCodes].map((c) => `c${c}`),
      ...[...askedIds].map((id) => `i${id}`),
    ]);
    const history: StoredEvent[] = [];
    const recorded = new Map<string, { hash: string; response: Record<string, unknown> }>();
    for (const r of rows) {
      if (r.inHistory && askedCodes.has(r.event.dossierCode)) history.push(r.event);
      if (r.recorded && askedIds.has(r.event.id)) recorded.set(r.event.id, r.recorded);
    }
    return { history, recorded };
  }

  /** These events have a job now, named here. */
  async markEnqueued(jobs: Array<{ id: string; jobId: string }>): Promise<void> {
    await this.enqueued.get(jobs);
  }

  /** Committed events that never got a job (crash between commit and enqueue, or Redis down). */
  async unenqueued(olderThanMs: number, limit: number): Promise<Array<{ id: string; dossierCode: string }>> {
    const rows: Array<{ id: string; dossier_code: string }> = await this.db.query(
      `SELECT id, dossier_code FROM dossier_events
        WHERE enqueued_at IS NULL AND applied_at IS NULL
          AND recorded_at < now() - make_interval(secs => $1::double precision / 1000)
        ORDER BY seq LIMIT $2`,
      [olderThanMs, limit],
    );
    return rows.map((r) => ({ id: r.id, dossierCode: r.dossier_code }));
  }

  /**
   * Events that got a job long ago and are still unapplied (the job failed for good, or Redis lost it, or it only
   * waits behind a backlog), in seq order after `afterSeq`. A read: only those re-driven are written (markRedriven).
   */
  async staleUnapplied(
    olderThanMs: number,
    afterSeq: string,
    limit: number,
  ): Promise<Array<{ id: string; dossierCode: string; seq: string; jobId: string | null }>> {
    const rows: Array<{ id: string; dossier_code: string; seq: string; job_id: string | null }> =
      await this.db.query(
        `SELECT id, dossier_code, seq, job_id FROM dossier_events
        WHERE applied_at IS NULL AND seq > $2::bigint AND enqueued_at IS NOT NULL
          AND enqueued_at < now() - make_interval(secs => $1::double precision / 1000)
        ORDER BY seq LIMIT $3`,
        [olderThanMs, afterSeq, limit],
      );
    return rows.map((r) => ({ id: r.id, dossierCode: r.dossier_code, seq: String(r.seq), jobId: r.job_id }));
  }

  /**
   * Re-driven events and their new job: `enqueued_at` moves forward so that the next passes leave them to that job a
   * while. A row a worker holds is skipped, as in markEnqueued: it is being applied, and a frozen worker's lock
   * would hold the relay.
   */
  async markRedriven(jobs: Array<{ id: string; jobId: string }>): Promise<void> {
    await recordJobs(this.db, jobs, 'unapplied');
  }

  /** Which of these dossier codes have a reception (or a refusal at reception) on record. */
  async knownDossiers(codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows: Array<{ dossier_code: string }> = await this.db.query(
      `SELECT DISTINCT dossier_code FROM dossier_events
        WHERE dossier_code = ANY($1::text[]) AND type IN ('received', 'refused_at_reception')`,
      [codes],
    );
    return new Set(rows.map((r) => r.dossier_code));
  }

  /** Every event of these dossiers in commit order; one query for the callers of the same tick. */
  async eventsOf(codes: string[]): Promise<StoredEvent[]> {
    return this.histories.get([...new Set(codes)]);
  }
}

interface RecordedRow {
  id: string;
  body_hash: string;
  response: Record<string, unknown>;
}

/** Anything that runs SQL: the data source, or an entity manager inside a transaction. */
export interface Queryable {
  query<T = unknown>(sql: string, params?: unknown[]): Promise<T>;
}

interface IntakeRow {
  event: StoredEvent;
  /** Asked for as a dossier's history. */
  inHistory: boolean;
  /** Asked for by id: its hash and first answer. */
  recorded: { hash: string; response: Record<string, unknown> } | null;
  keys: string[];
}

/**
 * Sets `enqueued_at` and `job_id` on these rows: `unenqueued` ones (the first enqueue) or `unapplied` ones (a
 * re-drive). Never waits on a row lock: a worker applying the event holds it (or one frozen mid-transaction does),
 * and a wait would hold a pooled connection that intake or the relay needs (chaos run, worker stall).
 */
async function recordJobs(
  db: Queryable,
  jobs: Array<{ id: string; jobId: string }>,
  which: 'unenqueued' | 'unapplied',
): Promise<void> {
  if (jobs.length === 0) return;
  const still = which === 'unenqueued' ? 'd.enqueued_at IS NULL' : 'd.applied_at IS NULL';
  await db.query(
    `UPDATE dossier_events e SET enqueued_at = now(), job_id = free.job_id
       FROM (SELECT d.id, j.job_id FROM unnest($1::uuid[], $2::text[]) AS j(id, job_id)
               JOIN dossier_events d ON d.id = j.id
              WHERE ${still}
                FOR UPDATE OF d SKIP LOCKED) AS free
      WHERE e.id = free.id`,
    [jobs.map((j) => j.id), jobs.map((j) => j.jobId)],
  );
}

async function readIntake(db: Queryable, keys: string[]): Promise<IntakeRow[]> {
  const codes = keys.filter((k) => k.startsWith('c')).map((k) => k.slice(1));
  const ids = keys.filter((k) => k.startsWith('i')).map((k) => k.slice(1));
  const rows = await db.query<
    Array<
      EventRow & {
        in_history: boolean;
        asked: boolean;
        body_hash: string;
        response: Record<string, unknown> | null;
      }
    >
  >(
    `SELECT id, dossier_code, type, occurred_at, data, seq, applied_at, actor, recorded_at, rules_revision,
            late_working_minutes, dossier_code = ANY($1::text[]) AS in_history, id = ANY($2::uuid[]) AS asked,
            body_hash, CASE WHEN id = ANY($2::uuid[]) THEN response END AS response
       FROM dossier_events WHERE dossier_code = ANY($1::text[]) OR id = ANY($2::uuid[]) ORDER BY seq`,
    [codes, ids],
  );
  return rows.map((r) => ({
    event: storedEventOf(r),
    inHistory: r.in_history,
    recorded: r.asked ? { hash: r.body_hash, response: r.response ?? {} } : null,
    keys: [...(r.in_history ? [`c${r.dossier_code}`] : []), ...(r.asked ? [`i${r.id}`] : [])],
  }));
}

interface EventRow {
  id: string;
  dossier_code: string;
  type: string;
  occurred_at: Date;
  data: unknown;
  seq: string;
  applied_at: Date | null;
  actor: string;
  recorded_at: Date;
  rules_revision: number | null;
  late_working_minutes: number | null;
}

function storedEventOf(r: EventRow): StoredEvent {
  return {
    id: r.id,
    dossierCode: r.dossier_code,
    type: r.type,
    occurredAt: r.occurred_at.getTime(),
    data: r.data,
    seq: r.seq,
    appliedAt: r.applied_at,
    actor: r.actor,
    recordedAt: r.recorded_at.getTime(),
    rulesRevision: r.rules_revision,
    lateWorkingMinutes: r.late_working_minutes,
  };
}

/** Every event of these dossiers, in commit order, with who logged it and when. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function readEvents(db: Queryable, codes: string[]): Promise<StoredEvent[]> {
  if (codes.length === 0) return [];
  const rows = await db.query<EventRow[]>(
    `SELECT id, dossier_code, type, occurred_at, data, seq, applied_at, actor, recorded_at, rules_revision,
            late_working_minutes
       FROM dossier_events WHERE dossier_code = ANY($1::text[]) ORDER BY seq`,
    [codes],
  );
  return rows.map(storedEventOf);
}

export interface StoredEvent {
  id: string;
  dossierCode: string;
  type: string;
  occurredAt: number;
  data: unknown;
  seq: string;
  appliedAt: Date | null;
  /** Who logged it and when it was committed (audit trail); absent where only the fold needs the event. */
  actor?: string;
  recordedAt?: number;
  /**
   * The rules revision the intake decided it with: on a reception or a re-basing, the dossier's dates count with
   * what had been published by then. Null or absent: every publication.
   */
  rulesRevision?: number | null;
  /** Working minutes between the occurrence and the recording, as intake measured them (null before issue 7). */
  lateWorkingMinutes?: number | null;
}
