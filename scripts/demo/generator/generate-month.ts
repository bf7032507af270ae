// Pure generator: (seed, month, catalogue, calendar, now) → the time-ordered events of a synthetic month at the
// one-stop desk, plus what the demo expects the engine to conclude for each dossier. No I/O, no clock reads.
import { type DemoCalendar, MIN_MS, dateOfDay, dayOf, dayOfDate, formatLocal } from '../calendar';
import { rng, uuidFrom } from '../prng';
import { DEFAULT_SLA, deadlines } from './deadline.rules';
import { lifeOf } from './dossier-life';
import { expectationOf } from './expectation';
import type {
  DemoEvent,
  DemoSla,
  GeneratedDossier,
  GeneratorContext,
  Head,
  PlannedEvent,
  Procedure,
  Unit,
} from './generator.types';
import {
  OFF_DAY_WEIGHT,
  POPULARITY,
  RARE,
  WEEKDAY_WEIGHT,
  apportion,
  listDays,
  receiptsOfDay,
} from './receipts';

export interface MonthInput {
  seed: number;
  /** Dossiers received in the month. */
  dossiers: number;
  /** 'YYYY-MM' */
  month: string;
  /** Epoch ms: events after it are not emitted (they have not happened yet). */
  now: number;
  procedures: readonly Procedure[];
  units: readonly Unit[];
  calendar: DemoCalendar;
  /** config/settings.json `sla` (documented defaults otherwise). */
  sla?: Partial<DemoSla>;
  /** Receipts continue after the month for this many days up to now (null: all). */
  tailDays?: number | null;
  /** Who signs apologies for each unit. */
  heads: ReadonlyMap<string, Head>;
  deskUnit?: string;
  codePrefix?: string;
}

export interface GeneratedMonth {
  events: DemoEvent[];
  dossiers: GeneratedDossier[];
  window: { monthFrom: string; monthTo: string; tailEnd: string | null; cutoff: number };
}

type NumberedEvent = PlannedEvent & { id: string; dossierCode: string };

export function generateMonth(o: MonthInput): GeneratedMonth {
  const sla = { ...DEFAULT_SLA, ...o.sla };
  const cal = o.calendar;
  const dl = deadlines(cal, sla);
  const deskUnit = o.deskUnit || (o.units.find((u) => u.kind === 'one_stop') ?? { code: 'LDTBXH.MC' }).code;
  const codePrefix = o.codePrefix || 'H57.12';
  const seed = String(o.seed);
  const popR = rng(seed, 'popularity');
  const popularity = new Map(
    o.procedures.map((p) => [p.code, (POPULARITY[p.code] ?? RARE) * popR.uniform(0.8, 1.25)]),
  );
  const ctx: GeneratorContext = {
    cal,
    dl,
    sla,
    seed,
    deskUnit,
    procedures: o.procedures,
    popularity,
    heads: o.heads,
  };

  const [y, m] = o.month.split('-').map(Number);
  const monthFrom = `${o.month}-01`;
  const monthTo = dateOfDay(
    dayOfDate(`${y + (m === 12 ? 1 : 0)}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`) - 1,
  );
  const cutoff = o.now - 2 * MIN_MS; // a little margin: the API refuses events stamped in its future
  const today = dateOfDay(dayOf(cutoff));
  const tailEnd =
    o.tailDays === null || o.tailDays === undefined
      ? today
      : dateOfDay(Math.min(dayOf(cutoff), dayOfDate(monthTo) + o.tailDays));
  const monthDays = listDays(monthFrom, monthTo);
  const tailDays = tailEnd > monthTo ? listDays(dateOfDay(dayOfDate(monthTo) + 1), tailEnd) : [];
  const dayWeight = (d: number): number => {
    const jitter = rng(seed, 'jitter', dateOfDay(d)).uniform(0.85, 1.15);
    return (cal.isWorkingDay(d) ? WEEKDAY_WEIGHT[(d + 4) % 7] || 1 : OFF_DAY_WEIGHT) * jitter;
  };
  const monthWeights = monthDays.map(dayWeight);
  const monthCounts = apportion(o.dossiers, monthWeights);
  const rate = o.dossiers / monthWeights.reduce((a, b) => a + b, 0);

  const all: NumberedEvent[] = [];
  const dossiers: GeneratedDossier[] = [];
  const days = [
    ...monthDays.map((d, i) => [d, monthCounts[i]]),
    ...tailDays.map((d) => [d, Math.round(rate * dayWeight(d))]),
  ];
  for (const [d, count] of days) {
    const receipts = receiptsOfDay(ctx, d, count);
    const yymmdd = dateOfDay(d).slice(2).replace(/-/g, '');
    receipts.forEach((rc, i) => {
      if (rc.t > cutoff) return; // received later today: not yet
      const code = `${codePrefix}-${yymmdd}-${String(i + 1).padStart(4, '0')}`;
      const { events, plan } = lifeOf(ctx, rc, code);
      events.sort((a, b) => a.t - b.t);
      // Every event strictly after the previous one: equal instants would leave the order to the type rank.
      for (let k = 1; k < events.length; k++)
        if (events[k].t <= events[k - 1].t) events[k].t = events[k - 1].t + MIN_MS;
      const full = events.length;
      const kept = events
        .filter((e) => e.t <= cutoff)
        .map((e, k): NumberedEvent => ({ ...e, id: uuidFrom(seed, code, k, e.type), dossierCode: code }));
      const expect = expectationOf(ctx, rc.procedure, kept, cutoff);
      dossiers.push({
        code,
        procedureCode: rc.procedure.code,
        channel: rc.channel,
        receivedAt: rc.t,
        inMonth: dateOfDay(d) <= monthTo,
        plan,
        expect,
        events: kept.length,
        pendingEvents: full - kept.length,
      });
      for (const e of kept) all.push(e);
    });
  }
  all.sort(
    (a, b) => a.t - b.t || (a.dossierCode < b.dossierCode ? -1 : a.dossierCode > b.dossierCode ? 1 : 0),
  );
  const events = all.map((e): DemoEvent => ({
    id: e.id,
    dossierCode: e.dossierCode,
    type: e.type,
    occurredAt: formatLocal(e.t),
    data: e.data,
    actor: e.actor,
    t: e.t,
  }));
  return {
    events,
    dossiers,
    window: { monthFrom, monthTo, tailEnd: tailDays.length ? tailEnd : null, cutoff },
  };
}
