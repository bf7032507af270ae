import { formatInstant, toLocalDate, type WorkingCalendar } from '@motcua/calendar';
import { dueOf, rescheduledDue } from './dossier.dues';
import { newRecord, type FoldContext, type FoldRecord, type RawPause } from './dossier.record';
import { effectiveStart, hhmmToMinutes, minutesOfDay, ruleSetFor } from './deadline';
import type { SlaSettings } from './sla.settings';
import { deadlineReason } from './milestones';
import { OPEN_STATUSES } from './status-mapping';
import type { DossierEvent, DossierEventType, DossierStatus, HandoverMethod, Instant } from './sla.types';

class Rejection extends Error {}

function reject(reason: string): never {
  throw new Rejection(reason);
}

/** An event whose application raised an unexpected error (calendar range, missing year…): the fold redoes without it. */
export class EventFault extends Error {
  constructor(
    readonly eventId: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** A readable reason from anything thrown. */
export function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Applies events already in fold order; an impossible event is kept in the timeline as rejected, never thrown.
 * Events in `refused` are kept as rejected with the given reason without being applied; any other error
 * becomes an EventFault naming the event, since the record may be half-changed by then.
 */
export function applyEvents(
  sorted: ReadonlyArray<DossierEvent>,
  ctx: FoldContext,
  refused: ReadonlyMap<string, string> = new Map(),
): FoldRecord {
  const machine = new DossierTransitions(ctx);
  for (const event of sorted) {
    const reason = refused.get(event.id);
    if (reason === undefined) machine.step(event);
    else machine.refuse(event, reason);
  }
  return machine.r;
}

class DossierTransitions {
  readonly r: FoldRecord = newRecord();
  private readonly cal: WorkingCalendar;
  private readonly settings: SlaSettings;

  constructor(private readonly ctx: FoldContext) {
    this.cal = ctx.calendar;
    this.settings = ctx.settings;
  }

  step(event: DossierEvent): void {
    try {
      this.apply(event);
      this.recordDueChange(event);
    } catch (err) {
      if (err instanceof Rejection) return this.refuse(event, err.message);
      throw new EventFault(event.id, `cannot be applied: ${reasonOf(err)}`);
    }
    this.r.state.timeline.push({
      id: event.id,
      type: event.type,
      occurredAt: event.occurredAt,
      status: 'applied',
      // A re-basing says in the timeline what moved and why (§6.9); the tracker, which deadline it acted at.
      ...(event.type === 'rules_rebased' ? { reason: event.data.reason } : {}),
      ...(event.type === 'deadline_reached' ? { reason: deadlineReason(event.data) } : {}),
    });
  }

  refuse(event: DossierEvent, reason: string): void {
    this.r.state.timeline.push({
      id: event.id,
      type: event.type,
      occurredAt: event.occurredAt,
      status: 'rejected',
      reason,
    });
  }

  private apply(e: DossierEvent): void {
    const r = this.r;
    const s = r.state;
    if (e.type !== 'received' && e.type !== 'refused_at_reception' && r.status === 'NEW') {
      reject('the dossier has not been received yet');
    }
    switch (e.type) {
      case 'received':
        return this.onReceived(e);
      case 'refused_at_reception': {
        if (r.status !== 'NEW') reject(`a dossier in state ${r.status} cannot be refused at reception`);
        r.status = 'REFUSED_AT_RECEPTION';
        const rules = this.ctx.resolveProcedure(e.data.procedureCode, e.occurredAt);
        // The desk that refused it keeps it on its lists.
        s.unitCode = rules ? (rules.steps[0]?.unitCode ?? rules.leadUnitCode) : null;
        s.procedureCode = e.data.procedureCode;
        s.channel = e.data.channel;
        s.applicant = e.data.applicant;
        s.finishedAt = e.occurredAt;
        return;
      }
      case 'forwarded':
        return this.onForwarded(e);
      case 'supplement_requested': {
        this.requireStatus(e.type, ['RECEIVED', 'IN_PROCESS']);
        if (s.supplementRequests >= this.settings.maxSupplementRequests) {
          if (e.data.override !== true) {
            reject(
              `only ${this.settings.maxSupplementRequests} supplement request(s) allowed during processing; set data.override to record another (it counts as late)`,
            );
          }
          s.extraSupplement = true;
        }
        s.supplementRequests += 1;
        r.previousOpenStatus = r.status;
        r.status = 'SUPPLEMENT_REQUESTED';
        r.pauses.push({
          kind: 'supplement',
          startedAt: e.occurredAt,
          endedAt: null,
          shiftsDue: r.rules!.supplementPolicy === 'pause_resume',
        });
        return;
      }
      case 'supplement_received': {
        this.requireStatus(e.type, ['SUPPLEMENT_REQUESTED']);
        this.closePause('supplement', e.occurredAt);
        r.status = r.previousOpenStatus;
        if (r.rules!.supplementPolicy === 'restart') {
          // §3.3 alternative policy: the full duration runs again from the accepted supplement.
          r.clockStart = effectiveStart(this.cal, this.settings, e.occurredAt);
        }
        return;
      }
      case 'obligation_requested': {
        this.requireStatus(e.type, ['RECEIVED', 'IN_PROCESS']);
        r.previousOpenStatus = r.status;
        r.status = 'WAITING_FINANCIAL_OBLIGATION';
        r.pauses.push({
          kind: 'financial_obligation',
          startedAt: e.occurredAt,
          endedAt: null,
          shiftsDue: r.rules!.pauseOnFinancialObligation === true,
        });
        return;
      }
      case 'obligation_fulfilled': {
        this.requireStatus(e.type, ['WAITING_FINANCIAL_OBLIGATION']);
        this.closePause('financial_obligation', e.occurredAt);
        r.status = r.previousOpenStatus;
        return;
      }
      case 'paid':
        if (r.status === 'REFUSED_AT_RECEPTION') reject('a dossier refused at reception takes no payment');
        s.payments.push({ at: e.occurredAt, amountVnd: e.data.amountVnd, method: e.data.method });
        return;
      case 'digitized':
        if (r.status === 'REFUSED_AT_RECEPTION') reject('a dossier refused at reception is not digitised');
        s.digitized.components += e.data.components ?? 0;
        s.digitized.result = s.digitized.result || e.data.result === true;
        return;
      case 'apology_issued':
        return this.onApology(e);
      case 'result_ready': {
        this.requireStatus(e.type, ['RECEIVED', 'IN_PROCESS']);
        r.status = 'RESULT_READY';
        s.finishedAt = e.occurredAt;
        s.resultOutcome = e.data.outcome;
        s.electronicResult = e.data.electronicResult === true;
        this.endOpenStep(e.occurredAt, null);
        return;
      }
      case 'returned': {
        this.requireStatus(e.type, ['RESULT_READY']);
        r.status = 'RETURNED';
        s.returnedAt = e.occurredAt;
        return;
      }
      case 'withdrawn':
      case 'stopped': {
        this.requireStatus(e.type, [...OPEN_STATUSES]);
        this.closePause('supplement', e.occurredAt);
        this.closePause('financial_obligation', e.occurredAt);
        r.status = e.type === 'withdrawn' ? 'WITHDRAWN' : 'STOPPED';
        s.finishedAt = e.occurredAt;
        this.endOpenStep(e.occurredAt, null);
        return;
      }
      case 'rated':
        if (r.status === 'REFUSED_AT_RECEPTION') reject('a dossier refused at reception cannot be rated');
        s.rating = e.data.rating;
        return;
      case 'rules_rebased':
        // The calendar choice happens before the fold (see foldStored); here it is only checked and recorded.
        this.requireStatus(e.type, [...OPEN_STATUSES]);
        return;
      case 'deadline_reached':
        // Recorded so that the tracker acts once per deadline (milestones.ts); it changes no date.
        s.deadlinesReached.push({
          kind: e.data.kind,
          at: e.data.at,
          stepCode: e.data.stepCode ?? null,
          unitCode: e.data.unitCode ?? null,
          reachedAt: e.occurredAt,
        });
        return;
      case 'apology_drafted':
      case 'notification_sent':
      case 'notification_failed':
        // What the system did is part of the record (the timeline); it changes no date of the dossier.
        return;
    }
  }

  private requireStatus(type: DossierEventType, allowed: DossierStatus[]): void {
    if (!allowed.includes(this.r.status)) {
      reject(`${type} is not allowed in state ${this.r.status} (allowed: ${allowed.join(', ')})`);
    }
  }

  private onReceived(e: Extract<DossierEvent, { type: 'received' }>): void {
    const r = this.r;
    const s = r.state;
    if (r.status !== 'NEW') reject(`the dossier was already received (state ${r.status})`);
    const rules = this.ctx.resolveProcedure(e.data.procedureCode, e.occurredAt);
    if (!rules) reject(`unknown procedure ${e.data.procedureCode} at ${toLocalDate(e.occurredAt)}`);
    r.rules = rules;
    r.status = 'RECEIVED';
    s.procedureCode = rules.code;
    s.ruleSet = ruleSetFor(this.settings, e.occurredAt);
    s.channel = e.data.channel;
    s.applicant = e.data.applicant;
    s.receivedAt = e.occurredAt;
    s.submittedAt = e.data.submittedAt ?? null;
    const docs = e.data.documents ?? [];
    s.documents = {
      total: docs.length,
      digitized: docs.filter((d) => d.digitized === true).length,
      reused: docs.filter((d) => d.reused === true).length,
    };
    if (e.data.submittedAt !== undefined && e.data.channel === 'online') {
      // §6.6: the receiving deadline HanTiepNhan runs from the online submission.
      s.receptionDueAt = this.cal.addWorkingMinutes(
        e.data.submittedAt,
        this.settings.receptionSlaWorkingHours * 60,
      );
      s.receivedLate = e.occurredAt > s.receptionDueAt;
    }
    r.clockStart = effectiveStart(this.cal, this.settings, e.occurredAt);
    const first = rules.steps[0];
    s.unitCode = first?.unitCode ?? rules.leadUnitCode;
    if (first) this.openStep(0, r.clockStart, null, true);
  }

  private onForwarded(e: Extract<DossierEvent, { type: 'forwarded' }>): void {
    const r = this.r;
    const s = r.state;
    this.requireStatus(e.type, ['RECEIVED', 'IN_PROCESS']);
    const { fromUnit, toUnit, method, stepCode } = e.data;
    if (fromUnit !== s.unitCode) reject(`the dossier is held by ${s.unitCode}, not ${fromUnit}`);
    if (fromUnit === toUnit && stepCode === undefined)
      reject('a handover needs a different unit or a step code');
    const defs = r.rules!.steps;
    const current = r.steps.at(-1);
    let next: number | null;
    if (stepCode !== undefined) {
      next = defs.findIndex((d) => d.code === stepCode);
      if (next < 0) reject(`procedure ${r.rules!.code} has no step ${stepCode}`);
      if (defs[next].unitCode !== toUnit)
        reject(`step ${stepCode} belongs to ${defs[next].unitCode}, not ${toUnit}`);
    } else {
      const from = current?.defIndex === null || current === undefined ? -1 : current.defIndex;
      const byUnit = defs.findIndex((d, i) => i > from && d.unitCode === toUnit);
      next = byUnit >= 0 ? byUnit : null;
    }
    if (current && current.endedAt === null && current.defIndex !== null && next !== null) {
      // Steps of the same unit that the handover skips lend their time to the step that did their work.
      for (let k = current.defIndex + 1; k < next; k++) {
        if (defs[k].unitCode === current.unitCode && current.allocatedWorkingMinutes !== null) {
          current.allocatedWorkingMinutes += defs[k].allocatedWorkingHours * 60;
        }
      }
    }
    this.endOpenStep(e.occurredAt, method);
    s.handovers.push({ at: e.occurredAt, fromUnit, toUnit, method });
    s.unitCode = toUnit;
    r.status = 'IN_PROCESS';
    this.openStep(next, e.occurredAt, toUnit);
  }

  private onApology(e: Extract<DossierEvent, { type: 'apology_issued' }>): void {
    const r = this.r;
    this.requireStatus(e.type, [...OPEN_STATUSES]);
    const max = this.settings.maxReappointments;
    if (r.reappointments.length >= max) {
      reject(`sla.maxReappointments allows ${max} apology letter(s) with a new date per dossier (§5.1)`);
    }
    const due = dueOf(r, this.ctx);
    if (due === null) reject('the procedure has no deadline, so no apology applies');
    if (e.data.newDueAt <= due) reject('data.newDueAt must be later than the current due date');
    const previous = rescheduledDue(r, this.ctx);
    if (previous !== null && e.data.newDueAt <= previous) {
      reject(`data.newDueAt must be later than the previous re-appointment, ${formatInstant(previous)}`);
    }
    if (!this.cal.isWorkingDay(toLocalDate(e.data.newDueAt))) {
      reject(`data.newDueAt falls on ${toLocalDate(e.data.newDueAt)}, which is not a working day`);
    }
    r.reappointments.push({ issuedAt: e.occurredAt, newDueAt: e.data.newDueAt });
    const letter = {
      issuedAt: e.occurredAt,
      newDueAt: e.data.newDueAt,
      reason: e.data.reason,
      responsibleUnit: e.data.responsibleUnit,
      signer: e.data.signer,
    };
    // The first letter answers the §5.2 duty; later ones only re-appoint again.
    if (r.state.apology) r.state.apology.later.push(letter);
    else
      r.state.apology = {
        status: 'issued_on_time',
        deadline: 0,
        ...letter,
        reappointmentMet: null,
        later: [],
      };
  }

  private openStep(defIndex: number | null, at: Instant, unitCode: string | null, atReception = false): void {
    const def = defIndex === null ? undefined : this.r.rules!.steps[defIndex];
    this.r.steps.push({
      code: def?.code ?? `ADHOC-${unitCode ?? 'UNKNOWN'}`,
      name: def?.name,
      unitCode: def?.unitCode ?? unitCode ?? 'UNKNOWN',
      defIndex,
      startedAt: at,
      endedAt: null,
      allocatedWorkingMinutes: def ? def.allocatedWorkingHours * 60 : null,
      handoverMethod: null,
      atReception,
    });
  }

  private endOpenStep(at: Instant, method: HandoverMethod | null): void {
    const step = this.r.steps.at(-1);
    if (!step || step.endedAt !== null) return;
    step.endedAt = at;
    step.handoverMethod = method;
    // Only the desk that received the dossier has the paper-forwarding allowance (§3.1); later steps keep theirs.
    if (method === 'paper' && step.atReception) {
      step.allocatedWorkingMinutes = this.cal.workingMinutesBetween(
        step.startedAt,
        this.paperForwardDeadline(),
      );
    }
  }

  /** §3.1 / §6.5: paper leaves the desk the same working day, or at the next opening when received after the cut-off. */
  private paperForwardDeadline(): Instant {
    // A receipt outside office hours counts as made at the next opening (§6.6), whatever the clock policy.
    const from = this.cal.nextOpening(this.r.state.receivedAt!);
    const day = toLocalDate(from);
    if (minutesOfDay(from) < hhmmToMinutes(this.settings.paperForwardCutoff)) return this.cal.closeOf(day);
    return this.cal.openingOf(this.cal.nextWorkingDay(day));
  }

  private closePause(kind: RawPause['kind'], at: Instant): void {
    for (const p of this.r.pauses) if (p.kind === kind && p.endedAt === null) p.endedAt = at;
  }

  private recordDueChange(e: DossierEvent): void {
    const reason =
      e.type === 'received'
        ? 'received'
        : e.type === 'supplement_received'
          ? this.r.rules?.supplementPolicy === 'restart'
            ? 'supplement_restart'
            : 'supplement_pause'
          : e.type === 'obligation_fulfilled'
            ? 'obligation_pause'
            : null;
    if (reason === null) return;
    const due = dueOf(this.r, this.ctx);
    const history = this.r.state.dueHistory;
    const last = history.at(-1);
    if (!last || last.dueAt !== due) history.push({ dueAt: due, at: e.occurredAt, reason });
  }
}
