import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { ApplyEvents, type ApplyRequest, type ApplyResult } from '@motcua/application';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import { DOSSIER_EVENTS_QUEUE, type DossierEventJob } from '@motcua/queue';
import { MicroBatcher } from './micro-batcher';

/**
 * At most this many jobs per micro-batch, and this many batches (transactions) at once. A batch takes every job
 * waiting when it leaves, so it grows while the queue is deep and stays small (quick) when jobs trickle in. The
 * worker's concurrency (WORKER_CONCURRENCY, 1,000 by default) bounds the jobs in hand: two batches of 500 run
 * while the next gathers. Measured with scripts/bench-drain.ts (issue 11).
 */
const MAX_BATCH = 500;
const PARALLEL_BATCHES = 2;

/**
 * Applies committed events: concurrent jobs are gathered into micro-batches, each one transaction that re-folds
 * every dossier concerned once, under row locks. Safe to run twice.
 */
@Processor(DOSSIER_EVENTS_QUEUE)
export class DossierEventsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly batcher: MicroBatcher<ApplyRequest, ApplyResult>;
  private readonly log = new Logger('apply');

  constructor(
    apply: ApplyEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    this.batcher = new MicroBatcher((reqs) => apply.apply(reqs), MAX_BATCH, PARALLEL_BATCHES);
  }

  /** The decorator is read before the configuration exists, so the concurrency is set once the worker runs. */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.worker.concurrency;
  }

  async process(job: Job<DossierEventJob>): Promise<{ applied: boolean }> {
    const { eventId, dossierCode, v } = job.data;
    if (v !== 1) throw new UnrecoverableError(`unknown job payload version ${String(v)}`);
    const result = await this.batcher.submit({ eventId, dossierCode });
    // A job that can never succeed fails for good; BullMQ retries the rest with backoff.
    if (result.kind === 'unrecoverable') throw new UnrecoverableError(result.reason);
    if (result.kind === 'failed') throw result.error;
    // The recording request's id, read from the event's row: the job itself carries ids of the event only.
    if (result.kind === 'applied') {
      const requestId = result.requestId ?? null;
      this.log.debug('event applied', { eventId, dossierCode, jobId: job.id, requestId });
    }
    return { applied: result.kind === 'applied' };
  }
}
