import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { ApplyEvents, type ApplyRequest, type ApplyResult } from '@motcua/application';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import { DOSSIER_EVENTS_QUEUE, type DossierEventJob } from '@motcua/queue';
import { MicroBatcher } from './micro-batcher';

/**
 * At most this many events per micro-batch, and this many batches (transactions) at once. A batch takes every
 * event waiting when it leaves, so it grows while the queue is deep and stays small (quick) when events trickle in.
 * The worker's concurrency (WORKER_CONCURRENCY, 100 jobs by default, each of up to DOSSIER_EVENT_JOB_SIZE events)
 * bounds the events in hand. Measured with scripts/bench-drain.ts (issue 11).
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

  /** Applies the job's events; answers how many of them this run applied (the others were applied before). */
  async process(job: Job<DossierEventJob>): Promise<{ applied: number }> {
    const events = eventsOf(job.data);
    const results = await Promise.all(events.map((e) => this.batcher.submit(e)));
    // A failure to retry wins: the retry finds the others applied and leaves them. What can never succeed fails
    // the job for good once nothing else is left to retry.
    const failed = results.find((r) => r.kind === 'failed');
    if (failed) throw failed.error;
    const unrecoverable = results.find((r) => r.kind === 'unrecoverable');
    if (unrecoverable) throw new UnrecoverableError(unrecoverable.reason);
    results.forEach((result, i) => {
      // The recording request's id, read from the event's row: the job itself carries ids of events only.
      if (result.kind === 'applied') {
        const requestId = result.requestId ?? null;
        this.log.debug('event applied', { ...events[i], jobId: job.id, requestId });
      }
    });
    return { applied: results.filter((r) => r.kind === 'applied').length };
  }
}

/** The events a job carries, in either payload version. */
export function eventsOf(data: DossierEventJob): ApplyRequest[] {
  if (data.v === 1) return [{ eventId: data.eventId, dossierCode: data.dossierCode }];
  if (data.v === 2 && Array.isArray(data.events)) return data.events;
  throw new UnrecoverableError(`unknown job payload version ${String((data as { v?: unknown }).v)}`);
}
