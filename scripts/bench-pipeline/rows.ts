// The pipeline bench's rounds and the table rows built from their medians, against the targets.
import type { Applied } from './database';
import type { DemoMonth } from './demo-month';
import { BATCH, type Load } from './load';
import { median, ms, n, type Row } from './report';

export const CONNECTIONS = 50;
export const FIXED_RATE = 2000;
export const BATCH_CONNECTIONS = 4;
/** The worker's steady feed: batches of 100 at FIXED_RATE / 100 requests/s (a rate the API sustains). */
export const STEADY_BATCH = 100;

export const TARGETS = {
  singleEventsPerSecond: 5000,
  p99AtFixedRateMs: 50,
  batchEventsPerSecond: 30_000,
  appliedPerSecond: 10_000,
  committedToAppliedP99AtFixedRateMs: 1000,
  demoMonthSeconds: 10,
};

export function emptyRounds() {
  return {
    single: [] as Load[],
    singleBare: [] as Load[],
    fixed: [] as Load[],
    fixedBare: [] as Load[],
    fixedApplied: [] as Applied[],
    steady: [] as Load[],
    steadyApplied: [] as Applied[],
    batches: [] as Load[],
    inserts: [] as number[],
    batchApplied: [] as Applied[],
    drainAfterBatchMs: [] as number[],
    dossiersBeforeBatchRound: [] as number[],
    workerBaseline: [] as number[],
    scaleSingle: [] as Load[],
    scaleBatches: [] as Load[],
    scaleApplied: [] as Applied[],
    demo: [] as DemoMonth[],
  };
}
export type Rounds = ReturnType<typeof emptyRounds>;

/** One row per figure measured (cases not run have none). */
export function tableRows(r: Rounds): Row[] {
  const med = <T>(xs: T[], f: (x: T) => number) => median(xs.map(f));
  const rows: Row[] = [];
  const reached = (perSecond: number) => perSecond >= 0.95 * FIXED_RATE;
  if (r.single.length)
    rows.push({
      what: `Single events, ${CONNECTIONS} connections`,
      measured: `${n(med(r.single, (x) => x.perSecond))} events/s, p50 ${ms(med(r.single, (x) => x.p50))}, p99 ${ms(med(r.single, (x) => x.p99))}`,
      baseline: `bare Node http: ${n(med(r.singleBare, (x) => x.perSecond))} req/s, p99 ${ms(med(r.singleBare, (x) => x.p99))}`,
      target: `≥ ${n(TARGETS.singleEventsPerSecond)} events/s`,
      value: med(r.single, (x) => x.perSecond),
      goal: TARGETS.singleEventsPerSecond,
      higherIsBetter: true,
    });
  if (r.fixed.length) {
    const fixedRate = med(r.fixed, (x) => x.perSecond);
    rows.push({
      what: `Latency at a fixed ${n(FIXED_RATE)} events/s`,
      measured: `p50 ${ms(med(r.fixed, (x) => x.p50))}, p99 ${ms(med(r.fixed, (x) => x.p99))} (${n(fixedRate)}/s reached)`,
      baseline: `bare Node http: p50 ${ms(med(r.fixedBare, (x) => x.p50))}, p99 ${ms(med(r.fixedBare, (x) => x.p99))}`,
      target: `p99 ≤ ${TARGETS.p99AtFixedRateMs} ms`,
      value: med(r.fixed, (x) => x.p99),
      goal: TARGETS.p99AtFixedRateMs,
      higherIsBetter: false,
      reached: reached(fixedRate),
    });
    rows.push({
      what: `Committed→applied at a steady ${n(FIXED_RATE)} events/s`,
      measured:
        `p50 ${ms(med(r.steadyApplied, (x) => x.p50))}, p99 ${ms(med(r.steadyApplied, (x) => x.p99))} (batches of ` +
        `${STEADY_BATCH}: ${n(med(r.steady, (x) => x.perSecond))} events/s reached); the single events above: ` +
        `p99 ${ms(med(r.fixedApplied, (x) => x.p99))}`,
      baseline: '—',
      target: `p99 ≤ ${ms(TARGETS.committedToAppliedP99AtFixedRateMs)}`,
      value: med(r.steadyApplied, (x) => x.p99),
      goal: TARGETS.committedToAppliedP99AtFixedRateMs,
      higherIsBetter: false,
      reached: reached(med(r.steady, (x) => x.perSecond)),
    });
  }
  const insertRate = `multi-row INSERT: ${r.inserts.length ? n(median(r.inserts)) : '—'} rows/s`;
  const perEvent = `one transaction per event: ${r.workerBaseline.length ? n(median(r.workerBaseline)) : '—'} events/s`;
  const batchRows = (label: string, b: Load[], a: Applied[]) => {
    if (!b.length) return;
    rows.push({
      what: `Batches of ${n(BATCH)}, ${BATCH_CONNECTIONS} connections${label}`,
      measured: `${n(med(b, (x) => x.perSecond))} events/s accepted`,
      baseline: insertRate,
      target: `≥ ${n(TARGETS.batchEventsPerSecond)} events/s`,
      value: med(b, (x) => x.perSecond),
      goal: TARGETS.batchEventsPerSecond,
      higherIsBetter: true,
    });
    rows.push({
      what: `Worker${label ? 's' : ''}, after those batches${label}`,
      measured: `${n(med(a, (x) => x.perSecond))} events/s applied; committed→applied p50 ${ms(med(a, (x) => x.p50))}, p99 ${ms(med(a, (x) => x.p99))}`,
      baseline: perEvent,
      target: `≥ ${n(TARGETS.appliedPerSecond)} events/s applied`,
      value: med(a, (x) => x.perSecond),
      goal: TARGETS.appliedPerSecond,
      higherIsBetter: true,
    });
  };
  batchRows('', r.batches, r.batchApplied);
  if (r.scaleSingle.length)
    rows.push({
      what: `Single events, ${CONNECTIONS} connections, 2 API processes + 2 workers`,
      measured: `${n(med(r.scaleSingle, (x) => x.perSecond))} events/s, p50 ${ms(med(r.scaleSingle, (x) => x.p50))}, p99 ${ms(med(r.scaleSingle, (x) => x.p99))}`,
      baseline: `one of each: ${r.single.length ? n(med(r.single, (x) => x.perSecond)) : '—'} events/s`,
      target: `≥ ${n(TARGETS.singleEventsPerSecond)} events/s`,
      value: med(r.scaleSingle, (x) => x.perSecond),
      goal: TARGETS.singleEventsPerSecond,
      higherIsBetter: true,
    });
  batchRows(', 2 API processes + 2 workers', r.scaleBatches, r.scaleApplied);
  if (r.demo.length)
    rows.push({
      what: `The demo month (${n(median(r.demo.map((d) => d.events)))} events), end to end`,
      measured: `${median(r.demo.map((d) => d.endToEndSeconds)).toFixed(1)} s from the first request to the last applied`,
      baseline: `its intake alone: ${median(r.demo.map((d) => d.sendSeconds)).toFixed(1)} s`,
      target: `≤ ${TARGETS.demoMonthSeconds} s`,
      value: median(r.demo.map((d) => d.endToEndSeconds)),
      goal: TARGETS.demoMonthSeconds,
      higherIsBetter: false,
    });
  return rows;
}
