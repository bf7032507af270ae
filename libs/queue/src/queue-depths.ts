import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DEADLINE_TRACKER_QUEUE } from './deadline-timers';
import { DOSSIER_EVENTS_QUEUE, NOTIFICATIONS_QUEUE } from './queue.constants';

/** Every BullMQ queue of the apps, by name. */
export const QUEUE_NAMES = [DOSSIER_EVENTS_QUEUE, NOTIFICATIONS_QUEUE, DEADLINE_TRACKER_QUEUE] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** The job states operators watch: backlog (waiting, delayed), work in hand (active), given up (failed). */
export const WATCHED_JOB_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type WatchedJobState = (typeof WATCHED_JOB_STATES)[number];

export type QueueDepth = { queue: QueueName } & Record<WatchedJobState, number>;

/** How many jobs each queue holds in each watched state (GET /metrics); one Redis round trip per queue. */
@Injectable()
export class QueueDepths {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(DOSSIER_EVENTS_QUEUE) events: Queue,
    @InjectQueue(NOTIFICATIONS_QUEUE) notifications: Queue,
    @InjectQueue(DEADLINE_TRACKER_QUEUE) tracker: Queue,
  ) {
    this.queues = {
      [DOSSIER_EVENTS_QUEUE]: events,
      [NOTIFICATIONS_QUEUE]: notifications,
      [DEADLINE_TRACKER_QUEUE]: tracker,
    };
  }

  depths(): Promise<QueueDepth[]> {
    return Promise.all(
      QUEUE_NAMES.map(async (queue) => {
        const counts = await this.queues[queue].getJobCounts(...WATCHED_JOB_STATES);
        return { queue, ...counts } as QueueDepth;
      }),
    );
  }
}
