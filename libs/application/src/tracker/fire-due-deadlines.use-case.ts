import { Inject, Injectable, Logger } from '@nestjs/common';
import { formatInstant } from '@motcua/calendar';
import { validateEvent, type DossierEventInput } from '@motcua/contracts';
import { EventStore, type StoredEvent } from '@motcua/database';
import { pendingMilestones, type Milestone } from '@motcua/sla';
import { CLOCK, type Clock } from '../clock';
import { foldStored, hasReception, receptionProcedure } from '../dossiers/dossier-fold';
import { RecordEvents } from '../dossiers/record-events.use-case';
import { RulesProvider } from '../rules/rules.provider';
import { SYSTEM_PRINCIPAL } from '../rules/rebase-dossiers.use-case';
import { deadlineEventId } from './deadline-ids';

/** What one call did: events logged now, found already logged (a timer and the sweep, or two workers), refused. */
export interface FireOutcome {
  fired: number;
  already: number;
  rejected: number;
}

export const NOTHING_FIRED: FireOutcome = Object.freeze({ fired: 0, already: 0, rejected: 0 });

export function addOutcomes(a: FireOutcome, b: FireOutcome): FireOutcome {
  return { fired: a.fired + b.fired, already: a.already + b.already, rejected: a.rejected + b.rejected };
}

/** Which path of the tracker acted at a deadline: a delayed timer or the periodic sweep. */
export type FiredBy = 'timer' | 'sweep';

/** The `deadline_reached` event the tracker logs for milestone `m` of `code`, acting at `now` by `via`. */
export function deadlineEventBody(
  code: string,
  m: Milestone,
  now: number,
  via?: FiredBy,
): Record<string, unknown> {
  return {
    id: deadlineEventId(code, m),
    dossierCode: code,
    type: 'deadline_reached',
    occurredAt: formatInstant(now),
    data: {
      kind: m.kind,
      at: formatInstant(m.at),
      ...(m.stepCode !== null ? { stepCode: m.stepCode } : {}),
      ...(m.unitCode !== null ? { unitCode: m.unitCode } : {}),
      ...(via ? { via } : {}),
    },
  };
}

/**
 * "Fire what is due for these dossiers", the one use case behind the timers and the sweep. Each dossier is folded
 * from its committed events (PostgreSQL is the truth, whatever the projection or Redis say), and each pending
 * milestone whose instant has come is logged as one `deadline_reached` event through the intake, as the engine
 * (SYSTEM_PRINCIPAL), earliest first, with an id derived from the dossier, kind, step and deadline: a second
 * attempt — a timer and the sweep, a retried job, another worker — finds the id stored (a replay, or a 409 since
 * it acts at another instant) and adds nothing. Calls in this process for the same dossier run one after the other.
 */
@Injectable()
export class FireDueDeadlines {
  private readonly log = new Logger('tracker');
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly store: EventStore,
    private readonly rules: RulesProvider,
    private readonly intake: RecordEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async fire(codes: ReadonlyArray<string>, via: FiredBy): Promise<FireOutcome> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return NOTHING_FIRED;
    return this.exclusive(unique, () => this.fireNow(unique, via));
  }

  /** The milestones of `codes` due at the clock's now, per dossier in deadline order (what `fire` would log). */
  async dueNow(codes: ReadonlyArray<string>, now = this.clock.now()): Promise<Map<string, Milestone[]>> {
    const byCode = await this.history([...new Set(codes)]);
    const rules = await this.rules.forProcedures(
      [...byCode.values()].flatMap((h) => receptionProcedure(h) ?? []),
    );
    const out = new Map<string, Milestone[]>();
    for (const [code, own] of byCode) {
      if (!hasReception(own)) continue;
      const due = pendingMilestones(foldStored(own, rules, now).state).filter((m) => m.at <= now);
      if (due.length > 0) out.set(code, due);
    }
    return out;
  }

  private async fireNow(codes: string[], via: FiredBy): Promise<FireOutcome> {
    // One reading: what is due, and the instant the events say the tracker acted at.
    const now = this.clock.now();
    const due = await this.dueNow(codes, now);
    const events: DossierEventInput[] = [];
    for (const code of codes) {
      for (const m of due.get(code) ?? []) {
        const v = validateEvent(deadlineEventBody(code, m, now, via));
        if (!v.ok) {
          this.log.error(`${code}: a deadline_reached event is invalid: ${JSON.stringify(v.problems)}`);
          continue;
        }
        events.push(v.event);
      }
    }
    if (events.length === 0) return NOTHING_FIRED;
    const outcomes = await this.intake.process(events, SYSTEM_PRINCIPAL);
    const result = { fired: 0, already: 0, rejected: 0 };
    outcomes.forEach((o, i) => {
      if (o.kind === 'accepted') result.fired += 1;
      // The same id again: acted at already (a replay of the same body, or a 409 for another acting instant).
      else if (o.kind === 'duplicate' || o.error.status === 409) result.already += 1;
      else {
        result.rejected += 1;
        this.log.warn(`${events[i].dossierCode}: deadline not recorded: ${o.error.code}: ${o.error.message}`);
      }
    });
    return result;
  }

  private async history(codes: string[]): Promise<Map<string, StoredEvent[]>> {
    const byCode = new Map<string, StoredEvent[]>(codes.map((c) => [c, []]));
    for (const e of await this.store.eventsOf(codes)) byCode.get(e.dossierCode)?.push(e);
    return byCode;
  }

  /** Runs `work` once every earlier call of this process on any of `codes` has finished. */
  private async exclusive<T>(codes: string[], work: () => Promise<T>): Promise<T> {
    const earlier = codes.flatMap((c) => this.running.get(c) ?? []);
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    for (const c of codes) this.running.set(c, mine);
    await Promise.all(earlier);
    try {
      return await work();
    } finally {
      release();
      for (const c of codes) if (this.running.get(c) === mine) this.running.delete(c);
    }
  }
}
