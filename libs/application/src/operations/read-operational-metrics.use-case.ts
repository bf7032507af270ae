import { Inject, Injectable } from '@nestjs/common';
import { OperationsRepository, WorklistRepository, type OperationsFigures } from '@motcua/database';
import { DeadlineTimers, QueueDepths, type QueueDepth } from '@motcua/queue';
import { CLOCK, type Clock } from '../clock';

/** How long a scrape waits for one source: Prometheus' own scrape timeout is 10 s by default. */
export const METRICS_SOURCE_TIMEOUT_MS = 2_000;
/** The apply latency the API reports is over the applied events among this many newest recorded. */
export const RECENT_APPLY_WINDOW = 1_000;

export type MetricsSource = 'postgres' | 'redis';

/** One source's answer: its figures, or why there are none (down, or slower than the timeout). */
export type SourceReading<T> =
  { up: true; value: T; seconds: number } | { up: false; error: string; seconds: number };

export interface OperationalMetrics {
  postgres: SourceReading<OperationsFigures & { overdueDossiers: number }>;
  redis: SourceReading<{ queues: QueueDepth[]; timersArmed: number }>;
}

/**
 * The operators' gauges, read when Prometheus scrapes: PostgreSQL (projection lag, recent apply latency, mails,
 * overdue dossiers by the worklists' own rule) and Redis (queue depths, timers armed), each within a timeout.
 */
@Injectable()
export class ReadOperationalMetrics {
  /** Single flight per source: while a slow database still answers the last scrape, no second read piles up. */
  private readonly inflight = new Map<MetricsSource, Promise<unknown>>();

  constructor(
    private readonly operations: OperationsRepository,
    private readonly worklists: WorklistRepository,
    private readonly depths: QueueDepths,
    private readonly timers: DeadlineTimers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async read(timeoutMs = METRICS_SOURCE_TIMEOUT_MS): Promise<OperationalMetrics> {
    const now = this.clock.now();
    const [postgres, redis] = await Promise.all([
      this.source('postgres', timeoutMs, async () => {
        const [figures, overdueDossiers] = await Promise.all([
          this.operations.figures(RECENT_APPLY_WINDOW),
          // The `sla=overdue` worklist of every unit, at the apps' clock: the same rule the fold states.
          this.worklists.count({ scope: '*', sla: 'overdue', now }),
        ]);
        return { ...figures, overdueDossiers };
      }),
      this.source('redis', timeoutMs, async () => {
        const [queues, timersArmed] = await Promise.all([this.depths.depths(), this.timers.armedCount()]);
        return { queues, timersArmed };
      }),
    ]);
    return { postgres, redis };
  }

  private async source<T>(
    name: MetricsSource,
    timeoutMs: number,
    read: () => Promise<T>,
  ): Promise<SourceReading<T>> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    let pending = this.inflight.get(name) as Promise<T> | undefined;
    if (!pending) {
      pending = read();
      this.inflight.set(name, pending);
      const done = () => this.inflight.delete(name);
      pending.then(done, done);
    }
    try {
      return { up: true, value: await withTimeout(pending, timeoutMs), seconds: seconds() };
    } catch (err) {
      return { up: false, error: err instanceof Error ? err.message : String(err), seconds: seconds() };
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
