import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { addDays, localInstant, toLocalDate } from '@motcua/calendar';
import type { AppConfig } from '@motcua/config';
import { hasUnit, parseIsoInstant, type FieldProblem, type Principal } from '@motcua/contracts';
import { APP_CONFIG, CalendarService, CLOCK, type Clock } from '@motcua/core';
import { EventStore, foldStored, receptionProcedure } from '@motcua/database';
import { DOSSIER_STATUSES, FORMS_BY_RULE_SET, type DossierState } from '@motcua/sla';
import { ApiError } from '../common/api-error';
import { present } from '../common/instant.presenter';
import { CatalogueService } from '../catalogue/catalogue.service';

const SLA_STATES = ['on_track', 'due_soon', 'apology_due', 'overdue', 'paused', 'closed'] as const;
const MAX_LIMIT = 200;

export interface ListQuery {
  unit?: string;
  status?: string;
  sla?: string;
  dueBefore?: string;
  procedure?: string;
  limit?: string;
  cursor?: string;
}

@Injectable()
export class DossiersService {
  constructor(
    private readonly store: EventStore,
    private readonly catalogue: CatalogueService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly calendars: CalendarService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The dossier folded from its committed events at this instant: reads see every accepted event at once. */
  async get(code: string, principal: Principal) {
    const events = await this.store.eventsOf([code]);
    const procedureCode = receptionProcedure(events);
    if (!procedureCode) throw ApiError.notFound(`dossier ${code}`);
    const versions = await this.catalogue.versions(procedureCode);
    const now = this.clock.now();
    const { state, version, anchor } = foldStored(
      events,
      versions,
      { calendarAt: (t) => this.calendars.at(t), settings: this.config.sla },
      now,
    );
    // Out-of-scope dossiers answer 404, so that their existence is not revealed.
    if (!routeUnits(state).some((u) => hasUnit(principal, u))) throw ApiError.notFound(`dossier ${code}`);
    const definition = versions.find((v) => v.version === version)?.definition;
    const audit = new Map(
      events.map((e) => [e.id, { actor: e.actor ?? null, recordedAt: e.recordedAt ?? null }]),
    );
    const body = toContract(code, state, version, definition?.name ?? null);
    // Which published calendar the dates count with, and since when (reception or the last re-basing).
    const calendar = { anchorAt: anchor, versions: this.calendars.versionsAt(anchor) };
    // The timeline is the audit evidence: who logged each event and when it was committed.
    body.timeline = state.timeline.map((t) => ({ ...t, ...audit.get(t.id) }));
    return present({ ...body, calendar }, ['recordedAt', 'anchorAt']);
  }

  async list(q: ListQuery, principal: Principal) {
    const problems: FieldProblem[] = [];
    const now = this.clock.now();
    const where: string[] = [`status <> 'NEW'`];
    const params: unknown[] = [];
    const param = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (!principal.units.includes('*')) where.push(`units && ${param(principal.units)}::text[]`);
    if (q.unit !== undefined) where.push(`unit_code = ${param(q.unit)}`);
    if (q.procedure !== undefined) where.push(`procedure_code = ${param(q.procedure)}`);
    if (q.status !== undefined) {
      if (/^\d+$/.test(q.status) && Number(q.status) >= 1 && Number(q.status) <= 10)
        where.push(`national_status = ${param(Number(q.status))}`);
      else if ((DOSSIER_STATUSES as string[]).includes(q.status)) where.push(`status = ${param(q.status)}`);
      else
        problems.push({ field: 'status', problem: `must be 1–10 or one of ${DOSSIER_STATUSES.join(', ')}` });
    }
    if (q.dueBefore !== undefined) {
      const t = parseIsoInstant(q.dueBefore);
      if (t === null)
        problems.push({ field: 'dueBefore', problem: 'must be an ISO 8601 date-time with an offset' });
      else where.push(`due_at < ${param(new Date(t))}`);
    }
    if (q.sla !== undefined) {
      // The same precedence as each item's state: overdue, then apology due, then due soon, then on track.
      const running = `is_open AND NOT is_paused`;
      const clocked =
        (build: (late: () => string, apology: () => string, soon: () => string) => string) => () => {
          // Parameters are bound only when used: PostgreSQL cannot type an unused one.
          let n: string | undefined;
          let tomorrow: string | undefined;
          const nowP = () => (n ??= param(new Date(now)));
          const tomorrowP = () =>
            (tomorrow ??= param(new Date(localInstant(addDays(toLocalDate(now), 1), '00:00'))));
          return build(
            () => `COALESCE(due_at <= ${nowP()}::timestamptz, false)`,
            () => `(NOT apology_issued AND COALESCE(apology_deadline < ${tomorrowP()}::timestamptz, false))`,
            () => `COALESCE(warning_at <= ${nowP()}::timestamptz, false)`,
          );
        };
      const conditions: Record<(typeof SLA_STATES)[number], () => string> = {
        overdue: clocked((late) => `${running} AND ${late()}`),
        apology_due: clocked((late, apology) => `${running} AND NOT ${late()} AND ${apology()}`),
        due_soon: clocked(
          (late, apology, soon) => `${running} AND NOT ${late()} AND NOT ${apology()} AND ${soon()}`,
        ),
        paused: () => `is_open AND is_paused`,
        on_track: clocked(
          (late, apology, soon) => `${running} AND NOT ${late()} AND NOT ${apology()} AND NOT ${soon()}`,
        ),
        closed: () => `NOT is_open`,
      };
      if ((SLA_STATES as readonly string[]).includes(q.sla))
        where.push(conditions[q.sla as (typeof SLA_STATES)[number]]());
      else problems.push({ field: 'sla', problem: `must be one of ${SLA_STATES.join(', ')}` });
    }
    const limit = q.limit === undefined ? 50 : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      problems.push({ field: 'limit', problem: `must be an integer 1–${MAX_LIMIT}` });
    if (q.cursor !== undefined) {
      const c = decodeCursor(q.cursor);
      if (!c) problems.push({ field: 'cursor', problem: 'is not a cursor this API issued' });
      else
        where.push(
          `(COALESCE(due_at, 'infinity'::timestamptz), code) > (${param(c.d)}::timestamptz, ${param(c.c)})`,
        );
    }
    if (problems.length > 0) throw ApiError.invalid(problems);
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT code, procedure_code, unit_code, channel, status, national_status, is_open, is_paused, received_at, due_at,
              warning_at, apology_deadline, apology_issued, finished_at, outcome, COALESCE(due_at, 'infinity'::timestamptz)::text AS sort_key
         FROM dossiers WHERE ${where.join(' AND ')}
        ORDER BY COALESCE(due_at, 'infinity'::timestamptz), code LIMIT ${param(limit + 1)}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const tomorrow = localInstant(addDays(toLocalDate(now), 1), '00:00');
    return {
      items: page.map((r) => present(listItem(r, now, tomorrow))),
      nextCursor: rows.length > limit && last ? encodeCursor(String(last.sort_key), String(last.code)) : null,
    };
  }
}

function routeUnits(s: DossierState): string[] {
  return [s.steps[0]?.unitCode ?? s.unitCode, s.unitCode, ...s.handovers.map((h) => h.toUnit)].filter(
    (u): u is string => !!u,
  );
}

const ms = (d: unknown) => (d instanceof Date ? d.getTime() : null);

function listItem(r: Record<string, unknown>, now: number, tomorrow: number) {
  const due = ms(r.due_at);
  const warning = ms(r.warning_at);
  const apologyDeadline = ms(r.apology_deadline);
  let sla: (typeof SLA_STATES)[number] = 'on_track';
  if (!r.is_open) sla = 'closed';
  else if (r.is_paused) sla = 'paused';
  else if (due !== null && due <= now) sla = 'overdue';
  else if (due !== null && !r.apology_issued && apologyDeadline !== null && apologyDeadline < tomorrow)
    sla = 'apology_due';
  else if (warning !== null && warning <= now) sla = 'due_soon';
  return {
    code: r.code,
    procedureCode: r.procedure_code,
    unitCode: r.unit_code,
    channel: r.channel,
    status: r.status,
    nationalStatus: r.national_status,
    receivedAt: ms(r.received_at),
    dueAt: due,
    finishedAt: ms(r.finished_at),
    sla: { state: sla, outcome: r.outcome ?? null },
    apologyIssued: r.apology_issued,
  };
}

function encodeCursor(d: string, c: string): string {
  return Buffer.from(JSON.stringify({ d, c })).toString('base64url');
}

function decodeCursor(s: string): { d: string; c: string } | null {
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString()) as { d?: unknown; c?: unknown };
    return typeof v.d === 'string' && typeof v.c === 'string' ? { d: v.d, c: v.c } : null;
  } catch {
    return null;
  }
}

