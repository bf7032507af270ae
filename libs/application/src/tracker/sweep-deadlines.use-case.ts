import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import { TrackerRepository, type TrackerCursor } from '@motcua/database';
import { CLOCK, type Clock } from '../clock';
import { DeadlineArming } from './deadline-arming';
import {
  addOutcomes,
  FireDueDeadlines,
  NOTHING_FIRED,
  type FireOutcome,
} from './fire-due-deadlines.use-case';

const PAGE = 200;

export interface SweepOutcome extends FireOutcome {
  /** Dossiers whose `next_deadline_at` had come. */
  dossiers: number;
  /** Timers armed for the coming horizon. */
  armed: number;
}

/**
 * The reconciling sweep the job scheduler runs (every `TRACKER_SWEEP_INTERVAL_MS`), and the worker once at start:
 * 1. every dossier whose earliest milestone not yet acted at has come (`next_deadline_at <= now`, past or long
 *    past: Redis flushed or restarted, the worker down) is fired, in deadline order, by the same use case as the
 *    timers, so nothing is logged twice;
 * 2. the horizon is refilled: milestones due within `TRACKER_HORIZON_MS` get their delayed job.
 * One sweep at a time per process; another worker's sweep at the same time is harmless (deterministic ids).
 */
@Injectable()
export class SweepDeadlines {
  private readonly log = new Logger('tracker');
  private running: Promise<SweepOutcome> | null = null;

  constructor(
    private readonly tracker: TrackerRepository,
    private readonly fire: FireDueDeadlines,
    private readonly arming: DeadlineArming,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One sweep; a call while one runs in this process waits for it and returns its outcome. */
  sweep(): Promise<SweepOutcome> {
    this.running ??= this.sweepOnce().finally(() => (this.running = null));
    return this.running;
  }

  private async sweepOnce(): Promise<SweepOutcome> {
    const now = this.clock.now();
    let outcome: FireOutcome = NOTHING_FIRED;
    let dossiers = 0;
    let after: TrackerCursor | null = null;
    for (;;) {
      const page = await this.tracker.due(now, after, PAGE);
      if (page.length === 0) break;
      const last = page[page.length - 1];
      after = { at: last.nextDeadlineAt, code: last.code };
      dossiers += page.length;
      outcome = addOutcomes(
        outcome,
        await this.fire.fire(
          page.map((d) => d.code),
          'sweep',
        ),
      );
      if (page.length < PAGE) break;
    }
    // Firing may have taken a while: the horizon is counted from the clock's reading now.
    const armed = await this.refill(this.clock.now());
    if (outcome.fired + outcome.rejected > 0)
      this.log.log(
        `sweep: ${outcome.fired} deadline(s) acted at in ${dossiers} dossier(s), ${outcome.already} already, ` +
          `${outcome.rejected} refused; ${armed} timer(s) armed`,
      );
    return { ...outcome, dossiers, armed };
  }

  private async refill(now: number): Promise<number> {
    const horizon = this.config.tracker.horizonMs;
    if (horizon <= 0) return 0;
    let armed = 0;
    let after: TrackerCursor | null = null;
    try {
      for (;;) {
        const page = await this.tracker.upcoming(now, now + horizon, after, PAGE * 5);
        if (page.length === 0) break;
        const last = page[page.length - 1];
        after = { at: last.nextDeadlineAt, code: last.code };
        armed += await this.arming.refill(page, now);
        if (page.length < PAGE * 5) break;
      }
    } catch (err) {
      this.log.warn(
        `refill failed, the next sweep acts: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    return armed;
  }
}
