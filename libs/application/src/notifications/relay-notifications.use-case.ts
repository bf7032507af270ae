import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import { NotificationRepository } from '@motcua/database';
import { NotificationQueue } from '@motcua/queue';
import { CLOCK, type Clock } from '../clock';
import { DeliverNotification } from './deliver-notification.use-case';

const BATCH = 500;
const CHECK_BATCH = 200;

/**
 * The mail outbox's relay (like the event outbox's): PostgreSQL is the truth, the queue only carries it.
 * Each pass (never throws):
 * 1. enqueues the pending mails whose time has come and that have no job (a staff mail held until the office
 *    opened, or one whose enqueue after the claim failed);
 * 2. asks the queue about pending mails whose job was last seen over RELAY_STALE_MS ago, and re-drives those
 *    whose job is gone (Redis lost it, it was removed) or finished without settling the row;
 * 3. logs the timeline events of mails that settled without them (a crash between the two).
 */
@Injectable()
export class RelayNotifications {
  private readonly log = new Logger('mail-relay');

  constructor(
    private readonly repo: NotificationRepository,
    private readonly queue: NotificationQueue,
    private readonly deliver: DeliverNotification,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async pass(): Promise<{ enqueued: number; redriven: number; logged: number }> {
    const out = { enqueued: 0, redriven: 0, logged: 0 };
    try {
      const now = this.clock.now();
      for (;;) {
        const due = await this.repo.dueWithoutJob(now, BATCH);
        if (due.length === 0) break;
        // A re-drive: a mail held after an attempt outside office hours still has its finished job under its id.
        await this.queue.redrive(due);
        await this.repo.markJobSeen(due);
        out.enqueued += due.length;
        if (due.length < BATCH) break;
      }
      const checked = await this.repo.jobsToCheck(this.config.worker.relayStaleMs, CHECK_BATCH);
      if (checked.length > 0) {
        const gone = await this.queue.withoutLiveJob(checked);
        // A job that finished since the read settled its row first, or held it until the office opens (a staff
        // mail run after closing): only rows still pending and not held have lost theirs.
        const lost = gone.length > 0 ? await this.repo.pendingWithJob(gone) : [];
        if (lost.length > 0) {
          await this.queue.redrive(lost);
          this.log.warn(`re-drove ${lost.length} mail(s) whose delivery job was lost`);
        }
        // Not markJobSeen: that would take a hold back, and the held mail's finished job would look lost again.
        await this.repo.markChecked(checked);
        out.redriven = lost.length;
      }
      out.logged = await this.deliver.logOutcomes(await this.repo.unlogged(BATCH));
    } catch (err) {
      this.log.warn(
        `mail relay pass failed, will retry: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    return out;
  }
}
