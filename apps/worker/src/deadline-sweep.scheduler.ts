import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SweepDeadlines } from '@motcua/application';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import { DeadlineTimers } from '@motcua/queue';

/**
 * Keeps the sweep's BullMQ job scheduler (`upsertJobScheduler`, every TRACKER_SWEEP_INTERVAL_MS) in Redis: created at
 * start, and again whenever it is missing (Redis flushed or replaced), checked at the same interval. At start the
 * worker also sweeps once at once, so that what fell due while it was down is acted at without waiting.
 */
@Injectable()
export class DeadlineSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('tracker');
  private timer: NodeJS.Timeout | null = null;
  private pending: Promise<unknown> | null = null;

  constructor(
    private readonly timers: DeadlineTimers,
    private readonly sweeps: SweepDeadlines,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.pending = this.ensure()
      .then(() => this.sweeps.sweep())
      .catch((err: unknown) => this.warn('sweep', err))
      .finally(() => (this.pending = null));
    this.timer = setInterval(() => {
      if (!this.pending) this.pending = this.ensure().finally(() => (this.pending = null));
    }, this.config.tracker.sweepIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.pending;
  }

  /** Creates the job scheduler when Redis lacks it; never throws. */
  async ensure(): Promise<void> {
    try {
      if (await this.timers.ensureSweepScheduler(this.config.tracker.sweepIntervalMs))
        this.log.log(`sweep scheduled every ${this.config.tracker.sweepIntervalMs} ms`);
    } catch (err) {
      this.warn('job scheduler', err);
    }
  }

  private warn(what: string, err: unknown): void {
    this.log.warn(
      `${what}: ${err instanceof Error ? err.message : String(err)}; retried at the next interval`,
    );
  }
}
