import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import {
  DOSSIER_EVENT_JOB_OPTIONS,
  DOSSIER_EVENTS_QUEUE,
  dossierEventJobId,
  type DossierEventJob,
} from './queue.constants';
import { liveJobs } from './live-jobs';

type EventRef = { id: string; dossierCode: string };

/** The one place that puts dossier-event jobs on the queue (API after commit, relay for the rest). */
@Injectable()
export class DossierEventQueue {
  constructor(@InjectQueue(DOSSIER_EVENTS_QUEUE) private readonly queue: Queue) {}

  async enqueue(events: EventRef[]): Promise<void> {
    if (events.length === 0) return;
    await this.queue.addBulk(
      events.map((e) => ({
        name: 'apply',
        data: { eventId: e.id, dossierCode: e.dossierCode, v: 1 } satisfies DossierEventJob,
        opts: { ...DOSSIER_EVENT_JOB_OPTIONS, jobId: dossierEventJobId(e.id) },
      })),
    );
  }

  /** The events whose job will not run any more (finished, failed or gone): a waiting one is just behind others. */
  async withoutLiveJob(events: EventRef[]): Promise<EventRef[]> {
    const live = await liveJobs(
      this.queue,
      events.map((e) => dossierEventJobId(e.id)),
    );
    return events.filter((_, i) => !live[i]);
  }

  /** Enqueues these events again under their own job id: a finished job keeping that id is removed first. */
  async redrive(events: EventRef[]): Promise<void> {
    for (const e of events) await this.queue.remove(dossierEventJobId(e.id));
    await this.enqueue(events);
  }
}
