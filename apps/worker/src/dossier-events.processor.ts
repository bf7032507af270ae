import { Inject, Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError, type Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { WorkingCalendar } from '@motcua/calendar';
import type { AppConfig } from '@motcua/config';
import { APP_CONFIG, CALENDAR, CLOCK, type Clock } from '@motcua/core';
import { DossierProjector } from '@motcua/database';
import { DOSSIER_EVENTS_QUEUE, type DossierEventJob } from '@motcua/queue';

/** Applies one committed event: re-folds its dossier under a row lock. Safe to run twice. */
@Processor(DOSSIER_EVENTS_QUEUE, { concurrency: Number(process.env.WORKER_CONCURRENCY ?? 8) })
export class DossierEventsProcessor extends WorkerHost {
  private readonly log = new Logger('projection');
  private readonly projector: DossierProjector;

  constructor(
    @InjectDataSource() db: DataSource,
    @Inject(CALENDAR) calendar: WorkingCalendar,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super();
    this.projector = new DossierProjector(db, { calendar, settings: config.sla });
  }

  async process(job: Job<DossierEventJob>): Promise<{ applied: boolean }> {
    const { eventId, dossierCode, v } = job.data;
    if (v !== 1) throw new UnrecoverableError(`unknown job payload version ${String(v)}`);
    const applied = await this.projector.apply(eventId, dossierCode, this.clock.now());
    if (applied) this.log.debug(`applied ${eventId} to ${dossierCode}`);
    return { applied };
  }
}
