import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { DeliverNotification, SendDailyDigest } from '@motcua/application';
import {
  CAPPED_EXPONENTIAL,
  cappedExponentialDelay,
  DAILY_DIGEST_JOB,
  DELIVER_JOB,
  NOTIFICATIONS_QUEUE,
  type NotificationJob,
} from '@motcua/queue';

/**
 * The mail worker: delivers the outbox's mails one job per row (a failed attempt is retried with the capped
 * exponential backoff, up to MAIL_ATTEMPTS) and runs the morning digest from its job scheduler. A worker killed
 * while sending loses its lock within 15 s; the stalled-job check (every 5 s) gives the job to another.
 */
@Processor(NOTIFICATIONS_QUEUE, {
  concurrency: 4,
  lockDuration: 15_000,
  stalledInterval: 5_000,
  settings: {
    backoffStrategy: (attemptsMade, type, _err, job) =>
      type === CAPPED_EXPONENTIAL
        ? cappedExponentialDelay(
            attemptsMade,
            (job?.opts.backoff as { delay?: number } | undefined)?.delay ?? 30_000,
          )
        : 0,
  },
})
export class NotificationsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly log = new Logger('mail');

  constructor(
    private readonly deliver: DeliverNotification,
    private readonly digest: SendDailyDigest,
  ) {
    super();
  }

  /** The digest's job scheduler; not awaited, so that a Redis still coming up does not hold the start. */
  onApplicationBootstrap(): void {
    this.digest.schedule().then(
      (pattern) => this.log.log(`daily digest scheduled (${pattern}, Asia/Ho_Chi_Minh, working days)`),
      (err: unknown) =>
        this.log.warn(`daily digest not scheduled: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  async process(job: Job): Promise<{ result: string } | { claimed: number }> {
    switch (job.name) {
      case DELIVER_JOB: {
        const { notificationId, v } = job.data as NotificationJob;
        if (v !== 1) throw new UnrecoverableError(`unknown job payload version ${String(v)}`);
        const number = job.attemptsMade + 1;
        const result = await this.deliver.deliver(notificationId, {
          number,
          last: number >= (job.opts.attempts ?? 1),
        });
        return { result };
      }
      case DAILY_DIGEST_JOB:
        return { claimed: await this.digest.run() };
      default:
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }
}
