/**
 * Views of a dossier that do not depend on the reading instant, so that the worker's projection (folded when
 * it applied the last event) can be compared with GET /api/v1/dossiers/:code (folded at request time).
 */
import type { Harness } from './harness';

const ms = (v: unknown): number | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (v instanceof Date) return v.getTime();
  return typeof v === 'string' ? Date.parse(v) : NaN;
};

export interface DossierView {
  status: string;
  nationalStatus: number | null;
  procedureCode: string | null;
  unitCode: string | null;
  channel: string | null;
  receivedAt: number | null;
  effectiveStartAt: number | null;
  dueAt: number | null;
  finishedAt: number | null;
  returnedAt: number | null;
  rating: string | null;
  outcome: string | null;
  outcomeByInstant: string | null;
  steps: Array<{
    code: string;
    unitCode: string;
    startedAt: number | null;
    endedAt: number | null;
    outcome: string | null;
  }>;
  timeline: Array<{
    id: string;
    type: string;
    occurredAt: number | null;
    status: string;
    reason: string | null;
  }>;
}

type AnyState = Record<string, any>;

function view(s: AnyState, procedureCode: string | null): DossierView {
  return {
    status: s.status,
    nationalStatus: s.nationalStatus,
    procedureCode,
    unitCode: s.unitCode,
    channel: s.channel,
    receivedAt: ms(s.receivedAt),
    effectiveStartAt: ms(s.effectiveStartAt),
    dueAt: ms(s.dueAt),
    finishedAt: ms(s.finishedAt),
    returnedAt: ms(s.returnedAt),
    rating: s.rating ?? null,
    outcome: s.sla?.outcome ?? null,
    outcomeByInstant: s.sla?.outcomeByInstant ?? null,
    steps: (s.steps as AnyState[]).map((st) => ({
      code: st.code,
      unitCode: st.unitCode,
      startedAt: ms(st.startedAt),
      endedAt: ms(st.endedAt),
      outcome: st.outcome ?? null,
    })),
    timeline: (s.timeline as AnyState[]).map((t) => ({
      id: t.id,
      type: t.type,
      occurredAt: ms(t.occurredAt),
      status: t.status,
      reason: t.reason ?? null,
    })),
  };
}

/** From a GET /api/v1/dossiers/:code body (instants as ISO strings). */
export function viewOfContract(body: AnyState): DossierView {
  return view(body, body.procedure?.code ?? null);
}

/** From the `state` jsonb of the `dossiers` projection row (instants as epoch ms). */
export function viewOfState(state: AnyState): DossierView {
  return view(state, state.procedureCode ?? null);
}

export interface ProjectionRow {
  code: string;
  procedure_code: string | null;
  unit_code: string | null;
  units: string[];
  channel: string | null;
  status: string;
  national_status: number | null;
  is_open: boolean;
  is_paused: boolean;
  received_at: Date | null;
  due_at: Date | null;
  finished_at: Date | null;
  outcome: string | null;
  outcome_by_instant: string | null;
  state: AnyState;
  applied_seq: string;
}

export async function projectionRow(h: Harness, code: string): Promise<ProjectionRow | undefined> {
  const [row] = await h.query<ProjectionRow>('SELECT * FROM dossiers WHERE code = $1', [code]);
  return row;
}

/** The projection's columns and state, checked against a fresh fold served by the API. */
export function expectProjectionMatches(row: ProjectionRow, body: AnyState): void {
  expect(viewOfState(row.state)).toEqual(viewOfContract(body));
  expect({
    status: row.status,
    nationalStatus: row.national_status,
    procedureCode: row.procedure_code,
    unitCode: row.unit_code,
    channel: row.channel,
    receivedAt: ms(row.received_at),
    dueAt: ms(row.due_at),
    finishedAt: ms(row.finished_at),
  }).toEqual({
    status: body.status,
    nationalStatus: body.nationalStatus,
    procedureCode: body.procedure?.code ?? null,
    unitCode: body.unitCode,
    channel: body.channel,
    receivedAt: ms(body.receivedAt),
    dueAt: ms(body.dueAt),
    finishedAt: ms(body.finishedAt),
  });
  const finished = ['RESULT_READY', 'RETURNED', 'WITHDRAWN', 'STOPPED', 'REFUSED_AT_RECEPTION'].includes(
    body.status,
  );
  if (finished) {
    expect(row.outcome).toBe(body.sla.outcome);
    expect(row.outcome_by_instant).toBe(body.sla.outcomeByInstant);
  }
}
