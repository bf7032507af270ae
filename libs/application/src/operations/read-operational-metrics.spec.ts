import type { OperationsFigures, OperationsRepository, WorklistRepository } from '@motcua/database';
import type { DeadlineTimers, QueueDepths } from '@motcua/queue';
import { FixedClock } from '../testing/in-memory.fakes';
import { metricsTokenAccepted } from './metrics-token';
import { ReadOperationalMetrics } from './read-operational-metrics.use-case';

const FIGURES: OperationsFigures = {
  unappliedEvents: 2,
  oldestUnappliedSeconds: 1.5,
  mails: { pending: 1, sent: 3, failed: 0 },
  recentApplyLatency: { events: 10, p50: 0.01, p90: 0.05, p99: 0.2, max: 0.3 },
};
const QUEUES = [{ queue: 'dossier-events' as const, waiting: 1, active: 0, delayed: 0, failed: 0 }];
const NOW = Date.parse('2025-03-14T09:00:00+07:00');

/** Each source answers what it is given: a value, a promise that never settles, or an error. */
function setup(postgres: () => Promise<OperationsFigures>, redis: () => Promise<number>) {
  const calls = { figures: 0, counts: [] as unknown[] };
  const sut = new ReadOperationalMetrics(
    {
      figures: () => {
        calls.figures += 1;
        return postgres();
      },
    } as unknown as OperationsRepository,
    {
      count: async (f: unknown) => {
        calls.counts.push(f);
        return 4;
      },
    } as unknown as WorklistRepository,
    { depths: async () => QUEUES } as unknown as QueueDepths,
    { armedCount: redis } as unknown as DeadlineTimers,
    new FixedClock(NOW),
  );
  return { sut, calls };
}

const never = <T>() => new Promise<T>(() => undefined);

describe('ReadOperationalMetrics', () => {
  it('reads both sources; the overdue count is the sla=overdue worklist of every unit at the clock', async () => {
    const { sut, calls } = setup(
      async () => FIGURES,
      async () => 7,
    );
    const m = await sut.read();
    expect(m.postgres).toMatchObject({ up: true, value: { ...FIGURES, overdueDossiers: 4 } });
    expect(m.redis).toMatchObject({ up: true, value: { queues: QUEUES, timersArmed: 7 } });
    expect(calls.counts).toEqual([{ scope: '*', sla: 'overdue', now: NOW }]);
  });

  it('a source slower than the timeout is down without holding the other; no second read piles up', async () => {
    const { sut, calls } = setup(never, async () => 7);
    const started = performance.now();
    const m = await sut.read(50);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(m.postgres).toMatchObject({ up: false, error: 'no answer within 50 ms' });
    expect(m.redis.up).toBe(true);
    // The first read still hangs: the next scrape waits on it instead of starting another.
    expect((await sut.read(50)).postgres.up).toBe(false);
    expect(calls.figures).toBe(1);
  });

  it('a failing source is down with its error, and read again at the next scrape', async () => {
    let fail = true;
    const { sut, calls } = setup(
      async () => (fail ? Promise.reject(new Error('connection refused')) : FIGURES),
      async () => Promise.reject(new Error('Redis is unreachable')),
    );
    const m = await sut.read();
    expect(m.postgres).toMatchObject({ up: false, error: 'connection refused' });
    expect(m.redis).toMatchObject({ up: false, error: 'Redis is unreachable' });
    fail = false;
    expect((await sut.read()).postgres.up).toBe(true);
    expect(calls.figures).toBe(2);
  });
});

describe('metricsTokenAccepted', () => {
  it('without a token every request may read; with one, only its exact bearer', () => {
    expect(metricsTokenAccepted(undefined, null)).toBe(true);
    const token = 'scrape-token-0123456789';
    expect(metricsTokenAccepted(`Bearer ${token}`, token)).toBe(true);
    for (const header of [undefined, '', token, `Bearer ${token}x`, `Basic ${token}`, 'Bearer '])
      expect(metricsTokenAccepted(header, token)).toBe(false);
  });
});
