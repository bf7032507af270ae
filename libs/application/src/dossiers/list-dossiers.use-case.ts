import { Inject, Injectable } from '@nestjs/common';
import { dossierListQuerySchema, parseWith, type FieldProblem, type Principal } from '@motcua/contracts';
import { WorklistRepository, type WorklistFilter, type WorklistRow } from '@motcua/database';
import { SLA_STATES, slaStateOf, type SlaState } from '@motcua/sla';
import { AppError } from '../app-error';
import { CLOCK, type Clock } from '../clock';
import { present } from '../presentation/instants';

/** The worklists, from the worker's projection, scoped to the caller's units and ordered by due date. */
@Injectable()
export class ListDossiers {
  constructor(
    private readonly worklists: WorklistRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(q: unknown, principal: Principal) {
    const now = this.clock.now();
    const filter = toFilter(q, principal, now);
    const rows = await this.worklists.list({ ...filter, limit: filter.limit + 1 });
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => present(listItem(r, now))),
      nextCursor: rows.length > filter.limit && last ? encodeCursor(last.dueKey, last.code) : null,
    };
  }
}

const isSlaState = (w: string): w is SlaState => (SLA_STATES as readonly string[]).includes(w);

function toFilter(query: unknown, principal: Principal, now: number): WorklistFilter {
  const parsed = parseWith(dossierListQuerySchema, query);
  const problems: FieldProblem[] = parsed.ok ? [] : [...parsed.problems];
  // The cursor is checked even when other parameters fail, so that one answer names every bad field.
  const cursor = (query as { cursor?: unknown } | null)?.cursor;
  const after = typeof cursor === 'string' ? decodeCursor(cursor) : undefined;
  if (after === null && !problems.some((p) => p.field === 'cursor'))
    problems.push({ field: 'cursor', problem: 'is not a cursor this API issued' });
  if (!parsed.ok || problems.length > 0) throw AppError.invalid(problems);
  const q = parsed.value;
  return {
    scope: principal.units.includes('*') ? '*' : principal.units,
    unit: q.unit,
    holder: q.holder,
    procedure: q.procedure,
    status: q.status,
    dueBefore: q.dueBefore,
    // The six SLA states come from SLA_STATE_RULE; the other worklists are conditions of their own.
    sla: q.sla !== undefined && isSlaState(q.sla) ? q.sla : undefined,
    receivedLate: q.sla === 'late_reception' ? true : undefined,
    missingApology: q.sla === 'missing_apology' ? true : undefined,
    supplementExpired: q.sla === 'supplement_expired' ? true : undefined,
    after: after ?? undefined,
    limit: q.limit,
    now,
  };
}

/** A worklist item; its SLA state comes from the same rule as the fold's and the query's. */
function listItem(r: WorklistRow, now: number) {
  return {
    code: r.code,
    procedureCode: r.procedureCode,
    unitCode: r.unitCode,
    holderUnit: r.holderUnit,
    channel: r.channel,
    status: r.status,
    nationalStatus: r.nationalStatus,
    receivedAt: r.receivedAt,
    dueAt: r.dueAt,
    finishedAt: r.finishedAt,
    sla: { state: slaStateOf(r.facts, now), outcome: r.outcome ?? null },
    apologyIssued: r.facts.apologyIssued,
    nextDeadlineAt: r.nextDeadlineAt,
    supplementDueAt: r.supplementDueAt,
  };
}

function encodeCursor(dueKey: string, code: string): string {
  return Buffer.from(JSON.stringify({ d: dueKey, c: code })).toString('base64url');
}

function decodeCursor(s: string): { dueKey: string; code: string } | null {
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString()) as { d?: unknown; c?: unknown };
    return typeof v.d === 'string' && typeof v.c === 'string' ? { dueKey: v.d, code: v.c } : null;
  } catch {
    return null;
  }
}
