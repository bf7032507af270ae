import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import {
  DOSSIER_EVENT_JOB_OPTIONS,
  DOSSIER_EVENT_JOB_SIZE,
  DOSSIER_EVENTS_QUEUE,
  dossierEventJobId,
  type DossierEventJob,
} from './queue.constants';
import { liveJobs } from './live-jobs';

type EventRef = { id: string; dossierCode: string };
/** An event and the job that carries it. */
export type EventJob = { id: string; jobId: string };

/** The one place that puts dossier-event jobs on the queue (API after commit, relay for the rest). */
@Injectable()
export class DossierEventQueue {
  constructor(@InjectQueue(DOSSIER_EVENTS_QUEUE) private readonly queue: Queue) {}

  /** Jobs of up to DOSSIER_EVENT_JOB_SIZE events, in the order given; answers each event's job id. */
  async enqueue(events: EventRef[]): Promise<EventJob[]> {
    const chunks = chunksOf(events);
    if (chunks.length === 0) return [];
    await this.queue.addBulk(
      chunks.map((chunk) => ({
        name: 'apply',
        data: {
          events: chunk.map((e) => ({ eventId: e.id, dossierCode: e.dossierCode })),
          v: 2,
        } satisfies DossierEventJob,
        opts: { ...DOSSIER_EVENT_JOB_OPTIONS, jobId: dossierEventJobId(chunk[0].id) },
      })),
    );
    return chunks.flatMap((chunk) => chunk.map((e) => ({ id: e.id, jobId: dossierEventJobId(chunk[0].id) })));
  }

  /**
   * The events whose job will not run any more (finished, failed or gone): a waiting one is just behind others.
   * `jobId` null: a row from before jobs carried several events, whose job is named after the event itself.
   */
  async withoutLiveJob<E extends EventRef & { jobId: string | null }>(events: E[]): Promise<E[]> {
    const ids = [...new Set(events.map(jobOf))];
    const live = await liveJobs(this.queue, ids);
    const alive = new Set(ids.filter((_, i) => live[i]));
    return events.filter((e) => !alive.has(jobOf(e)));
  }

  /**
   * Enqueues these events again, in new jobs. The id a new job takes may still name a finished job (BullMQ ignores
   * an id it keeps), so that one is removed first.
   */
  async redrive(events: EventRef[]): Promise<EventJob[]> {
    for (const chunk of chunksOf(events)) await this.queue.remove(dossierEventJobId(chunk[0].id));
    return this.enqueue(events);
  }
}

function jobOf(e: { id: string; jobId: string | null }): string {
  return e.jobId ?? dossierEventJobId(e.id);
}

function chunksOf<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += DOSSIER_EVENT_JOB_SIZE)
    out.push(items.slice(i, i + DOSSIER_EVENT_JOB_SIZE));
  return out;
}
