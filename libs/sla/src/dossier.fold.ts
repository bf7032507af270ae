import { toLocalDate, type WorkingCalendar } from '@motcua/calendar';
import {
  apologyDeadline,
  baseDue,
  effectiveStart,
  hhmmToMinutes,
  minutesOfDay,
  ruleSetFor,
  shiftDue,
  warningInstant,
} from './deadline';
import type { SlaSettings } from './sla.settings';
import { FINISHED_STATUSES, nationalStatusOf } from './status-mapping';
import type {
  ApologyState,
  DossierEvent,
  DossierEventType,
  DossierState,
  DossierStatus,
  HandoverMethod,
  Instant,
  Outcome,
  PauseInterval,
  ProcedureRules,
  SlaState,
  StepState,
} from './sla.types';

export interface FoldContext {
  calendar: WorkingCalendar;
  settings: SlaSettings;
  /** The procedure version in force at the receipt instant (a change applies only to later receipts). */
  resolveProcedure: (code: string, receivedAt: Instant) => ProcedureRules | null;
  now: Instant;
}

/** Same-instant events apply in lifecycle order, then by id, so any arrival order folds alike. */
const TYPE_RANK: Record<DossierEventType, number> = {
  received: 0,
  refused_at_reception: 0,
  forwarded: 1,
  supplement_requested: 2,
  obligation_requested: 2,
  supplement_received: 3,
  obligation_fulfilled: 3,
  paid: 4,
  digitized: 4,
  apology_issued: 5,
  result_ready: 6,
  withdrawn: 6,
  stopped: 6,
  returned: 7,
  rated: 8,
  rules_rebased: 8,
};

