import type { Queue } from 'bullmq';
import {
  DAILY_DIGEST_JOB,
  DAILY_DIGEST_SCHEDULER,
  DELIVER_JOB,
  notificationJobId,
  notificationJobOptions,
  type DailyDigestJob,
  type NotificationJob,
} from './queue.constants';
import { liveJobs } from './live-jobs';

/** The one place that puts mail jobs on the `notifications` queue and asks after them. */
export class NotificationQueue {
  constructor(
    private readonly queue: Queue,
    private readonly mail: { attempts: number; backoffMs: number },
  ) {
    // Redis away is reported by the calls that fail (the outbox and the relay log it); no unhandled 'error'.
    queue.on('error', () => undefined);
  }

  /** One delivery job per row (an id already queued is ignored by BullMQ). */
  async enqueue(notificationIds: string[]): Promise<void> {
    if (notificationIds.length === 0) return;
    const opts = notificationJobOptions(this.mail);
    await this.queue.addBulk(
      notificationIds.map((id) => ({
        name: DELIVER_JOB,
        data: { notificationId: id, v: 1 } satisfies NotificationJob,
        opts: { ...opts, jobId: notificationJobId(id) },
      })),
    );
  }

  /** The rows among these whose job is gone (never added, removed, lost with Redis) or finished. */
  async withoutLiveJob(notificationIds: string[]): Promise<string[]> {
    const live = await liveJobs(this.queue, notificationIds.map(notificationJobId));
    return notificationIds.filter((_, i) => !live[i]);
  }

  /**
   * Enqueues these rows again: a finished job under the row's id is removed first (BullMQ keeps its id); a job
   * that still waits is replaced, one that runs is left alone.
   */
  async redrive(notificationIds: string[]): Promise<void> {
    for (const id of notificationIds) await this.queue.remove(notificationJobId(id));
    await this.enqueue(notificationIds);
  }

  /**
   * Upserts the digest's scheduler when Redis lacks it (flushed or replaced), has another pattern, or its next run
   * is over an hour past (its job lost); says whether it did. A second run the same day mails nobody twice.
   */
  async ensureDailyDigest(pattern: string): Promise<boolean> {
    const existing = await this.queue.getJobScheduler(DAILY_DIGEST_SCHEDULER);
    if (existing?.pattern === pattern && (existing.next ?? 0) > Date.now() - 3_600_000) return false;
    await this.scheduleDailyDigest(pattern);
    return true;
  }

  /** The morning digest: a cron pattern in Asia/Ho_Chi_Minh (upserted: every worker may call it). */
  async scheduleDailyDigest(pattern: string): Promise<void> {
    await this.queue.upsertJobScheduler(
      DAILY_DIGEST_SCHEDULER,
      { pattern, tz: 'Asia/Ho_Chi_Minh' },
      {
        name: DAILY_DIGEST_JOB,
        data: { v: 1 } satisfies DailyDigestJob,
        opts: {
          attempts: 3,
          backoff: { type: 'exponential', delay: 60_000 },
          removeOnComplete: 100,
          removeOnFail: 100,
        },
      },
    );
  }
}
