import { toLocalDate, type Instant } from '@motcua/calendar';
import { SYSTEM_EVENT_TYPES } from '@motcua/contracts';
import type { DossierState } from '@motcua/sla';

/**
 * Counters a dossier adds to the month it was received in (its `r` part): what it is, whatever became of it since;
 * `pending*` say whether it is open now, which the deadline tracker's events keep current.
 */
export const RECEIVED_COUNTERS = [
  'received',
  'online',
  'fullOnlineScope',
  'fullOnline',
  'routed',
  'routedElectronic',
  'handovers',
  'handoversElectronic',
  'feeBearing',
  'paidOnline',
  'digitized',
  'reused',
  'supplemented',
  'multiSupplemented',
  'apologyNeeded',
  'apologyOnTime',
  'receivedLate',
  'entries',
  'lateEntries',
  'pending',
  'pendingOverdue',
] as const;

/** Counters a dossier adds to the month it ended in (its `f` part). */
export const FINISHED_COUNTERS = [
  'resolved',
  'early',
  'onTime',
  'late',
  'ended',
  'endedInTime',
  'processed',
  'processedMinutes',
  'rated',
  'satisfied',
  'ratedOnline',
  'satisfiedOnline',
] as const;

export type ReceivedCounter = (typeof RECEIVED_COUNTERS)[number];
export type FinishedCounter = (typeof FINISHED_COUNTERS)[number];
export type Counter = ReceivedCounter | FinishedCounter;
export const COUNTERS: readonly Counter[] = [...RECEIVED_COUNTERS, ...FINISHED_COUNTERS];

/** Where a dossier counts: the rollup key of each of its parts. */
export interface FactsKey {
  unit: string;
  procedure: string;
  channel: string;
}

/**
 * What one dossier adds to the indicators, stored with its projection row (`dossiers.facts`). Only the non-zero
 * counters are kept; `rMonth`/`fMonth` are the local months (`YYYY-MM-01`) its two parts count in.
 */
export interface DossierFacts extends FactsKey {
  rMonth: string;
  r: Partial<Record<ReceivedCounter, number>>;
  fMonth: string | null;
  f: Partial<Record<FinishedCounter, number>>;
}

/** The catalogue facts of the procedure version a dossier was received under. */
export interface ProcedureFacts {
  leadUnitCode: string;
  feeVnd: number;
  onlineLevel: 'none' | 'partial' | 'full';
  requiresPaperResult: boolean;
}

/** One stored event, as far as late entries go. */
export interface EntryFacts {
  type: string;
  occurredAt: Instant;
  recordedAt: Instant;
}

export interface FactsInput {
  state: DossierState;
  procedure: ProcedureFacts | null;
  events: ReadonlyArray<EntryFacts>;
  /** Working minutes from effective start to finish without the pauses; null while open. */
  processingMinutes: number | null;
  lateEntryHours: number;
}

const SYSTEM = new Set<string>(SYSTEM_EVENT_TYPES);

export const monthOf = (t: Instant): string => `${toLocalDate(t).slice(0, 7)}-01`;

/**
 * The facts of a dossier, or null when it does not count (never received: refused at the desk, or not known yet).
 * Time-dependent facts come from the events the tracker logs (an overdue flag is a `deadline_reached` of the due
 * date in force), so the facts stay true between events.
 */
