import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import type { TrackedDossier } from '@motcua/database';
import { DeadlineTimers, type DeadlineTimer } from '@motcua/queue';
import { milestoneKey, type Milestone } from '@motcua/sla';
import { CLOCK, type Clock } from '../clock';

/** What one projection write did to a dossier's pending milestones. */
export interface MilestoneChange {
  code: string;
  /** What the row held before the write. */
  before: ReadonlyArray<Milestone>;
  /** What it holds now. */
  after: ReadonlyArray<Milestone>;
  /** Keys (`milestoneKey`) of the milestones already acted at: their timer has run. */
  fired: ReadonlySet<string>;
}

export interface TimerPlan {
  arm: DeadlineTimer[];
  disarm: Array<Omit<DeadlineTimer, 'delayMs'>>;
}

const timerOf = (code: string, m: Milestone, now: number): DeadlineTimer => ({
  dossierCode: code,
  kind: m.kind,
  stepCode: m.stepCode,
  at: m.at,
  delayMs: Math.max(0, m.at - now),
});

/**
 * The timers a projection write calls for (pure): every pending milestone up to `now + horizonMs` is armed (one
 * already past runs at once), and every milestone the write cancelled (a pause, a re-basing, an apology issued,
 * the dossier closed) that could have been armed is removed. Later milestones are left to PostgreSQL: the sweep's
 * refill arms them when they come within the horizon, so Redis holds only the near future.
 */
export function timerPlan(
  changes: ReadonlyArray<MilestoneChange>,
  now: number,
  horizonMs: number,
): TimerPlan {
  const plan: TimerPlan = { arm: [], disarm: [] };
  const until = now + horizonMs;
  for (const c of changes) {
    const kept = new Set(c.after.map(milestoneKey));
    for (const m of c.before) {
      const k = milestoneKey(m);
      if (!kept.has(k) && !c.fired.has(k) && m.at <= until) {
        const { delayMs: _d, ...t } = timerOf(c.code, m, now);
        plan.disarm.push(t);
      }
    }
    for (const m of c.after) if (m.at <= until) plan.arm.push(timerOf(c.code, m, now));
  }
  return plan;
}

/** Arms and disarms the tracker's delayed jobs (libs/queue) with delays from the app clock. */
@Injectable()
export class DeadlineArming {
  private readonly log = new Logger('tracker');

  constructor(
    private readonly timers: DeadlineTimers,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.tracker.enabled;
  }

  /**
   * After projection rows were committed: arm what they hold within the horizon, remove what they cancelled.
   * Best effort: with Redis away nothing is armed and the sweep acts instead, within its interval.
   */
  async afterWrite(changes: ReadonlyArray<MilestoneChange>): Promise<void> {
    if (!this.enabled || changes.length === 0) return;
    const plan = timerPlan(changes, this.clock.now(), this.config.tracker.horizonMs);
    try {
      if (plan.disarm.length > 0) await this.timers.disarm(plan.disarm);
      await this.timers.arm(plan.arm);
    } catch (err) {
      this.log.warn(
        `timers not armed, the sweep will act: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  /** The sweep's refill: arms the milestones of `dossiers` that fall within (now, now + horizon]. */
  async refill(dossiers: ReadonlyArray<TrackedDossier>, now: number): Promise<number> {
    const until = now + this.config.tracker.horizonMs;
    // Delays from the clock's reading at arming, not the sweep's start.
    const at = this.clock.now();
    const timers = dossiers.flatMap((d) =>
      d.milestones.filter((m) => m.at > now && m.at <= until).map((m) => timerOf(d.code, m, at)),
    );
    await this.timers.arm(timers);
    return timers.length;
  }
}
