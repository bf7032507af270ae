import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  SLA_STATE_RULE,
  startOfNextLocalDay,
  type SlaCondition,
  type SlaFacts,
  type SlaState,
} from '@motcua/sla';

/** What a worklist asks for; the caller has validated every field. */
export interface WorklistFilter {
  /** The caller's unit scope: `*` or the units whose dossiers it may read. */
  scope: '*' | string[];
  /** The unit that holds the dossier now. */
  unit?: string;
  /** The unit holding the current (open) step. */
  holder?: string;
  procedure?: string;
  status?: { internal: string } | { national: number };
  dueBefore?: number;
  sla?: SlaState;
  /** §6.6: only online dossiers received later than the reception deadline after their submission. */
  receivedLate?: boolean;
  /** §5.2: overdue (open, due reached) or finished late, and no apology issued. */
  missingApology?: boolean;
  /** §3.3: awaiting a supplement whose applicant deadline has passed. */
  supplementExpired?: boolean;
  /** Resume after this (due key, code) pair, as the previous page's last row gave it. */
  after?: { dueKey: string; code: string };
  limit: number;
  now: number;
}

export interface WorklistRow {
  code: string;
  procedureCode: string | null;
  unitCode: string | null;
  holderUnit: string | null;
  channel: string | null;
  status: string;
  nationalStatus: number | null;
  receivedAt: number | null;
  dueAt: number | null;
  finishedAt: number | null;
  outcome: string | null;
  nextDeadlineAt: number | null;
  supplementDueAt: number | null;
  facts: SlaFacts;
  /** Opaque sort position for the next page's cursor. */
  dueKey: string;
}

/** The projection columns behind each fact of the SLA rule. */
const FACT_COLUMNS: Record<'open' | 'paused' | 'apologyIssued', string> = {
  open: 'is_open',
  paused: 'is_paused',
  apologyIssued: 'apology_issued',
};
const INSTANT_COLUMNS: Record<'dueAt' | 'warningAt' | 'apologyDeadline', string> = {
  dueAt: 'due_at',
  warningAt: 'warning_at',
  apologyDeadline: 'apology_deadline',
};

/**
 * The SQL twin of `slaStateOf`, generated from the same rule table: a row is in `state` when that rule's
 * conditions hold and no earlier rule's do. `bindNow`/`bindTomorrow` return placeholders for the two boundaries.
 */
export function slaStateSql(state: SlaState, bindNow: () => string, bindTomorrow: () => string): string {
  const condition = (c: SlaCondition): string => {
    if ('fact' in c) return c.is ? FACT_COLUMNS[c.fact] : `NOT ${FACT_COLUMNS[c.fact]}`;
    const column = INSTANT_COLUMNS[c.instant];
    // A missing instant is never reached, as in slaStateOf.
    return c.reached === 'by_now'
      ? `COALESCE(${column} <= ${bindNow()}::timestamptz, false)`
      : `COALESCE(${column} < ${bindTomorrow()}::timestamptz, false)`;
  };
  const all = (when: ReadonlyArray<SlaCondition>) =>
    when.length === 0 ? 'true' : `(${when.map(condition).join(' AND ')})`;
  const index = SLA_STATE_RULE.findIndex((r) => r.state === state);
  const earlier = SLA_STATE_RULE.slice(0, index).map((r) => `NOT ${all(r.when)}`);
  return [...earlier, all(SLA_STATE_RULE[index].when)].join(' AND ');
}

type Row = {
  code: string;
  procedure_code: string | null;
  unit_code: string | null;
  holder_unit: string | null;
  next_deadline_at: Date | null;
  supplement_due_at: Date | null;
  channel: string | null;
  status: string;
  national_status: number | null;
  is_open: boolean;
  is_paused: boolean;
  received_at: Date | null;
  due_at: Date | null;
  warning_at: Date | null;
  apology_deadline: Date | null;
  apology_issued: boolean;
  finished_at: Date | null;
  outcome: string | null;
  due_key: string;
};

const ms = (d: Date | null) => (d === null ? null : d.getTime());

