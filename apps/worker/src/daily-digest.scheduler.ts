import { Inject, Injectable, Logger } from '@nestjs/common';
import { SendDailyDigest } from '@motcua/application';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import { PeriodicTask } from './periodic-task';

/**
 * Keeps the morning digest's job scheduler in Redis: the worker upserts it at start (NotificationsProcessor), and
 * this puts it back whenever Redis lost it (flushed or replaced), checked every TRACKER_SWEEP_INTERVAL_MS. Before,
 * the digest stopped after a Redis loss until a worker restarted (issue 12 runbook).
 */
@Injectable()
export class DailyDigestScheduler extends PeriodicTask {
  private readonly log = new Logger('mail');

  constructor(
    private readonly digest: SendDailyDigest,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.tracker.sweepIntervalMs;
  }

  async tick(): Promise<void> {
    try {
      if (await this.digest.ensureScheduled())
        this.log.warn('daily digest scheduler was missing in Redis: scheduled again');
    } catch (err) {
      this.log.warn(
        `daily digest scheduler not checked: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
}