export function compareEvents(a: DossierEvent, b: DossierEvent): number {
  return (
    a.occurredAt - b.occurredAt ||
    TYPE_RANK[a.type] - TYPE_RANK[b.type] ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

interface RawStep {
  code: string;
  name?: string;
  unitCode: string;
  defIndex: number | null;
  startedAt: Instant;
  endedAt: Instant | null;
  allocatedWorkingMinutes: number | null;
  handoverMethod: HandoverMethod | null;
}

interface RawPause {
  kind: PauseInterval['kind'];
  startedAt: Instant;
  endedAt: Instant | null;
  /** Whether this pause moves the deadline (supplement under pause_resume, obligation where the procedure says so). */
  shiftsDue: boolean;
}

class Rejection extends Error {}

function reject(reason: string): never {
  throw new Rejection(reason);
}

const OPEN_STATES: ReadonlySet<DossierStatus> = new Set<DossierStatus>([
  'RECEIVED',
  'IN_PROCESS',
  'SUPPLEMENT_REQUESTED',
  'WAITING_FINANCIAL_OBLIGATION',
]);

/** Folds a dossier's events (any arrival order) into its state at `now`. Pure and deterministic. */
export function foldDossier(events: ReadonlyArray<DossierEvent>, ctx: FoldContext): DossierState {
  return new DossierFolder(ctx).run(events);
}

class DossierFolder {
  private readonly cal: WorkingCalendar;
  private readonly settings: SlaSettings;
  private status: DossierStatus = 'NEW';
  private previousOpenStatus: DossierStatus = 'RECEIVED';
  private rules: ProcedureRules | null = null;
  private readonly s: DossierState;
  private readonly steps: RawStep[] = [];
  private readonly pauses: RawPause[] = [];
  private clockStart: Instant | null = null;
  private apologyIssuedAt: Instant | null = null;
  private apologyNewDue: Instant | null = null;

  constructor(private readonly ctx: FoldContext) {
    this.cal = ctx.calendar;
    this.settings = ctx.settings;
    this.s = emptyState();
  }

  run(events: ReadonlyArray<DossierEvent>): DossierState {
    const sorted = [...events].sort(compareEvents);
    for (const event of sorted) {
      try {
        this.apply(event);
        this.s.timeline.push({
          id: event.id,
          type: event.type,
          occurredAt: event.occurredAt,
          status: 'applied',
        });
        this.recordDueChange(event);
      } catch (err) {
        if (!(err instanceof Rejection)) throw err;
        this.s.timeline.push({
          id: event.id,
          type: event.type,
          occurredAt: event.occurredAt,
          status: 'rejected',
          reason: err.message,
        });
      }
    }
    return this.finish();
  }

  private apply(e: DossierEvent): void {
    if (e.type !== 'received' && e.type !== 'refused_at_reception' && this.status === 'NEW') {
      reject('the dossier has not been received yet');
    }
    switch (e.type) {
      case 'received':
        return this.onReceived(e);
      case 'refused_at_reception': {
        if (this.status !== 'NEW') reject(`a dossier in state ${this.status} cannot be refused at reception`);
        this.status = 'REFUSED_AT_RECEPTION';
        const rules = this.ctx.resolveProcedure(e.data.procedureCode, e.occurredAt);
        // The desk that refused it keeps it on its lists.
        this.s.unitCode = rules ? (rules.steps[0]?.unitCode ?? rules.leadUnitCode) : null;
        this.s.procedureCode = e.data.procedureCode;
        this.s.channel = e.data.channel;
        this.s.applicant = e.data.applicant;
        this.s.finishedAt = e.occurredAt;
        return;
      }
      case 'forwarded':
        return this.onForwarded(e);
      case 'supplement_requested': {
        this.requireStatus(e.type, ['RECEIVED', 'IN_PROCESS']);
        if (this.s.supplementRequests >= this.settings.maxSupplementRequests) {
          if (e.data.override !== true) {
            reject(
              `only ${this.settings.maxSupplementRequests} supplement request(s) allowed during processing; set data.override to record another (it counts as late)`,
            );
          }
          this.s.extraSupplement = true;
        }
        this.s.supplementRequests += 1;
        this.previousOpenStatus = this.status;
        this.status = 'SUPPLEMENT_REQUESTED';
        this.pauses.push({
          kind: 'supplement',
          startedAt: e.occurredAt,
          endedAt: null,
          shiftsDue: this.rules!.supplementPolicy === 'pause_resume',
        });
        return;
      }
      case 'supplement_received': {
        this.requireStatus(e.type, ['SUPPLEMENT_REQUESTED']);
        this.closePause('supplement', e.occurredAt);
        this.status = this.previousOpenStatus;
        if (this.rules!.supplementPolicy === 'restart') {
          // §3.3 alternative policy: the full duration runs again from the accepted supplement.
          this.clockStart = effectiveStart(this.cal, this.settings, e.occurredAt);
        }
        return;
      }
      case 'obligation_requested': {
        this.requireStatus(e.type, ['RECEIVED', 'IN_PROCESS']);
        this.previousOpenStatus = this.status;
        this.status = 'WAITING_FINANCIAL_OBLIGATION';
        this.pauses.push({
          kind: 'financial_obligation',
          startedAt: e.occurredAt,
          endedAt: null,
          shiftsDue: this.rules!.pauseOnFinancialObligation === true,
        });
        return;
      }
      case 'obligation_fulfilled': {
        this.requireStatus(e.type, ['WAITING_FINANCIAL_OBLIGATION']);
        this.closePause('financial_obligation', e.occurredAt);
        this.status = this.previousOpenStatus;
        return;
      }
      case 'paid':
        if (this.status === 'REFUSED_AT_RECEPTION') reject('a dossier refused at reception takes no payment');
        this.s.payments.push({ at: e.occurredAt, amountVnd: e.data.amountVnd, method: e.data.method });
        return;
      case 'digitized':
        if (this.status === 'REFUSED_AT_RECEPTION') reject('a dossier refused at reception is not digitised');
        this.s.digitized.components += e.data.components ?? 0;
        this.s.digitized.result = this.s.digitized.result || e.data.result === true;
        return;
      case 'apology_issued':
        return this.onApology(e);
      case 'result_ready': {
        this.requireStatus(e.type, ['RECEIVED', 'IN_PROCESS']);
        this.status = 'RESULT_READY';
        this.s.finishedAt = e.occurredAt;
        this.s.resultOutcome = e.data.outcome;
        this.s.electronicResult = e.data.electronicResult === true;
        this.endOpenStep(e.occurredAt, null);
        return;
      }
      case 'returned': {
        this.requireStatus(e.type, ['RESULT_READY']);
        this.status = 'RETURNED';
        this.s.returnedAt = e.occurredAt;
        return;
      }
      case 'withdrawn':
      case 'stopped': {
        this.requireStatus(e.type, [...OPEN_STATES]);
        this.closePause('supplement', e.occurredAt);
        this.closePause('financial_obligation', e.occurredAt);
        this.status = e.type === 'withdrawn' ? 'WITHDRAWN' : 'STOPPED';
        this.s.finishedAt = e.occurredAt;
        this.endOpenStep(e.occurredAt, null);
        return;
      }
      case 'rated':
        if (this.status === 'REFUSED_AT_RECEPTION') reject('a dossier refused at reception cannot be rated');
        this.s.rating = e.data.rating;
        return;
      case 'rules_rebased':
        // The calendar choice happens before the fold (see foldStored); here it is only checked and recorded.
        this.requireStatus(e.type, [...OPEN_STATES]);
        return;
    }
  }

  private requireStatus(type: DossierEventType, allowed: DossierStatus[]): void {
    if (!allowed.includes(this.status)) {
      reject(`${type} is not allowed in state ${this.status} (allowed: ${allowed.join(', ')})`);
    }
  }

  private onReceived(e: Extract<DossierEvent, { type: 'received' }>): void {
    if (this.status !== 'NEW') reject(`the dossier was already received (state ${this.status})`);
    const rules = this.ctx.resolveProcedure(e.data.procedureCode, e.occurredAt);
    if (!rules) reject(`unknown procedure ${e.data.procedureCode} at ${toLocalDate(e.occurredAt)}`);
    this.rules = rules;
    this.status = 'RECEIVED';
    this.s.procedureCode = rules.code;
    this.s.ruleSet = ruleSetFor(this.settings, e.occurredAt);
    this.s.channel = e.data.channel;
    this.s.applicant = e.data.applicant;
    this.s.receivedAt = e.occurredAt;
    this.s.submittedAt = e.data.submittedAt ?? null;
    const docs = e.data.documents ?? [];
    this.s.documents = {
      total: docs.length,
      digitized: docs.filter((d) => d.digitized === true).length,
      reused: docs.filter((d) => d.reused === true).length,
    };
    if (e.data.submittedAt !== undefined && e.data.channel === 'online') {
      // §6.6: the receiving deadline HanTiepNhan runs from the online submission.
      this.s.receptionDueAt = this.cal.addWorkingMinutes(
        e.data.submittedAt,
        this.settings.receptionSlaWorkingHours * 60,
      );
      this.s.receivedLate = e.occurredAt > this.s.receptionDueAt;
    }
    this.clockStart = effectiveStart(this.cal, this.settings, e.occurredAt);
    const first = rules.steps[0];
    this.s.unitCode = first?.unitCode ?? rules.leadUnitCode;
    if (first) this.openStep(0, this.clockStart, null);
  }

  private onForwarded(e: Extract<DossierEvent, { type: 'forwarded' }>): void {
    this.requireStatus(e.type, ['RECEIVED', 'IN_PROCESS']);
    const { fromUnit, toUnit, method, stepCode } = e.data;
    if (fromUnit !== this.s.unitCode) reject(`the dossier is held by ${this.s.unitCode}, not ${fromUnit}`);
    if (fromUnit === toUnit && stepCode === undefined)
      reject('a handover needs a different unit or a step code');
    const defs = this.rules!.steps;
    const current = this.steps.at(-1);
    let next: number | null;
    if (stepCode !== undefined) {
      next = defs.findIndex((d) => d.code === stepCode);
      if (next < 0) reject(`procedure ${this.rules!.code} has no step ${stepCode}`);
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
    this.s.handovers.push({ at: e.occurredAt, fromUnit, toUnit, method });
    this.s.unitCode = toUnit;
    this.status = 'IN_PROCESS';
    this.openStep(next, e.occurredAt, toUnit);
  }

  private onApology(e: Extract<DossierEvent, { type: 'apology_issued' }>): void {
    this.requireStatus(e.type, [...OPEN_STATES]);
    if (this.apologyIssuedAt !== null) {
      reject(
        `an apology with a new date was already issued; at most ${this.settings.maxReappointments} allowed`,
      );
    }
    const due = this.currentDue();
    if (due === null) reject('the procedure has no deadline, so no apology applies');
    if (e.data.newDueAt <= due) reject('data.newDueAt must be later than the current due date');
    if (!this.cal.isWorkingDay(toLocalDate(e.data.newDueAt))) {
      reject(`data.newDueAt falls on ${toLocalDate(e.data.newDueAt)}, which is not a working day`);
    }
    this.apologyIssuedAt = e.occurredAt;
    this.apologyNewDue = e.data.newDueAt;
    this.s.apology = {
      status: 'issued_on_time',
      deadline: 0,
      issuedAt: e.occurredAt,
      newDueAt: e.data.newDueAt,
      reason: e.data.reason,
      responsibleUnit: e.data.responsibleUnit,
      signer: e.data.signer,
      reappointmentMet: null,
    };
  }

  private openStep(defIndex: number | null, at: Instant, unitCode: string | null): void {
    const def = defIndex === null ? undefined : this.rules!.steps[defIndex];
    this.steps.push({
      code: def?.code ?? `ADHOC-${unitCode ?? 'UNKNOWN'}`,
      name: def?.name,
      unitCode: def?.unitCode ?? unitCode ?? 'UNKNOWN',
      defIndex,
      startedAt: at,
      endedAt: null,
      allocatedWorkingMinutes: def ? def.allocatedWorkingHours * 60 : null,
      handoverMethod: null,
    });
  }

  private endOpenStep(at: Instant, method: HandoverMethod | null): void {
    const step = this.steps.at(-1);
    if (!step || step.endedAt !== null) return;
    step.endedAt = at;
    step.handoverMethod = method;
    if (method === 'paper' && step === this.steps[0]) {
      // §3.1 / §5.5: a paper dossier leaves the desk the same working day, or the next morning after the cut-off.
      step.allocatedWorkingMinutes = this.cal.workingMinutesBetween(
        step.startedAt,
        this.paperForwardDeadline(),
      );
    }
  }

  private paperForwardDeadline(): Instant {
    const receivedAt = this.s.receivedAt!;
    const day = toLocalDate(receivedAt);
    if (!this.cal.isWorkingDay(day)) return this.cal.closeOf(this.cal.nextWorkingDay(day));
    if (minutesOfDay(receivedAt) < hhmmToMinutes(this.settings.paperForwardCutoff))
      return this.cal.closeOf(day);
    const [morning] = this.cal.profile.sessions;
    const morningLength = hhmmToMinutes(morning.end) - hhmmToMinutes(morning.start);
    return this.cal.openingOf(this.cal.nextWorkingDay(day)) + morningLength * 60_000;
  }

  private closePause(kind: RawPause['kind'], at: Instant): void {
    for (const p of this.pauses) if (p.kind === kind && p.endedAt === null) p.endedAt = at;
  }

  private pauseMinutes(p: RawPause, from: Instant, to: Instant): number {
    const a = Math.max(p.startedAt, from);
    const b = Math.min(p.endedAt ?? this.ctx.now, to);
    return b > a ? this.cal.workingMinutesBetween(a, b) : 0;
  }

  /** The KPI due: base due from the clock start, shifted by every closed pause that moves it (notes §1: one function). */
  private currentDue(): Instant | null {
    if (!this.rules || this.clockStart === null) return null;
    const base = baseDue(this.cal, this.settings, this.rules.duration, this.clockStart);
    if (base === null) return null;
    let paused = 0;
    for (const p of this.pauses) {
      if (p.shiftsDue && p.endedAt !== null && p.endedAt > this.clockStart) {
        paused += this.pauseMinutes(p, this.clockStart, p.endedAt);
      }
    }
    return shiftDue(this.cal, this.settings, this.rules.duration, base, paused);
  }

  private recordDueChange(e: DossierEvent): void {
    const reason =
      e.type === 'received'
        ? 'received'
        : e.type === 'supplement_received'
          ? this.rules?.supplementPolicy === 'restart'
            ? 'supplement_restart'
            : 'supplement_pause'
          : e.type === 'obligation_fulfilled'
            ? 'obligation_pause'
            : null;
    if (reason === null) return;
    const due = this.currentDue();
    const last = this.s.dueHistory.at(-1);
    if (!last || last.dueAt !== due) this.s.dueHistory.push({ dueAt: due, at: e.occurredAt, reason });
  }

  private finish(): DossierState {
    const s = this.s;
    const now = this.ctx.now;
    s.status = this.status;
    s.nationalStatus = nationalStatusOf(this.status);
    s.effectiveStartAt = this.clockStart;
    s.dueAt = this.currentDue();
    s.pauses = this.pauses.map((p) => ({
      kind: p.kind,
      startedAt: p.startedAt,
      endedAt: p.endedAt,
      workingMinutes: this.pauseMinutes(p, p.startedAt, p.endedAt ?? now),
    }));
    const finished = FINISHED_STATUSES.has(this.status);
    if (this.status === 'REFUSED_AT_RECEPTION' || !this.rules) {
      s.sla = { state: 'closed', remainingWorkingMinutes: null, pausedWorkingMinutes: 0, outcome: null };
      return s;
    }
    s.warningAt = s.dueAt === null ? null : warningInstant(this.cal, this.settings, s.dueAt);
    s.rescheduledDueAt = this.rescheduledDue();
    s.steps = this.steps.map((st) => this.stepState(st));
    this.attribute(s);
    const openPause = this.pauses.find((p) => p.endedAt === null && (p.kind === 'supplement' || p.shiftsDue));
    const pausedWorkingMinutes = s.pauses.reduce((sum, p) => sum + p.workingMinutes, 0);
    const clockNow = finished ? s.finishedAt! : openPause ? openPause.startedAt : now;
    const remaining = s.dueAt === null ? null : this.cal.workingMinutesBetween(clockNow, s.dueAt);
    const outcome = this.outcome();
    s.sla = {
      state: this.slaState(finished, openPause !== undefined),
      remainingWorkingMinutes: remaining,
      pausedWorkingMinutes,
      outcome,
    };
    s.apology = this.apologyState(outcome);
    s.provisional = this.cal.isProvisional(s.receivedAt!, Math.max(s.dueAt ?? now, s.finishedAt ?? now));
    return s;
  }

  private rescheduledDue(): Instant | null {
    if (this.apologyNewDue === null || this.apologyIssuedAt === null || !this.rules) return null;
    let paused = 0;
    for (const p of this.pauses) {
      if (p.shiftsDue && p.endedAt !== null && p.startedAt >= this.apologyIssuedAt) {
        paused += this.pauseMinutes(p, p.startedAt, p.endedAt);
      }
    }
    return shiftDue(this.cal, this.settings, this.rules.duration, this.apologyNewDue, paused);
  }

  private stepState(st: RawStep): StepState {
    const end = st.endedAt ?? (FINISHED_STATUSES.has(this.status) ? this.s.finishedAt! : this.ctx.now);
    // Time with the applicant (supplement, payment) belongs to no unit (§5.5).
    let pausedInside = 0;
    for (const p of this.pauses) pausedInside += this.pauseMinutes(p, st.startedAt, end);
    const used = Math.max(0, this.cal.workingMinutesBetween(st.startedAt, end) - pausedInside);
    const alloc = st.allocatedWorkingMinutes;
    const dueAt = alloc === null ? null : this.cal.addWorkingMinutes(st.startedAt, alloc + pausedInside);
    const overrun = alloc === null ? 0 : Math.max(0, Math.round(used - alloc));
    let outcome: Outcome | null = null;
    if (st.endedAt !== null && alloc !== null) {
      const diff = Math.round(used) - Math.round(alloc);
      outcome = diff < 0 ? 'early' : diff === 0 ? 'on_time' : 'late';
    }
    return {
      code: st.code,
      name: st.name,
      unitCode: st.unitCode,
      startedAt: st.startedAt,
      dueAt,
      endedAt: st.endedAt,
      handoverMethod: st.handoverMethod,
      allocatedWorkingMinutes: alloc,
      usedWorkingMinutes: Math.round(used),
      overrunWorkingMinutes: overrun,
      outcome,
    };
  }

  private attribute(s: DossierState): void {
    const late = s.steps.filter((st) => st.overrunWorkingMinutes > 0);
    const byUnit = new Map<string, number>();
    for (const st of late) byUnit.set(st.unitCode, (byUnit.get(st.unitCode) ?? 0) + st.overrunWorkingMinutes);
    s.responsibleUnits = [...byUnit.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([u]) => u);
    if (late.length === 0) {
      s.primaryResponsibleUnit = null;
      return;
    }
    if (this.settings.primaryCause === 'first_exceeding' && s.dueAt !== null) {
      const due = s.dueAt;
      const first = late.find((st) => (st.endedAt ?? this.ctx.now) > due);
      if (first) {
        s.primaryResponsibleUnit = first.unitCode;
        return;
      }
    }
    s.primaryResponsibleUnit = [...late].sort(
      (a, b) => b.overrunWorkingMinutes - a.overrunWorkingMinutes,
    )[0].unitCode;
  }

  private outcome(): Outcome | null {
    if (this.status !== 'RESULT_READY' && this.status !== 'RETURNED') return null;
    const due = this.s.dueAt;
    if (due === null) return this.settings.noDeadlineCountsOnTime ? 'on_time' : null;
    if (this.s.extraSupplement && this.settings.extraSupplementCountsLate) return 'late';
    return classify(this.s.finishedAt!, due, this.settings.outcomeGranularity);
  }

  private slaState(finished: boolean, paused: boolean): SlaState {
    if (finished) return 'closed';
    if (paused) return 'paused';
    const due = this.s.dueAt;
    const now = this.ctx.now;
    if (due === null) return 'on_track';
    if (now >= due) return 'overdue';
    const deadline = apologyDeadline(this.cal, this.settings, due);
    if (this.apologyIssuedAt === null && toLocalDate(now) >= toLocalDate(deadline)) return 'apology_due';
    if (this.s.warningAt !== null && now >= this.s.warningAt) return 'due_soon';
    return 'on_track';
  }

  private apologyState(outcome: Outcome | null): ApologyState | null {
    const due = this.s.dueAt;
    if (due === null) return null;
    const deadline = apologyDeadline(this.cal, this.settings, due);
    const issued = this.s.apology;
    if (issued && issued.issuedAt !== null) {
      const at = issued.issuedAt;
      return {
        ...issued,
        deadline,
        status: at <= deadline ? 'issued_on_time' : at <= due ? 'issued_late' : 'issued_after_due',
        reappointmentMet:
          outcome === null || this.s.rescheduledDueAt === null
            ? null
            : classify(this.s.finishedAt!, this.s.rescheduledDueAt, this.settings.outcomeGranularity) !==
              'late',
      };
    }
    const now = this.ctx.now;
    let status: ApologyState['status'] = 'not_required';
    if (outcome === 'late') status = 'missing';
    else if (OPEN_STATES.has(this.status)) {
      if (now >= due) status = 'missing';
      else if (toLocalDate(now) >= toLocalDate(deadline)) status = 'due';
    }
    return {
      status,
      deadline,
      issuedAt: null,
      newDueAt: null,
      reason: null,
      responsibleUnit: null,
      signer: null,
      reappointmentMet: null,
    };
  }
}

/** §7.1: early / on time / late at date granularity (default) or by instant. */
export function classify(
  finishedAt: Instant,
  dueAt: Instant,
  granularity: SlaSettings['outcomeGranularity'],
): Outcome {
  const f = toLocalDate(finishedAt);
  const d = toLocalDate(dueAt);
  if (granularity === 'datetime' && finishedAt > dueAt) return 'late';
  if (f < d) return 'early';
  return f === d || granularity === 'datetime' ? 'on_time' : 'late';
}

function emptyState(): DossierState {
  return {
    status: 'NEW',
    nationalStatus: null,
    procedureCode: null,
    ruleSet: null,
    channel: null,
    applicant: null,
    unitCode: null,
    receivedAt: null,
    submittedAt: null,
    receptionDueAt: null,
    receivedLate: false,
    effectiveStartAt: null,
    dueAt: null,
    dueHistory: [],
    rescheduledDueAt: null,
    warningAt: null,
    finishedAt: null,
    returnedAt: null,
    resultOutcome: null,
    electronicResult: false,
    pauses: [],
    supplementRequests: 0,
    extraSupplement: false,
    handovers: [],
    payments: [],
    digitized: { components: 0, result: false },
    documents: { total: 0, digitized: 0, reused: 0 },
    rating: null,
    sla: { state: 'on_track', remainingWorkingMinutes: null, pausedWorkingMinutes: 0, outcome: null },
    steps: [],
    responsibleUnits: [],
    primaryResponsibleUnit: null,
    apology: null,
    timeline: [],
    provisional: false,
  };
}
