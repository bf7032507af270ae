import { toLocalDate, type WorkingCalendar } from '@motcua/calendar';
import { apologyDeadline, baseDue, effectiveStart, warningInstant } from './deadline';
import { dueOf, pauseMinutes, rescheduledDue } from './dossier.dues';
import type { FoldContext, FoldRecord, RawStep } from './dossier.record';
import { slaStateOf, type SlaFacts } from './sla-state';
import type { SlaSettings } from './sla.settings';
import { FINISHED_STATUSES, OPEN_STATUSES, nationalStatusOf } from './status-mapping';
import type { ApologyState, DossierState, Instant, Outcome, StepState } from './sla.types';

/** Completes the state at `ctx.now` from what the transitions recorded. */
export function assess(r: FoldRecord, ctx: FoldContext): DossierState {
  const s = r.state;
  const now = ctx.now;
  const cal = ctx.calendar;
  s.status = r.status;
  s.nationalStatus = nationalStatusOf(r.status);
  s.effectiveStartAt = r.clockStart;
  s.dueAt = dueOf(r, ctx);
  s.pauses = r.pauses.map((p) => ({
    kind: p.kind,
    startedAt: p.startedAt,
    endedAt: p.endedAt,
    workingMinutes: pauseMinutes(ctx, p, p.startedAt, p.endedAt ?? now),
  }));
  const finished = FINISHED_STATUSES.has(r.status);
  if (r.status === 'REFUSED_AT_RECEPTION' || !r.rules) {
    // s.slaFacts keeps the closed facts the state was created with.
    s.sla = {
      state: 'closed',
      remainingWorkingMinutes: null,
      pausedWorkingMinutes: 0,
      outcome: null,
      outcomeByInstant: null,
    };
    return s;
  }
  s.warningAt = s.dueAt === null ? null : warningInstant(cal, ctx.settings, s.dueAt);
  s.rescheduledDueAt = rescheduledDue(r, ctx);
  s.supplementDueAt = supplementDue(r, ctx);
  s.steps = r.steps.map((st) => stepState(r, ctx, st));
  attribute(s, ctx);
  const openPause = r.pauses.find((p) => p.endedAt === null && (p.kind === 'supplement' || p.shiftsDue));
  // §6.7: only pauses that move the due date stopped the clock; an obligation the procedure counts did not.
  const pausedWorkingMinutes = s.pauses.reduce(
    (sum, p, i) => (r.pauses[i].shiftsDue ? sum + p.workingMinutes : sum),
    0,
  );
  const clockNow = finished ? s.finishedAt! : openPause ? openPause.startedAt : now;
  const remaining = s.dueAt === null ? null : cal.workingMinutesBetween(clockNow, s.dueAt);
  const outcome = outcomeOf(r, ctx);
  const deadline = s.dueAt === null ? null : apologyDeadline(cal, ctx.settings, s.dueAt);
  s.slaFacts = {
    open: OPEN_STATUSES.has(r.status),
    paused: openPause !== undefined,
    dueAt: s.dueAt,
    warningAt: s.warningAt,
    apologyDeadline: deadline,
    apologyIssued: r.reappointments.length > 0,
  };
  s.sla = {
    state: slaStateOf(s.slaFacts, now),
    remainingWorkingMinutes: remaining,
    pausedWorkingMinutes,
    outcome,
    outcomeByInstant: outcomeByInstantOf(r, ctx.settings),
  };
  s.apology = apologyState(r, ctx, outcome, deadline);
  s.provisional = cal.isProvisional(s.receivedAt!, Math.max(s.dueAt ?? now, s.finishedAt ?? now));
  return s;
}

/**
 * §3.3: the end of the applicant's deadline to return the supplement awaited now, counted from the request like a
 * duration of `supplementDeadlineWorkingDays` working days; null when none is awaited or the procedure sets none.
 */
function supplementDue(r: FoldRecord, ctx: FoldContext): Instant | null {
  const days = r.rules?.supplementDeadlineWorkingDays;
  if (r.status !== 'SUPPLEMENT_REQUESTED' || days === undefined) return null;
  const request = r.pauses.findLast((p) => p.kind === 'supplement' && p.endedAt === null);
  if (!request) return null;
  const start = effectiveStart(ctx.calendar, ctx.settings, request.startedAt);
  return baseDue(ctx.calendar, ctx.settings, { value: days, unit: 'working_days' }, start);
}

/** The facts the fold decided `sla.state` from, for the projection columns (closed facts before reception). */
export function slaFactsOf(state: DossierState): SlaFacts {
  return state.slaFacts;
}

