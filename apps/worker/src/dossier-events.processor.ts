import { Inject } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError, type Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@motcua/config';
import { APP_CONFIG, CalendarService, CLOCK, type Clock } from '@motcua/core';
import { DossierProjector, type ApplyRequest, type ApplyResult } from '@motcua/database';
import { DOSSIER_EVENTS_QUEUE, type DossierEventJob } from '@motcua/queue';
import { MicroBatcher } from './micro-batcher';

type Outcome = ApplyResult | { kind: 'failed'; error: unknown };

/**
 * Applies committed events: concurrent jobs are gathered into micro-batches, each one transaction that re-folds
 * every dossier concerned once, under row locks. Safe to run twice.
 */
@Processor(DOSSIER_EVENTS_QUEUE, { concurrency: Number(process.env.WORKER_CONCURRENCY ?? 64) })
export class DossierEventsProcessor extends WorkerHost {
  private readonly batcher: MicroBatcher<ApplyRequest, Outcome>;

  constructor(
    @InjectDataSource() db: DataSource,
    calendars: CalendarService,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super();
    const projector = new DossierProjector(db, { calendarAt: (t) => calendars.at(t), settings: config.sla });
    this.batcher = new MicroBatcher(async (reqs): Promise<Outcome[]> => {
      const now = this.clock.now();
      try {
        return await projector.applyMany(reqs, now);
      } catch (err) {
        if (reqs.length === 1) throw err;
        // One failing dossier must not hold back the rest of the batch: retry them one by one.
        const out: Outcome[] = [];
        for (const r of reqs) {
          out.push(
            await projector.applyMany([r], now).then(
              ([x]) => x,
              (error: unknown) => ({ kind: 'failed' as const, error }),
            ),
          );
        }
        return out;
      }
    });
  }

  async process(job: Job<DossierEventJob>): Promise<{ applied: boolean }> {
    const { eventId, dossierCode, v } = job.data;
    if (v !== 1) throw new UnrecoverableError(`unknown job payload version ${String(v)}`);
    const result = await this.batcher.submit({ eventId, dossierCode });
    if (result.kind === 'unrecoverable') throw new UnrecoverableError(result.reason);
    if (result.kind === 'failed') throw result.error;
    return { applied: result.kind === 'applied' };
  }
}