/** The worklists: reads of the projection, ordered by due date then code, paged by keyset. */
@Injectable()
export class WorklistRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(f: WorklistFilter): Promise<WorklistRow[]> {
    const { params, param } = parameters();
    const where = worklistConditions(f, param);
    if (f.after) {
      where.push(
        `(COALESCE(due_at, 'infinity'::timestamptz), code) > (${param(f.after.dueKey)}::timestamptz, ${param(f.after.code)})`,
      );
    }
    const rows: Row[] = await this.db.query(
      `SELECT code, procedure_code, unit_code, holder_unit, channel, status, national_status, is_open, is_paused,
              received_at, due_at, warning_at, apology_deadline, apology_issued, finished_at, outcome,
              next_deadline_at, supplement_due_at,
              COALESCE(due_at, 'infinity'::timestamptz)::text AS due_key
         FROM dossiers WHERE ${where.join(' AND ')}
        ORDER BY COALESCE(due_at, 'infinity'::timestamptz), code LIMIT ${param(f.limit)}`,
      params,
    );
    return rows.map((r) => ({
      code: r.code,
      procedureCode: r.procedure_code,
      unitCode: r.unit_code,
      holderUnit: r.holder_unit,
      channel: r.channel,
      status: r.status,
      nationalStatus: r.national_status,
      receivedAt: ms(r.received_at),
      dueAt: ms(r.due_at),
      finishedAt: ms(r.finished_at),
      outcome: r.outcome,
      nextDeadlineAt: ms(r.next_deadline_at),
      supplementDueAt: ms(r.supplement_due_at),
      facts: {
        open: r.is_open,
        paused: r.is_paused,
        dueAt: ms(r.due_at),
        warningAt: ms(r.warning_at),
        apologyDeadline: ms(r.apology_deadline),
        apologyIssued: r.apology_issued,
      },
      dueKey: r.due_key,
    }));
  }

  /** How many dossiers a worklist holds (e.g. every overdue one, for the operators' metrics). */
  async count(f: Omit<WorklistFilter, 'after' | 'limit'>): Promise<number> {
    const { params, param } = parameters();
    const where = worklistConditions(f, param);
    const [row]: Array<{ n: number }> = await this.db.query(
      `SELECT count(*)::int AS n FROM dossiers WHERE ${where.join(' AND ')}`,
      params,
    );
    return row.n;
  }
}

/** Positional parameters, numbered as they are bound. */
function parameters(): { params: unknown[]; param: (v: unknown) => string } {
  const params: unknown[] = [];
  return {
    params,
    param: (v) => {
      params.push(v);
      return `$${params.length}`;
    },
  };
}

/** The WHERE conditions of a worklist, for its page and for its count alike. */
function worklistConditions(
  f: Omit<WorklistFilter, 'after' | 'limit'>,
  param: (v: unknown) => string,
): string[] {
  const where: string[] = [`status <> 'NEW'`];
  // Bound only when used: PostgreSQL cannot type a parameter that no clause mentions.
  let now: string | undefined;
  let tomorrow: string | undefined;
  const bindNow = () => (now ??= param(new Date(f.now)));
  const bindTomorrow = () => (tomorrow ??= param(new Date(startOfNextLocalDay(f.now))));
  if (f.scope !== '*') where.push(`units && ${param(f.scope)}::text[]`);
  if (f.unit !== undefined) where.push(`unit_code = ${param(f.unit)}`);
  if (f.holder !== undefined) where.push(`holder_unit = ${param(f.holder)}`);
  if (f.procedure !== undefined) where.push(`procedure_code = ${param(f.procedure)}`);
  if (f.status && 'national' in f.status) where.push(`national_status = ${param(f.status.national)}`);
  if (f.status && 'internal' in f.status) where.push(`status = ${param(f.status.internal)}`);
  if (f.dueBefore !== undefined) where.push(`due_at < ${param(new Date(f.dueBefore))}`);
  if (f.sla !== undefined) where.push(slaStateSql(f.sla, bindNow, bindTomorrow));
  if (f.receivedLate !== undefined) where.push(f.receivedLate ? 'received_late' : 'NOT received_late');
  // §5.2 "missing_apology": no apology issued, and finished late or overdue (the SLA state, from the same rule
  // as `sla=overdue`). A paused dossier waits on the paused list: its due moves when it resumes.
  if (f.missingApology)
    where.push(
      `NOT apology_issued AND (outcome = 'late' OR (${slaStateSql('overdue', bindNow, bindTomorrow)}))`,
    );
  if (f.supplementExpired) where.push(`is_open AND supplement_due_at <= ${bindNow()}::timestamptz`);
  return where;
}
