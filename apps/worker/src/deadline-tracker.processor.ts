import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { CLOCK, FireDueDeadlines, SweepDeadlines, type Clock } from '@motcua/application';
import {
  DEADLINE_TRACKER_QUEUE,
  SWEEP_JOB,
  TIMER_JOB,
  type DeadlineTimerJob,
  type SweepJob,
} from '@motcua/queue';
import { MicroBatcher } from './micro-batcher';

/** Timer jobs the tracker's worker runs at once (gathered into micro-batches of "fire what is due"). */
const TIMER_CONCURRENCY = 64;

/**
 * The deadline tracker's jobs: a delayed timer fires what is due for its dossier (timers of the same moment are
 * gathered into one call), and the job scheduler's sweep acts at everything overdue and refills the horizon.
 * Both go through FireDueDeadlines, so a timer and the sweep never log a deadline twice.
 */
@Processor(DEADLINE_TRACKER_QUEUE)
export class DeadlineTrackerProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly batcher: MicroBatcher<string, null>;

  constructor(
    fire: FireDueDeadlines,
    private readonly sweeps: SweepDeadlines,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super();
    this.batcher = new MicroBatcher<string, null>(async (codes) => {
      await fire.fire(codes, 'timer');
      return codes.map(() => null);
    });
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = TIMER_CONCURRENCY;
  }

  async process(job: Job<DeadlineTimerJob | SweepJob>, token?: string): Promise<unknown> {
    if (job.data.v !== 1) throw new UnrecoverableError(`unknown job payload version ${String(job.data.v)}`);
    if (job.name === SWEEP_JOB) return this.sweeps.sweep();
    if (job.name !== TIMER_JOB) throw new UnrecoverableError(`unknown job ${job.name}`);
    const timer = job.data as DeadlineTimerJob;
    // Redis's clock ran ahead of the app's (or the app's was set back): wait for the deadline by the app clock.
    const early = timer.at - this.clock.now();
    if (early > 0) {
      await job.moveToDelayed(Date.now() + early, token);
      throw new DelayedError();
    }
    await this.batcher.submit(timer.dossierCode);
    return { dossierCode: timer.dossierCode };
  }
}
