import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import {
  DOSSIER_EVENT_JOB_OPTIONS,
  DOSSIER_EVENTS_QUEUE,
  dossierEventJobId,
  type DossierEventJob,
} from './queue.constants';

/** The one place that puts dossier-event jobs on the queue (API after commit, relay for the rest). */
@Injectable()
export class DossierEventQueue {
  constructor(@InjectQueue(DOSSIER_EVENTS_QUEUE) private readonly queue: Queue) {}

  async enqueue(events: Array<{ id: string; dossierCode: string }>, redriveTag?: string): Promise<void> {
    if (events.length === 0) return;
    await this.queue.addBulk(
      events.map((e) => ({
        name: 'apply',
        data: { eventId: e.id, dossierCode: e.dossierCode, v: 1 } satisfies DossierEventJob,
        opts: { ...DOSSIER_EVENT_JOB_OPTIONS, jobId: dossierEventJobId(e.id, redriveTag) },
      })),
    );
  }
}