export function dossierFactsOf(input: FactsInput): DossierFacts | null {
  const { state, procedure } = input;
  if (state.receivedAt === null || state.status === 'REFUSED_AT_RECEPTION' || state.status === 'NEW')
    return null;
  const r: DossierFacts['r'] = {};
  const f: DossierFacts['f'] = {};
  const one = <K extends string>(o: Partial<Record<K, number>>, k: K, yes: boolean, n = 1) => {
    if (yes && n !== 0) o[k] = n;
  };
  const online = state.channel === 'online';
  one(r, 'received', true);
  one(r, 'online', online);
  const fullScope = procedure?.onlineLevel === 'full';
  one(r, 'fullOnlineScope', fullScope);
  one(r, 'fullOnline', fullScope && online);
  const handovers = state.handovers.length;
  const electronic = state.handovers.filter((h) => h.method === 'electronic').length;
  one(r, 'routed', handovers > 0);
  one(r, 'routedElectronic', handovers > 0 && electronic === handovers);
  one(r, 'handovers', true, handovers);
  one(r, 'handoversElectronic', true, electronic);
  const fee = (procedure?.feeVnd ?? 0) > 0 || state.payments.some((p) => p.amountVnd > 0);
  one(r, 'feeBearing', fee);
  one(r, 'paidOnline', fee && state.payments.some((p) => p.method === 'online' && p.amountVnd > 0));
  // §7.3 4.2: digitised components, and the e-result where the procedure issues a result on paper.
  const components = state.digitized.components > 0 || state.documents.digitized > 0;
  const resultDone =
    !procedure?.requiresPaperResult ||
    state.resultOutcome === null ||
    state.digitized.result ||
    state.electronicResult;
  one(r, 'digitized', components && resultDone);
  one(r, 'reused', state.documents.reused > 0);
  one(r, 'supplemented', state.supplementRequests >= 1);
  one(r, 'multiSupplemented', state.supplementRequests > 1);
  const open = state.finishedAt === null;
  // Overdue once the tracker acted at the due date in force: a pause that moved it makes the flag stale.
  const flagged = state.deadlinesReached.some((d) => d.kind === 'due' && d.at === state.dueAt);
  const apology = state.apology?.status ?? 'not_required';
  // An open dossier's "missing" depends on the reading instant; the tracker's flag at the due date does not.
  const owed = apology.startsWith('issued') || (open ? flagged : apology === 'missing');
  one(r, 'apologyNeeded', owed);
  one(r, 'apologyOnTime', apology === 'issued_on_time');
  one(r, 'receivedLate', state.receivedLate);
  const lateMs = input.lateEntryHours * 3_600_000;
  const entries = input.events.filter((e) => !SYSTEM.has(e.type));
  one(r, 'entries', true, entries.length);
  one(r, 'lateEntries', true, entries.filter((e) => e.recordedAt - e.occurredAt > lateMs).length);
  one(r, 'pending', open);
  one(r, 'pendingOverdue', open && flagged);

  if (state.finishedAt !== null) {
    const outcome = state.sla.outcome;
    one(f, 'resolved', outcome !== null);
    one(f, 'early', outcome === 'early');
    one(f, 'onTime', outcome === 'on_time');
    one(f, 'late', outcome === 'late');
    const byInstant = state.sla.outcomeByInstant;
    one(f, 'ended', byInstant !== null);
    one(f, 'endedInTime', byInstant === 'early' || byInstant === 'on_time');
    one(f, 'processed', input.processingMinutes !== null);
    one(f, 'processedMinutes', input.processingMinutes !== null, Math.round(input.processingMinutes ?? 0));
    const rated = state.rating !== null;
    const satisfied = state.rating === 'very_satisfied' || state.rating === 'satisfied';
    one(f, 'rated', rated);
    one(f, 'satisfied', satisfied);
    one(f, 'ratedOnline', rated && online);
    one(f, 'satisfiedOnline', satisfied && online);
  }
  return {
    unit: procedure?.leadUnitCode ?? state.unitCode ?? '',
    procedure: state.procedureCode ?? '',
    channel: state.channel ?? '',
    rMonth: monthOf(state.receivedAt),
    r,
    fMonth: state.finishedAt === null ? null : monthOf(state.finishedAt),
    f,
  };
}

/** One rollup row's change: the counters to add (negative to take away) at a key and month. */
export interface RollupDelta extends FactsKey {
  month: string;
  counts: Partial<Record<Counter, number>>;
}

const keyOf = (k: FactsKey & { month: string }) => `${k.month}|${k.unit}|${k.procedure}|${k.channel}`;

/**
 * What the rollups gain when dossiers' facts change from `before` to `after` (either null): the old parts taken
 * away, the new added, summed per row and without the rows that do not move; in key order, so that concurrent
 * writers lock rollup rows in the same order.
 */
export function rollupDeltas(
  changes: ReadonlyArray<{ before: DossierFacts | null; after: DossierFacts | null }>,
): RollupDelta[] {
  const rows = new Map<string, RollupDelta>();
  const add = (facts: DossierFacts | null, sign: 1 | -1) => {
    if (!facts) return;
    const parts: Array<[string | null, Partial<Record<Counter, number>>]> = [
      [facts.rMonth, facts.r],
      [facts.fMonth, facts.f],
    ];
    for (const [month, counts] of parts) {
      if (month === null) continue;
      const key = keyOf({ ...facts, month });
      let row = rows.get(key);
      if (!row) {
        row = { month, unit: facts.unit, procedure: facts.procedure, channel: facts.channel, counts: {} };
        rows.set(key, row);
      }
      for (const [k, v] of Object.entries(counts) as Array<[Counter, number]>)
        row.counts[k] = (row.counts[k] ?? 0) + sign * v;
    }
  };
  for (const c of changes) {
    add(c.before, -1);
    add(c.after, 1);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => ({
      ...row,
      counts: Object.fromEntries(Object.entries(row.counts).filter(([, v]) => v !== 0)),
    }))
    .filter((row) => Object.keys(row.counts).length > 0);
}
