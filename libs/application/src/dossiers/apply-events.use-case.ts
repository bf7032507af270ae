import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  ProjectionRepository,
  type AppliedState,
  type CurrentRows,
  type ProjectionRow,
  type ProjectionTransaction,
  type StoredEvent,
} from '@motcua/database';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import { rollupDeltas, type DossierFacts } from '@motcua/indicators';
import { milestoneKey } from '@motcua/sla';
import { CLOCK, type Clock } from '../clock';
import { factsOfFold } from '../indicators/facts-of-fold';
import { ApplyLatencyFeed } from '../operations/apply-latency.feed';
import { RulesProvider } from '../rules/rules.provider';
import { DeadlineArming, type MilestoneChange } from '../tracker/deadline-arming';
import { foldStored, receptionProcedure } from './dossier-fold';
import { projectionRowOf } from './projection-row';

export interface ApplyRequest {
  eventId: string;
  dossierCode: string;
}

/**
 * Per request: applied now, already applied earlier, a job that can never succeed, or a failure to retry.
 * `requestId`: the API request that recorded the event, for the worker's log line.
 */
export type ApplyResult =
  | { kind: 'applied'; requestId?: string | null }
  | { kind: 'already_applied'; requestId?: string | null }
  | { kind: 'unrecoverable'; reason: string }
  | { kind: 'failed'; error: unknown };

/**
 * The projection writer: re-folds dossiers under row locks, many per transaction, idempotent. Once committed, the
 * deadline tracker's timers follow the rows' pending milestones (DeadlineArming).
 */
@Injectable()
export class ApplyEvents {
  constructor(
    private readonly projections: ProjectionRepository,
    private readonly rules: RulesProvider,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly arming: DeadlineArming,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'indicators'>,
    // Absent where the use case is wired by hand (benches, unit specs): nobody listens there.
    @Optional() private readonly latencies?: ApplyLatencyFeed,
  ) {}

  /**
   * Applies a micro-batch; when the whole batch fails, the requests are retried one by one so that one failing
   * dossier does not hold back the others.
   */
  async apply(requests: ApplyRequest[]): Promise<ApplyResult[]> {
    const now = this.clock.now();
    try {
      return await this.applyTogether(requests, now);
    } catch (err) {
      if (requests.length === 1) throw err;
      const out: ApplyResult[] = [];
      for (const r of requests) {
        out.push(
          await this.applyTogether([r], now).then(
            ([x]) => x,
            (error: unknown) => ({ kind: 'failed' as const, error }),
          ),
        );
      }
      return out;
    }
  }

  /**
   * One transaction: each dossier with an unapplied event among the requests is re-folded once, under its
   * row lock; events another worker applied meanwhile are left alone.
   */
  async applyTogether(requests: ApplyRequest[], now: number): Promise<ApplyResult[]> {
    const changes: MilestoneChange[] = [];
    const latencies: number[] = [];
    const before = await this.projections.appliedState([...new Set(requests.map((r) => r.eventId))]);
    let codes = pendingCodes(requests, before);
    // A batch of jobs whose events are all applied (a dossier's later jobs after one re-fold took them all) needs
    // no transaction.
    if (codes.length > 0) {
      await this.projections.transaction(async (tx) => {
        const current = await tx.lockDossiers(codes);
        const events = await tx.eventsOf(codes);
        // Another worker may have applied them while we waited for the locks: the events read under the locks say.
        codes = pendingCodes(requests, appliedStateOf(events));
        const pending = new Set(codes);
        const own = events.filter((e) => pending.has(e.dossierCode));
        await this.refold(tx, codes, own, current, now, changes, latencies);
      });
    }
    const refolded = new Set(codes);
    const results = requests.map((r): ApplyResult => {
      const e = before.get(r.eventId);
      if (!e) return { kind: 'unrecoverable', reason: `event ${r.eventId} is not in the log` };
      if (e.dossierCode !== r.dossierCode) {
        return { kind: 'unrecoverable', reason: `event ${r.eventId} belongs to another dossier` };
      }
      const kind = !e.applied && refolded.has(r.dossierCode) ? 'applied' : 'already_applied';
      return e.requestId === undefined ? { kind } : { kind, requestId: e.requestId };
    });
    // After the commit: a timer armed for a row that was rolled back would only find nothing to do, but why arm it.
    await this.arming.afterWrite(changes);
    // Only what committed is told: a rolled-back batch is retried and told then.
    this.latencies?.publish(latencies);
    return results;
  }

  /** Re-folds these dossiers whatever their events' state (an administrator's rebuild), under their row locks. */
  async refoldDossiers(codes: string[]): Promise<void> {
    const changes: MilestoneChange[] = [];
    const latencies: number[] = [];
    const sorted = [...new Set(codes)].sort();
    await this.projections.transaction(async (tx) => {
      const current = await tx.lockDossiers(sorted);
      await this.refold(tx, sorted, await tx.eventsOf(sorted), current, this.clock.now(), changes, latencies);
    });
    await this.arming.afterWrite(changes);
    // Events still unapplied that the rebuild applied are applied like any.
    this.latencies?.publish(latencies);
  }

  /** Re-folds these locked dossiers from their events (`events`: every event of theirs, in commit order). */
  private async refold(
    tx: ProjectionTransaction,
    codes: string[],
    events: StoredEvent[],
    before: CurrentRows,
    now: number,
    changes: MilestoneChange[],
    latencies: number[],
  ): Promise<void> {
    if (codes.length === 0) return;
    const facts: Array<{ before: DossierFacts | null; after: DossierFacts | null }> = [];
    const byCode = new Map<string, StoredEvent[]>();
    for (const e of events) {
      const own = byCode.get(e.dossierCode);
      if (own) own.push(e);
      else byCode.set(e.dossierCode, [e]);
    }
    const rules = await this.rules.forProcedures(
      codes.flatMap((c) => receptionProcedure(byCode.get(c) ?? []) ?? []),
    );
    const rows: ProjectionRow[] = [];
    for (const code of codes) {
      const own = byCode.get(code) ?? [];
      const fold = foldStored(own, rules, now);
      const { state, version } = fold;
      const { leadUnit, facts: after } = factsOfFold(fold, own, rules, this.config.indicators);
      const row = { ...projectionRowOf(code, state, version, own), leadUnit, facts: after };
      rows.push(row);
      facts.push({ before: before.get(code)?.facts ?? null, after });
      changes.push({
        code,
        before: before.get(code)?.milestones ?? [],
        after: row.milestones,
        fired: new Set(state.deadlinesReached.map(milestoneKey)),
      });
    }
    await tx.write(rows);
    // In the projection's transaction: the rollups move exactly when the rows do.
    await tx.addToRollups(rollupDeltas(facts));
    latencies.push(...(await tx.markApplied(events.map((e) => e.id))));
  }
}

/** Whether each of these events is applied, as `appliedState` answers it. */
function appliedStateOf(events: StoredEvent[]): AppliedState {
  return new Map(events.map((e) => [e.id, { dossierCode: e.dossierCode, applied: e.appliedAt !== null }]));
}

/** Dossiers, in code order, with an event among the requests that exists, belongs to it and is not applied. */
function pendingCodes(requests: ApplyRequest[], state: AppliedState): string[] {
  const codes = requests
    .filter((r) => {
      const e = state.get(r.eventId);
      return e !== undefined && e.dossierCode === r.dossierCode && !e.applied;
    })
    .map((r) => r.dossierCode);
  return [...new Set(codes)].sort();
}