function stepState(r: FoldRecord, ctx: FoldContext, st: RawStep): StepState {
  const cal = ctx.calendar;
  const end = st.endedAt ?? (FINISHED_STATUSES.has(r.status) ? r.state.finishedAt! : ctx.now);
  // Time with the applicant (supplement, payment) belongs to no unit (§5.5).
  let pausedInside = 0;
  for (const p of r.pauses) pausedInside += pauseMinutes(ctx, p, st.startedAt, end);
  const used = Math.max(0, cal.workingMinutesBetween(st.startedAt, end) - pausedInside);
  const alloc = st.allocatedWorkingMinutes;
  const dueAt = alloc === null ? null : cal.addWorkingMinutes(st.startedAt, alloc + pausedInside);
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

/** §5.5: which units made the dossier late, and the primary cause. */
function attribute(s: DossierState, ctx: FoldContext): void {
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
  if (ctx.settings.primaryCause === 'first_exceeding' && s.dueAt !== null) {
    const due = s.dueAt;
    const first = late.find((st) => (st.endedAt ?? ctx.now) > due);
    if (first) {
      s.primaryResponsibleUnit = first.unitCode;
      return;
    }
  }
  s.primaryResponsibleUnit = [...late].sort(
    (a, b) => b.overrunWorkingMinutes - a.overrunWorkingMinutes,
  )[0].unitCode;
}

/** §7.1 Biểu II.06a: resolved dossiers only, by local date or by instant per `outcomeGranularity`. */
function outcomeOf(r: FoldRecord, ctx: FoldContext): Outcome | null {
  if (r.status !== 'RESULT_READY' && r.status !== 'RETURNED') return null;
  const settings = ctx.settings;
  const s = r.state;
  const due = s.dueAt;
  if (due === null) return settings.noDeadlineCountsOnTime ? 'on_time' : null;
  if (s.extraSupplement && settings.extraSupplementCountsLate) return 'late';
  return classify(s.finishedAt!, due, settings.outcomeGranularity, ctx.calendar);
}

/** §7.2: Decision 766 ends processing at the first of refusal, stop, result ready, return or withdrawal. */
const ENDED_FOR_766 = new Set(['RESULT_READY', 'RETURNED', 'WITHDRAWN', 'STOPPED']);

/** §7.2 Decision 766 criterion 2.1: on time ⇔ finishedAt ≤ dueAt as instants; more than one supplement is late. */
function outcomeByInstantOf(r: FoldRecord, settings: SlaSettings): Outcome | null {
  if (!ENDED_FOR_766.has(r.status)) return null;
  const s = r.state;
  if (s.supplementRequests > 1) return 'late';
  // The due already moved by every pause that stops the clock, which is the criterion's finishedAt − supplement time.
  if (s.dueAt === null) return settings.noDeadlineCountsOnTime ? 'on_time' : null;
  return classifyByInstant(s.finishedAt!, s.dueAt);
}

function apologyState(
  r: FoldRecord,
  ctx: FoldContext,
  outcome: Outcome | null,
  deadline: Instant | null,
): ApologyState | null {
  const s = r.state;
  const due = s.dueAt;
  if (due === null || deadline === null) return null;
  const issued = s.apology;
  if (issued && issued.issuedAt !== null) {
    const at = issued.issuedAt;
    return {
      ...issued,
      deadline,
      status: at <= deadline ? 'issued_on_time' : at <= due ? 'issued_late' : 'issued_after_due',
      reappointmentMet:
        outcome === null || s.rescheduledDueAt === null
          ? null
          : classify(s.finishedAt!, s.rescheduledDueAt, ctx.settings.outcomeGranularity, ctx.calendar) !==
            'late',
    };
  }
  const now = ctx.now;
  let status: ApologyState['status'] = 'not_required';
  if (outcome === 'late') status = 'missing';
  else if (OPEN_STATUSES.has(r.status)) {
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
    later: [],
  };
}

/** §7.1: early / on time / late at date granularity (default: Thanh Hóa compares dates) or by instant. */
export function classify(
  finishedAt: Instant,
  dueAt: Instant,
  granularity: SlaSettings['outcomeGranularity'],
  calendar: WorkingCalendar,
): Outcome {
  if (granularity === 'datetime') {
    if (finishedAt > dueAt) return 'late';
    // Datetime mode measures the date mode's "an earlier day" in working time: a whole working day before the due.
    return calendar.workingMinutesBetween(finishedAt, dueAt) >= calendar.minutesPerDay ? 'early' : 'on_time';
  }
  const f = toLocalDate(finishedAt);
  const d = toLocalDate(dueAt);
  return f < d ? 'early' : f === d ? 'on_time' : 'late';
}

/** §7.2 (Decision 766): late after the due instant; early before the due instant's local day; else on time. */
export function classifyByInstant(finishedAt: Instant, dueAt: Instant): Outcome {
  if (finishedAt > dueAt) return 'late';
  return toLocalDate(finishedAt) < toLocalDate(dueAt) ? 'early' : 'on_time';
}
