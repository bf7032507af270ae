/**
 * Micro-benchmarks, run with `npm run bench` (optionally `npm run bench -- <name filter>`).
 * Add a benchmark by appending to CASES; pair cases through `baseline` to get a speed-up ratio,
 * and give `targetPerSecond` to get a pass/fail line.
 */
import { join } from 'node:path';
import {
  type Instant,
  createNaiveWalkCalendar,
  createWorkingCalendar,
  localInstant,
  toLocalDate,
} from '@motcua/calendar';
import { loadOfficialYears } from '@motcua/config';
import { benchDocuments } from './bench-documents';

interface BenchCase {
  name: string;
  /** Name of the case this one is compared against (ratio = this / baseline). */
  baseline?: string;
  /** Minimum acceptable median throughput, in operations per second. */
  targetPerSecond?: number;
  /** Runs `count` operations and returns a checksum so the JIT cannot discard the work. */
  run(count: number): number;
}

const ROUNDS = 7;
const ROUND_MS = 300;
const INPUTS = 20_000;

/** Deterministic xorshift32 so every run measures the same inputs. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x1_0000_0000;
  };
}

// ---------------------------------------------------------------- fixtures

const officialYears = loadOfficialYears(join(__dirname, '../config/calendars'));
const indexed = createWorkingCalendar({ officialYears });
const naive = createNaiveWalkCalendar({ officialYears });

const rnd = random(20260101);
const from = localInstant('2024-01-01', '00:00');
const to = localInstant('2026-12-31', '23:59:59');
/** Random receipt instants over 2024–2026 (any time of day, any day) and durations of 1..30 working days. */
const receipts: Instant[] = [];
const durations: number[] = [];
const others: Instant[] = [];
for (let i = 0; i < INPUTS; i++) {
  receipts.push(Math.floor(from + rnd() * (to - from)));
  durations.push(1 + Math.floor(rnd() * 30));
  others.push(receipts[i] + Math.floor((rnd() - 0.2) * 45 * 86_400_000));
}

/** One case per calendar for a given operation, so that ratios compare like with like. */
function pair(
  operation: string,
  build: (cal: typeof indexed | typeof naive) => (i: number) => number,
  targetPerSecond?: number,
): BenchCase[] {
  const make = (label: string, cal: typeof indexed | typeof naive, extra: Partial<BenchCase>): BenchCase => {
    const op = build(cal);
    return {
      name: `${operation} [${label}]`,
      ...extra,
      run(count) {
        let checksum = 0;
        for (let i = 0; i < count; i++) checksum = (checksum + op(i % INPUTS)) % 1_000_003;
        return checksum;
      },
    };
  };
  return [
    make('indexed', indexed, { baseline: `${operation} [naive walk]`, targetPerSecond }),
    make('naive walk', naive, {}),
  ];
}

const TARGET = 200_000;

const CASES: BenchCase[] = [
  // Hour-based due date (Thanh Hóa model): effective start + N × 480 working minutes.
  ...pair(
    'due date, hour-based',
    (cal) => (i) => cal.addWorkingMinutes(receipts[i], durations[i] * 480),
    TARGET,
  ),
  // Day-based due date: close of the N-th working day after the effective start's date.
  ...pair(
    'due date, day-based',
    (cal) => (i) => cal.closeOf(cal.addWorkingDays(toLocalDate(cal.nextOpening(receipts[i])), durations[i])),
    TARGET,
  ),
  // Elapsed working time between two instants up to ~45 days apart (KPIs, pauses).
  ...pair('elapsed working minutes', (cal) => (i) => cal.workingMinutesBetween(receipts[i], others[i])),
];

// ---------------------------------------------------------------- runner

interface Result {
  name: string;
  median: number;
  min: number;
  max: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Operations per second of one round lasting about ROUND_MS, after sizing the batch on a short probe. */
function measureRound(c: BenchCase, batch: number): number {
  let ops = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  let elapsedMs = 0;
  while (elapsedMs < ROUND_MS) {
    sink += c.run(batch);
    ops += batch;
    elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  }
  if (sink === -1) console.log('unreachable'); // keeps `sink` observable
  return (ops / elapsedMs) * 1000;
}

function bench(c: BenchCase): Result {
  // Warm-up: builds the per-year indexes and lets the JIT settle; also sizes batches to ~10 ms.
  const probeStart = process.hrtime.bigint();
  c.run(1000);
  const probeMs = Math.max(Number(process.hrtime.bigint() - probeStart) / 1e6, 0.01);
  const batch = Math.max(100, Math.round((1000 * 10) / probeMs));
  measureRound(c, batch);
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) rates.push(measureRound(c, batch));
  return { name: c.name, median: median(rates), min: Math.min(...rates), max: Math.max(...rates) };
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US').padStart(12);
}

async function main(): Promise<void> {
  const filter = process.argv[2];
  const selected = CASES.filter((c) => !filter || c.name.includes(filter));
  console.log(
    `motcua bench — node ${process.version}, ${ROUNDS} rounds × ~${ROUND_MS} ms per case, ${INPUTS} random inputs (2024–2026, N = 1..30 days)\n`,
  );
  console.log(`${'case'.padEnd(42)}${'median/s'.padStart(12)}${'min/s'.padStart(12)}${'max/s'.padStart(12)}`);
  const results = new Map<string, Result>();
  for (const c of selected) {
    const r = bench(c);
    results.set(c.name, r);
    console.log(`${c.name.padEnd(42)}${fmt(r.median)}${fmt(r.min)}${fmt(r.max)}`);
  }
  console.log('');
  let failed = false;
  for (const c of selected) {
    const r = results.get(c.name)!;
    const base = c.baseline ? results.get(c.baseline) : undefined;
    if (base)
      console.log(`${c.name}: ${(r.median / base.median).toFixed(1)}× faster than ${base.name} (medians)`);
    if (c.targetPerSecond !== undefined) {
      const ok = r.median >= c.targetPerSecond;
      failed ||= !ok;
      console.log(
        `${c.name}: target ≥ ${c.targetPerSecond.toLocaleString('en-US')}/s on one core — ${ok ? 'MET' : 'NOT MET'}`,
      );
    }
  }
  const documentsOk = await benchDocuments({ rounds: ROUNDS, roundMs: ROUND_MS, filter });
  process.exitCode = failed || !documentsOk ? 1 : 0;
}

void main();
