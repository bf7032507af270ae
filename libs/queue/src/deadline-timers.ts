import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';

/** The deadline tracker's queue: delayed timer jobs (the fast path) and the scheduler's sweep jobs. */
export const DEADLINE_TRACKER_QUEUE = 'deadline-tracker';
export const TIMER_JOB = 'timer';
export const SWEEP_JOB = 'sweep';
/** The job scheduler that runs the sweep (one per queue, whatever the number of workers). */
export const SWEEP_SCHEDULER_ID = 'deadline-sweep';

/** A timer's payload: ids and the deadline only (no personal data); the worker reads the rest from PostgreSQL. */
export interface DeadlineTimerJob {
  dossierCode: string;
  kind: string;
  /** The deadline, epoch ms: a job that runs early (clock skew) waits for it again. */
  at: number;
  v: 1;
}

export interface SweepJob {
  v: 1;
}

/** One milestone to arm or disarm; `delayMs` = deadline − the app clock's now (0 when already past). */
export interface DeadlineTimer {
  dossierCode: string;
  kind: string;
  stepCode: string | null;
  at: number;
  delayMs: number;
}

/**
 * Deterministic per dossier, kind (and step) and deadline instant: arming twice keeps one job, and the id of a
 * cancelled milestone is known without asking Redis. BullMQ refuses ':' in custom ids; dossier codes have none.
 */
export function deadlineTimerJobId(
  t: Pick<DeadlineTimer, 'dossierCode' | 'kind' | 'stepCode' | 'at'>,
): string {
  return `dl-${t.dossierCode}-${t.kind}${t.stepCode ? `.${t.stepCode}` : ''}-${t.at}`;
}

export const DEADLINE_TIMER_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential' as const, delay: 1000 },
  // Gone once done, so Redis holds only what is armed (the sweep is the safety net for anything else).
  removeOnComplete: true,
  removeOnFail: { age: 24 * 3600 },
};

/** The one place that arms and disarms deadline timers and keeps the sweep's job scheduler. */
@Injectable()
export class DeadlineTimers {
  constructor(@InjectQueue(DEADLINE_TRACKER_QUEUE) private readonly queue: Queue) {}

  /** Adds one delayed job per timer; a timer already armed (same id) stays as it is. */
  async arm(timers: ReadonlyArray<DeadlineTimer>): Promise<void> {
    if (timers.length === 0) return;
    await this.queue.addBulk(
      timers.map((t) => ({
        name: TIMER_JOB,
        data: { dossierCode: t.dossierCode, kind: t.kind, at: t.at, v: 1 } satisfies DeadlineTimerJob,
        opts: { ...DEADLINE_TIMER_JOB_OPTIONS, jobId: deadlineTimerJobId(t), delay: Math.max(0, t.delayMs) },
      })),
    );
  }

  /** Removes the delayed jobs of cancelled milestones (a pause, a re-basing); returns how many were armed. */
  async disarm(timers: ReadonlyArray<Omit<DeadlineTimer, 'delayMs'>>): Promise<number> {
    const removed = await Promise.all(timers.map((t) => this.queue.remove(deadlineTimerJobId(t))));
    return removed.reduce((n, r) => n + r, 0);
  }

  /**
   * Creates the sweep's job scheduler unless it exists (a FLUSHDB or a fresh Redis lost it); an existing one keeps
   * its schedule. Returns whether it had to be created.
   */
  async ensureSweepScheduler(everyMs: number): Promise<boolean> {
    const existing = await this.queue.getJobScheduler(SWEEP_SCHEDULER_ID);
    // A scheduler whose next run is long overdue lost its job (e.g. a drained queue): it is upserted again.
    const alive = existing && (existing.next ?? 0) > Date.now() - 2 * everyMs;
    if (alive && Number(existing.every) === everyMs) return false;
    await this.queue.upsertJobScheduler(
      SWEEP_SCHEDULER_ID,
      { every: everyMs },
      {
        name: SWEEP_JOB,
        data: { v: 1 } satisfies SweepJob,
        opts: { removeOnComplete: true, removeOnFail: { count: 50 } },
      },
    );
    return true;
  }

  /** The sweep's schedule as Redis holds it, or null when it is missing. */
  async sweepSchedule(): Promise<{ every: number; next: number | null } | null> {
    const s = await this.queue.getJobScheduler(SWEEP_SCHEDULER_ID);
    return s ? { every: Number(s.every), next: s.next ?? null } : null;
  }

  async removeSweepScheduler(): Promise<void> {
    await this.queue.removeJobScheduler(SWEEP_SCHEDULER_ID);
  }

  /** Timers waiting in Redis (for the health of the fast path, tests and the bench). */
  delayedCount(): Promise<number> {
    return this.queue.getDelayedCount();
  }

  /**
   * Timers armed: the queue's delayed jobs but the sweep's next run (the job scheduler keeps one delayed job of
   * its own, `repeat:<scheduler>:<next>`), without listing the jobs.
   */
  async armedCount(): Promise<number> {
    const [delayed, sweep] = await Promise.all([
      this.queue.getDelayedCount(),
      this.queue.getJobScheduler(SWEEP_SCHEDULER_ID),
    ]);
    if (!sweep?.next) return delayed;
    const state = await this.queue.getJobState(`repeat:${SWEEP_SCHEDULER_ID}:${sweep.next}`);
    return state === 'delayed' ? Math.max(0, delayed - 1) : delayed;
  }

  /** The delayed timer jobs, e.g. to show which deadlines are armed. */
  async armed(limit = 1000): Promise<DeadlineTimerJob[]> {
    const jobs = await this.queue.getJobs(['delayed'], 0, limit - 1, true);
    return jobs.filter((j) => j.name === TIMER_JOB).map((j) => j.data as DeadlineTimerJob);
  }
}