/** The contract's dossier shape, plus the extra fields a desk officer needs. */
function toContract(code: string, s: DossierState, version: number | null, procedureName: string | null) {
  const forms = s.ruleSet ? FORMS_BY_RULE_SET[s.ruleSet] : null;
  const base = `/api/v1/dossiers/${encodeURIComponent(code)}`;
  return {
    code,
    procedure: s.procedureCode ? { code: s.procedureCode, version, name: procedureName } : null,
    unitCode: s.unitCode,
    channel: s.channel,
    status: s.status,
    nationalStatus: s.nationalStatus,
    ruleSet: s.ruleSet,
    forms,
    applicant: s.applicant,
    receivedAt: s.receivedAt,
    submittedAt: s.submittedAt,
    receivedLate: s.receivedLate,
    effectiveStartAt: s.effectiveStartAt,
    dueAt: s.dueAt,
    rescheduledDueAt: s.rescheduledDueAt,
    warningAt: s.warningAt,
    finishedAt: s.finishedAt,
    returnedAt: s.returnedAt,
    provisional: s.provisional,
    sla: s.sla,
    pauses: s.pauses,
    dueHistory: s.dueHistory,
    supplementRequests: s.supplementRequests,
    steps: s.steps.map((st) => ({
      code: st.code,
      name: st.name ?? null,
      unitCode: st.unitCode,
      startedAt: st.startedAt,
      dueAt: st.dueAt,
      endedAt: st.endedAt,
      outcome: st.outcome,
      handoverMethod: st.handoverMethod,
      usedWorkingMinutes: st.usedWorkingMinutes,
      overrunWorkingMinutes: st.overrunWorkingMinutes,
    })),
    responsibleUnits: s.responsibleUnits,
    primaryResponsibleUnit: s.primaryResponsibleUnit,
    apology: s.apology
      ? {
          status: s.apology.status,
          deadline: s.apology.deadline,
          issuedAt: s.apology.issuedAt,
          newDueAt: s.apology.newDueAt,
          letterUrl: s.apology.issuedAt !== null ? `${base}/apology` : null,
        }
      : null,
    payments: s.payments,
    digitized: s.digitized,
    rating: s.rating,
    timeline: s.timeline,
  };
}
