import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import { validateEvent, type DossierEventInput, type FieldProblem, type Principal } from '@motcua/contracts';
import {
  DossierCodeSequences,
  EventStore,
  eventHash,
  type AppendItem,
  type StoredEvent,
} from '@motcua/database';
import { DossierEventQueue } from '@motcua/queue';
import { AppError } from '../app-error';
import { CatalogueService } from '../catalogue/catalogue.service';
import { CLOCK, type Clock } from '../clock';
import { RulesProvider } from '../rules/rules.provider';
import { issueDossierCodes, type DossierCodeSource } from './dossier-codes';
import { receptionProcedure, type StoredFold } from './dossier-fold';
import {
  asStored,
  decide,
  isReception,
  receiptUrlOf,
  type IntakeContext,
  type Validated,
} from './intake-decision';
import { refusal } from './intake-refusal';

export { decide } from './intake-decision';

export const MAX_BATCH = 1000;

/** What happened to one event of a call. */
export type EventOutcome =
  | { kind: 'accepted'; status: 202; body: Record<string, unknown> }
  | { kind: 'duplicate'; status: 200; body: Record<string, unknown> }
  | { kind: 'rejected'; error: AppError };

/** The dossier code a reception without one carries until the server issues its own (never stored). */
const PENDING_CODE = '(issued on commit)';

/** An accepted event waiting for the commit; `issue` when the server must give it a dossier code first. */
interface ToAppend {
  index: number;
  item: AppendItem;
  issue: boolean;
}

/** Records intent: validate, decide (libs/application/src/dossiers/intake-*.ts), commit (group commit), enqueue. */
@Injectable()
export class RecordEvents {
  private readonly log = new Logger('events');
  /** Committed events waiting for this tick's enqueue. */
  private toEnqueue: Array<{ id: string; dossierCode: string }> = [];

