import type { Pool } from 'pg';
import { type Sample, liveness, throughputBeforeFaults } from './chaos-checks';

/** A sample a second: `applied(t)` events applied in second t, `offered` committed each second while t < loadEnd. */
function curve(seconds: number, offered: number, loadEnd: number, applied: (t: number) => number): Sample[] {
  const out: Sample[] = [];
  let total = 0;
  let done = 0;
  for (let t = 0; t <= seconds; t += 1) {
    out.push({ at: t * 1000, total, unapplied: total - done });
    if (t < loadEnd) total += offered;
    done = Math.min(total, done + applied(t));
  }
  return out;
}

// The worst-latency query only: the checks' arithmetic is what is tested here.
const db = { query: async () => ({ rows: [{ worst: null }] }) } as unknown as Pool;

/** C5 over one fault from `from` to `to` s, the load offered at `rate` until `loadEnd` s. */
const check = (
  samples: Sample[],
  from: number,
  to: number,
  rate: number,
  loadEnd: number,
  limitMs: number,
  mustKeepUp = false,
) =>
  liveness(
    db,
    samples,
    [{ name: 'kill', start: from * 1000, end: to * 1000 }],
    rate,
    { start: 0, end: loadEnd * 1000 },
    limitMs,
    mustKeepUp,
  );

describe('C5 liveness', () => {
  it('takes the median rate applied before the first fault as the machine’s throughput', () => {
    const samples = curve(60, 1000, 60, (t) => (t < 30 ? 600 : 0));
    expect(throughputBeforeFaults(samples, 0, 30_000)).toBeCloseTo(600, 0);
    // Too few samples before the fault: no baseline.
    expect(throughputBeforeFaults(samples, 0, 8000)).toBeNull();
  });

  it('on a saturated machine, counts a fault recovered when the rate before it is back, backlog or not', async () => {
    // Offered 1,000/s, applied 600/s; a fault stops everything from 30 s to 40 s, and 700/s follow.
    const samples = curve(120, 1000, 100, (t) => (t < 30 ? 600 : t < 40 ? 0 : 700));
    const c = await check(samples, 30, 35, 1000, 100, 60_000);
    expect(c.detail).toMatchObject({
      keptUpBeforeFaults: false,
      appliedBeforeFaults: 600,
      recoveryTarget: 540,
    });
    const [f] = c.detail.faults as Array<{ recoveryMs: number; ok: boolean }>;
    expect(f.recoveryMs).toBeGreaterThanOrEqual(5000);
    expect(f.recoveryMs).toBeLessThanOrEqual(9000);
    expect(c.passed).toBe(true);
  });

  it('on a saturated machine, fails a fault after which throughput stays below 90% of what it was', async () => {
    const samples = curve(200, 1000, 100, (t) => (t < 30 ? 600 : 500));
    const c = await check(samples, 30, 35, 1000, 100, 60_000);
    // Recovered only once the load is over and the backlog drained, long after the limit.
    expect((c.detail.faults as Array<{ recoveryMs: number }>)[0].recoveryMs).toBeGreaterThan(60_000);
    expect(c.passed).toBe(false);
  });

  it('where the machine kept up, asks for the offered rate and a drained backlog again', async () => {
    // 200/s offered and applied; after the fault 200/s again but the backlog of 10 s stays: not recovered.
    const samples = curve(100, 200, 90, (t) => (t < 30 ? 200 : t < 40 ? 0 : 200));
    const c = await check(samples, 30, 40, 200, 90, 30_000);
    expect(c.detail).toMatchObject({ keptUpBeforeFaults: true, recoveryTarget: 180 });
    expect(c.passed).toBe(false);
    // The same fault with a catch-up at 400/s drains the backlog in about 10 s: recovered.
    const quick = curve(100, 200, 90, (t) => (t < 30 ? 200 : t < 40 ? 0 : 400));
    const ok = await check(quick, 30, 40, 200, 90, 30_000);
    expect(ok.passed).toBe(true);
  });

  it('at a size the machine must keep up with, asks for the offered rate even when the start was slow', async () => {
    // Warming up at 130/s of the 200/s offered before an early fault, then 200/s: the backlog never drains.
    const samples = curve(100, 200, 90, (t) => (t < 15 ? 130 : t < 20 ? 0 : 200));
    const relaxed = await check(samples, 15, 20, 200, 90, 30_000);
    expect(relaxed.detail).toMatchObject({ keptUpBeforeFaults: false, recoveryTarget: 117 });
    expect(relaxed.passed).toBe(true);
    const strict = await check(samples, 15, 20, 200, 90, 30_000, true);
    expect(strict.detail).toMatchObject({ keptUpBeforeFaults: true, mustKeepUp: true, recoveryTarget: 180 });
    expect(strict.passed).toBe(false);
  });
});
