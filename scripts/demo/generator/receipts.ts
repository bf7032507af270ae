// How many dossiers arrive each day, and each receipt's procedure, channel and time, from the day's own stream.
import { MIN_MS, at, clock, dateOfDay, dayOfDate } from '../calendar';
import { rng } from '../prng';
import type { Channel, GeneratorContext, Procedure, Receipt } from './generator.types';

/** Relative popularity at a provincial DOLISA desk (invented; unemployment benefit and work permits dominate). */
export const POPULARITY: Readonly<Record<string, number>> = {
  '1.014748': 30,
  '1.014199': 15,
  '1.014201': 8,
  '1.014200': 4,
  '1.014196': 6,
  '1.014197': 1,
  '1.014198': 2,
  '2.002307': 8,
  '1.014359': 5,
  'EX.001': 4,
  'EX.002': 3,
  'EX.003': 3,
  'EX.004': 1,
  'EX.005': 0.5,
  'EX.014': 2,
  'EX.015': 3,
  'EX.018': 6,
  'EX.020': 6,
  '1.014749': 4,
  '2.000286': 2,
  '2.000282': 1,
  '1.014750': 1,
  'EX.019': 1,
  'EX.006': 1,
};
export const RARE = 0.4;

/** Weekday weights of the desk's traffic (Monday peak); non-working days only see online self-service receipts. */
export const WEEKDAY_WEIGHT = [0, 1.25, 1.05, 1, 1, 0.9, 0];
export const OFF_DAY_WEIGHT = 0.05;

/** Local epoch days from one date to another, both included. */
export function listDays(fromDate: string, toDate: string): number[] {
  const out: number[] = [];
  for (let d = dayOfDate(fromDate); d <= dayOfDate(toDate); d++) out.push(d);
  return out;
}

/** Splits `total` over days in proportion to `weights` (largest remainder): the month has exactly N dossiers. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((s, c) => s + c, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k][1]]++;
  return counts;
}

/** The receipts of one day (procedure, channel, times), from the day's own random stream. */
export function receiptsOfDay(ctx: GeneratorContext, d: number, count: number): Receipt[] {
  const { cal, seed, procedures } = ctx;
  const r = rng(seed, 'day', dateOfDay(d));
  const working = cal.isWorkingDay(d);
  const pool = working ? procedures : procedures.filter((p) => p.onlineLevel !== 'none');
  const weights = pool.map((p): [Procedure, number] => [p, ctx.popularity.get(p.code) ?? 0]);
  const out: Receipt[] = [];
  for (let i = 0; i < count; i++) {
    const p = r.weighted(weights);
    let channel: Channel;
    if (!working) channel = 'online';
    else if (p.onlineLevel === 'full')
      channel = r.weighted<Channel>([
        ['online', 78],
        ['direct', 17],
        ['postal', 5],
      ]);
    else if (p.onlineLevel === 'partial')
      channel = r.weighted<Channel>([
        ['online', 55],
        ['direct', 37],
        ['postal', 8],
      ]);
    else
      channel = r.weighted<Channel>([
        ['direct', 85],
        ['postal', 15],
      ]);
    let t: number;
    let submittedAt: number | undefined;
    if (channel === 'online' && (!working || r.chance(0.18))) {
      // Self-service portal receipt: any hour, evenings and weekends included; the clock starts at the next opening.
      const hour = r.weighted([
        [6, 1],
        [9, 3],
        [14, 3],
        [19, 4],
        [22, 1],
      ]);
      // Whole minutes, like every instant the demo sends: the submission is the receipt, never seconds after it.
      t = Math.floor(at(d, Math.floor((hour + r.next() * 1.9) * 3600_000)) / MIN_MS) * MIN_MS;
      submittedAt = t;
    } else if (channel === 'direct' && r.chance(0.015)) {
      // The queue at the counter is served past closing time now and then.
      t = at(d, clock('17:00') + r.int(1, 20) * MIN_MS);
    } else {
      // Mornings are busier at the counter; the officer also works through the portal queue then.
      const morning = r.chance(0.6);
      const minutes = morning ? r.uniform(0, 270) : r.uniform(270, 480);
      t = cal.addWorkingMinutes(cal.openingOf(d), minutes);
      if (channel === 'online') submittedAt = t - Math.round(Math.min(96, r.lognormal(3, 1.1)) * 3600_000);
    }
    out.push({ procedure: p, channel, t: Math.floor(t / MIN_MS) * MIN_MS, submittedAt, k: i });
  }
  out.sort((a, b) => a.t - b.t || a.k - b.k);
  return out;
}