  constructor(
    private readonly store: EventStore,
    private readonly queue: DossierEventQueue,
    private readonly rules: RulesProvider,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly catalogue: CatalogueService,
    private readonly sequences: DossierCodeSequences,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `requestId`: the API request's X-Request-Id, stored with each event so the worker's lines can carry it. */
  async logOne(
    body: unknown,
    principal: Principal,
    requestId?: string,
  ): Promise<{ status: number; body: unknown }> {
    const v = validateEvent(body);
    if (!v.ok) throw AppError.invalid(v.problems);
    const [outcome] = await this.process([v.event], principal, requestId);
    if (outcome.kind === 'rejected') throw outcome.error;
    return { status: outcome.status, body: outcome.body };
  }

  async logBatch(body: unknown, principal: Principal, requestId?: string) {
    const events = batchEvents(body);
    const checked = events.map((e, i) => validateEvent(e, `events[${i}]`));
    const valid = checked.flatMap((c) => (c.ok ? [c.event] : []));
    const outcomes = await this.process(valid, principal, requestId);
    let k = 0;
    const results = checked.map((c, i) => {
      const rawId = (events[i] as { id?: unknown } | null)?.id;
      if (!c.ok) {
        return {
          id: typeof rawId === 'string' ? rawId : null,
          status: 'rejected' as const,
          error: { code: 'invalid_request', message: 'The event is invalid', details: c.problems },
        };
      }
      const o = outcomes[k++];
      if (o.kind === 'rejected') {
        const { code, message, details } = o.error;
        return { id: c.event.id, status: 'rejected' as const, error: { code, message, details } };
      }
      const dossierCode = o.body.dossierCode;
      return {
        id: c.event.id,
        status: o.kind,
        ...(typeof dossierCode === 'string' ? { dossierCode } : {}),
      };
    });
    return { results };
  }

  /** Decides every event in order (later ones see the earlier ones of the same call), then commits the accepted together. */
  async process(
    events: DossierEventInput[],
    principal: Principal,
    requestId?: string,
  ): Promise<EventOutcome[]> {
    const now = this.clock.now();
    const outcomes: Array<EventOutcome | null> = events.map(() => null);
    const codes = [...new Set(events.flatMap((e) => e.dossierCode ?? []))];
    const history = new Map<string, StoredEvent[]>();
    // The history and the stored ids in one statement, one snapshot: an event committed meanwhile (a racing
    // replay) is in both or in neither, so it is seen as a replay, never judged against a history that already
    // contains it (e.g. a replayed `received` as dossier_exists).
    const read = await this.store.intakeReads(
      codes,
      events.map((e) => e.id),
    );
    for (const e of read.history) history.set(e.dossierCode, [...(history.get(e.dossierCode) ?? []), e]);
    const stored = read.recorded;
    // Asked together, the rules and the units share one check of the rules revision (one snapshot).
    const [rules, units] = await Promise.all([
      this.rules.forProcedures([
        ...events.flatMap((e) => (isReception(e) ? [e.data.procedureCode] : [])),
        ...[...history.values()].flatMap((h) => receptionProcedure(h) ?? []),
      ]),
      this.catalogue.units(),
    ]);
    const ctx: IntakeContext = {
      rules,
      now,
      units: new Set(units.map((u) => u.code)),
      allowanceWorkingMinutes: this.config.intake.backdateAllowanceWorkingMinutes,
    };
    const toAppend: ToAppend[] = [];
    const seenInCall = new Map<string, string>();
    // Each dossier's fold after the last event accepted in this call: the next one starts from it.
    const folds = new Map<string, StoredFold>();

    for (const [i, e] of events.entries()) {
      // The body as the client sent it: a reception without a code hashes without the code issued to it.
      const hash = eventHash(e);
      const prior = stored.get(e.id);
      if (prior) {
        outcomes[i] = isReplay(e, hash, prior)
          ? { kind: 'duplicate', status: 200, body: prior.response }
          : conflict(e.id);
        continue;
      }
      const earlier = seenInCall.get(e.id);
      if (earlier !== undefined) {
        // The same id twice in one call: the first decides; the repeat is a replay or a conflict.
        outcomes[i] = earlier === hash ? { kind: 'duplicate', status: 200, body: {} } : conflict(e.id);
        continue;
      }
      const issue = e.dossierCode === undefined;
      const v: Validated = { ...e, dossierCode: e.dossierCode ?? PENDING_CODE };
      const decided = issue
        ? decide(v, principal, [], ctx)
        : decide(v, principal, history.get(v.dossierCode) ?? [], ctx, folds.get(v.dossierCode));
      if (decided instanceof AppError) {
        outcomes[i] = { kind: 'rejected', error: decided };
        continue;
      }
      seenInCall.set(e.id, hash);
      if (!issue) {
        history.set(v.dossierCode, [
          ...(history.get(v.dossierCode) ?? []),
          asStored(v, decided.lateWorkingMinutes, ctx.rules.revision),
        ]);
        folds.set(v.dossierCode, decided.fold);
      }
      const item: AppendItem = {
        event: v,
        actor: principal.username,
        response: decided.body,
        hash,
        lateWorkingMinutes: decided.lateWorkingMinutes,
        // The revision the decision saw: the dossier's dates count with what was published by then (dossier-fold.ts),
        // so the worker stores the due date this answer gives.
        rulesRevision: ctx.rules.revision,
        requestId: requestId ?? null,
      };
      toAppend.push({ index: i, item, issue });
    }

    await this.issueCodes(
      toAppend.filter((a) => a.issue),
      new Set(codes),
    );
    if (toAppend.length > 0) {
      const results = await this.store.append(toAppend.map((a) => a.item));
      const inserted: Array<{ id: string; dossierCode: string }> = [];
      results.forEach((r, j) => {
        const { index, item } = toAppend[j];
        if (r.status === 'inserted') {
          outcomes[index] = { kind: 'accepted', status: 202, body: r.response };
          inserted.push({ id: item.event.id, dossierCode: item.event.dossierCode });
        } else if (r.status === 'duplicate') {
          outcomes[index] = { kind: 'duplicate', status: 200, body: r.response };
        } else if (r.status === 'reception_exists') {
          const message = `dossier ${item.event.dossierCode} was already received`;
          outcomes[index] = {
            kind: 'rejected',
            error: refusal(422, 'dossier_exists', message, 'dossierCode'),
          };
        } else {
          outcomes[index] = conflict(item.event.id);
        }
      });
      this.enqueueInBackground(inserted);
    }
    // Repeats inside one call answer with the first occurrence's body.
    return outcomes.map((o, i) => {
      if (o && o.kind === 'duplicate' && Object.keys(o.body).length === 0) {
        const first = outcomes.find(
          (x, j) => j < i && events[j].id === events[i].id && x?.kind !== 'rejected',
        );
        return first && first.kind !== 'rejected' ? { kind: 'duplicate', status: 200, body: first.body } : o;
      }
      return o!;
    });
  }

  /**
   * Gives each accepted reception without a code its issued code (config `intake.agencyCode`), in the event and
   * in the answer. Numbers are taken only for accepted events; one lost to a failed commit leaves a gap.
   */
  private async issueCodes(items: ToAppend[], namedInCall: ReadonlySet<string>): Promise<void> {
    if (items.length === 0) return;
    const source: DossierCodeSource = {
      take: (agency, day, count) => this.sequences.take(agency, day, count),
      taken: (codes) => this.store.knownDossiers(codes),
    };
    const issued = await issueDossierCodes(
      items.map((a) => a.item.event.occurredAt),
      this.config.intake.agencyCode,
      source,
      namedInCall,
    );
    items.forEach((a, k) => {
      const code = issued[k];
      a.item.event = { ...a.item.event, dossierCode: code };
      a.item.response = {
        ...a.item.response,
        dossierCode: code,
        ...('receiptUrl' in a.item.response ? { receiptUrl: receiptUrlOf(code) } : {}),
      };
    });
  }

  /**
   * After the commit the event is safe; a failed enqueue only delays it until the relay runs. The events committed
   * in the same tick go to Redis in one bulk add, a job for each DOSSIER_EVENT_JOB_SIZE, and are marked enqueued in
   * one UPDATE.
   */
  private enqueueInBackground(events: Array<{ id: string; dossierCode: string }>): void {
    if (events.length === 0) return;
    if (this.toEnqueue.length === 0) setImmediate(() => this.enqueueNow());
    this.toEnqueue.push(...events);
  }

  private enqueueNow(): void {
    const events = this.toEnqueue;
    this.toEnqueue = [];
    this.queue
      .enqueue(events)
      .then((jobs) => this.store.markEnqueued(jobs))
      .catch((err: unknown) =>
        this.log.warn(`enqueue deferred to the relay: ${err instanceof Error ? err.message : String(err)}`),
      );
  }
}

/**
 * The same id and body again. A reception whose code the server issued is also a replay when sent again with
 * that code: the first body, plus the code it was given.
 */
function isReplay(
  e: DossierEventInput,
  hash: string,
  prior: { hash: string; response: Record<string, unknown> },
): boolean {
  if (prior.hash === hash) return true;
  return (
    isReception(e) &&
    e.dossierCode !== undefined &&
    prior.response.dossierCode === e.dossierCode &&
    eventHash({ ...e, dossierCode: undefined }) === prior.hash
  );
}

/** The batch envelope `{"events": [...]}` with 1..MAX_BATCH items. */
function batchEvents(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw AppError.invalid([{ field: 'body', problem: 'must be an object {"events": [...]}' }]);
  }
  const { events, ...rest } = body as { events?: unknown };
  const extra: FieldProblem[] = Object.keys(rest).map((k) => ({
    field: k,
    problem: 'is not an allowed field',
  }));
  if (extra.length > 0) throw AppError.invalid(extra);
  if (!Array.isArray(events)) throw AppError.invalid([{ field: 'events', problem: 'must be an array' }]);
  if (events.length === 0)
    throw AppError.invalid([{ field: 'events', problem: 'must have at least 1 item' }]);
  if (events.length > MAX_BATCH)
    throw AppError.invalid([{ field: 'events', problem: `must have at most ${MAX_BATCH} items` }]);
  return events;
}

function conflict(id: string): EventOutcome {
  return {
    kind: 'rejected',
    error: new AppError(409, 'conflict', `event ${id} was already recorded with a different body`, [
      { field: 'id', problem: 'already used for another event' },
    ]),
  };
}
