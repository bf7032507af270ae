import { Inject, Injectable, Logger } from '@nestjs/common';
import { mayLog, validateEvent, type FieldProblem, type Principal } from '@motcua/contracts';
import { EventStore, eventHash, type AppendItem, type StoredEvent } from '@motcua/database';
import { DossierEventQueue } from '@motcua/queue';
import { previewDue, type DossierEvent } from '@motcua/sla';
import { AppError } from '../app-error';
import { CLOCK, type Clock } from '../clock';
import { present } from '../presentation/instants';
import { toRules } from '../rules/procedure-rules';
import { procedureAt, RulesProvider, type Rules } from '../rules/rules.provider';
import { foldStored, hasReception, receptionProcedure } from './dossier-fold';

type Validated = DossierEvent & { dossierCode: string };

export const MAX_BATCH = 1000;

/** What happened to one event of a call. */
export type EventOutcome =
  | { kind: 'accepted'; status: 202; body: Record<string, unknown> }
  | { kind: 'duplicate'; status: 200; body: Record<string, unknown> }
  | { kind: 'rejected'; error: AppError };

/** Records intent: validate, authorise, commit (group commit), then enqueue. The worker does the rest. */
@Injectable()
export class RecordEvents {
  private readonly log = new Logger('events');

  constructor(
    private readonly store: EventStore,
    private readonly queue: DossierEventQueue,
    private readonly rules: RulesProvider,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async logOne(body: unknown, principal: Principal): Promise<{ status: number; body: unknown }> {
    const v = validateEvent(body, this.clock.now());
    if (!v.ok) throw AppError.invalid(v.problems);
    const [outcome] = await this.process([v.event], principal);
    if (outcome.kind === 'rejected') throw outcome.error;
    return { status: outcome.status, body: outcome.body };
  }

  async logBatch(body: unknown, principal: Principal) {
    const events = batchEvents(body);
    const now = this.clock.now();
    const checked = events.map((e, i) => validateEvent(e, now, `events[${i}]`));
    const valid = checked.flatMap((c) => (c.ok ? [c.event] : []));
    const outcomes = await this.process(valid, principal);
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
      return { id: c.event.id, status: o.kind };
    });
    return { results };
  }

  /** Decides every event in order (later ones see the earlier ones of the same call), then commits the accepted together. */
  async process(events: Validated[], principal: Principal): Promise<EventOutcome[]> {
    const now = this.clock.now();
    const outcomes: Array<EventOutcome | null> = events.map(() => null);
    const codes = [...new Set(events.map((e) => e.dossierCode))];
    const history = new Map<string, StoredEvent[]>();
    for (const e of await this.store.eventsOf(codes))
      history.set(e.dossierCode, [...(history.get(e.dossierCode) ?? []), e]);
    // Looked up after the history: an event committed meanwhile (a racing replay) is then seen as a replay,
    // never judged against a history that already contains it (e.g. a replayed `received` as dossier_exists).
    const stored = await this.store.findByIds(events.map((e) => e.id));
    const rules = await this.rules.forProcedures([
      ...events.flatMap((e) => (isReception(e) ? [e.data.procedureCode] : [])),
      ...[...history.values()].flatMap((h) => receptionProcedure(h) ?? []),
    ]);
    const toAppend: Array<{ index: number; item: AppendItem }> = [];
    const seenInCall = new Map<string, string>();

    for (const [i, e] of events.entries()) {
      const hash = eventHash(e);
      const prior = stored.get(e.id);
      if (prior) {
        outcomes[i] =
          prior.hash === hash ? { kind: 'duplicate', status: 200, body: prior.response } : conflict(e.id);
        continue;
      }
      const earlier = seenInCall.get(e.id);
      if (earlier !== undefined) {
        // The same id twice in one call: the first decides; the repeat is a replay or a conflict.
        outcomes[i] = earlier === hash ? { kind: 'duplicate', status: 200, body: {} } : conflict(e.id);
        continue;
      }
      const decided = decide(e, principal, history.get(e.dossierCode) ?? [], rules, now);
      if (decided instanceof AppError) {
        outcomes[i] = { kind: 'rejected', error: decided };
        continue;
      }
      seenInCall.set(e.id, hash);
      history.set(e.dossierCode, [...(history.get(e.dossierCode) ?? []), asStored(e, rules.revision)]);
      // The revision the decision saw: the dossier's dates count with what was published by then (dossier-fold.ts),
      // so the worker stores the due date this answer gives.
      toAppend.push({
        index: i,
        item: { event: e, actor: principal.username, response: decided, rulesRevision: rules.revision },
      });
    }

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
          outcomes[index] = {
            kind: 'rejected',
            error: refusal(
              422,
              'dossier_exists',
              `dossier ${item.event.dossierCode} was already received`,
              'dossierCode',
            ),
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

  /** After the commit the event is safe; a failed enqueue only delays it until the relay runs. */
  private enqueueInBackground(events: Array<{ id: string; dossierCode: string }>): void {
    if (events.length === 0) return;
    this.queue
      .enqueue(events)
      .then(() => this.store.markEnqueued(events.map((e) => e.id)))
      .catch((err: unknown) =>
        this.log.warn(`enqueue deferred to the relay: ${err instanceof Error ? err.message : String(err)}`),
      );
  }
}

type Reception = Extract<Validated, { type: 'received' | 'refused_at_reception' }>;
const isReception = (e: Validated): e is Reception =>
  e.type === 'received' || e.type === 'refused_at_reception';

/** The intake decision for one event against the dossier's committed history: the answer body, or a refusal. */
export function decide(
  e: Validated,
  principal: Principal,
  history: StoredEvent[],
  rules: Rules,
  now: number,
): Record<string, unknown> | AppError {
  const exists = hasReception(history);
  if (isReception(e)) {
    if (exists)
      return refusal(422, 'dossier_exists', `dossier ${e.dossierCode} was already received`, 'dossierCode');
    const version = procedureAt(rules, e.data.procedureCode, e.occurredAt);
    if (!version) {
      return refusal(
        422,
        'unknown_procedure',
        `procedure ${e.data.procedureCode} is not in the catalogue`,
        'data.procedureCode',
      );
    }
    const receivingUnit = version.definition.steps[0]?.unitCode ?? version.definition.leadUnitCode;
    if (!mayLog(principal, e.type, receivingUnit, receivingUnit)) {
      return refusal(403, 'forbidden', `you may not log ${e.type} for unit ${receivingUnit}`);
    }
    const body: Record<string, unknown> = { id: e.id, dossierCode: e.dossierCode, status: 'accepted' };
    if (e.type === 'received') {
      const published = rules.at(e.occurredAt);
      const p = previewDue(published.calendar, published.settings, toRules(version), e.occurredAt);
      Object.assign(body, present({ dueAt: p.dueAt }), {
        receiptUrl: `/api/v1/dossiers/${encodeURIComponent(e.dossierCode)}/receipt`,
      });
    }
    return body;
  }
  if (!exists)
    return refusal(422, 'unknown_dossier', `dossier ${e.dossierCode} was never received`, 'dossierCode');
  const { state } = foldStored(history, rules, now);
  const receivingUnit = state.steps[0]?.unitCode ?? state.unitCode;
  if (!mayLog(principal, e.type, state.unitCode, receivingUnit)) {
    return refusal(
      403,
      'forbidden',
      `you may not log ${e.type} for dossier ${e.dossierCode} held by ${state.unitCode ?? 'no unit'}`,
    );
  }
  return { id: e.id, dossierCode: e.dossierCode, status: 'accepted' };
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

function asStored(e: Validated, rulesRevision: number): StoredEvent {
  return {
    rulesRevision,
    id: e.id,
    dossierCode: e.dossierCode,
    type: e.type,
    occurredAt: e.occurredAt,
    data: e.data,
    seq: '0',
    appliedAt: null,
  };
}

function conflict(id: string): EventOutcome {
  return {
    kind: 'rejected',
    error: new AppError(409, 'conflict', `event ${id} was already recorded with a different body`, [
      { field: 'id', problem: 'already used for another event' },
    ]),
  };
}

function refusal(status: number, code: string, message: string, field?: string): AppError {
  return new AppError(status, code, message, field ? [{ field, problem: message }] : []);
}
