// The engine's due-date rules, re-implemented on the demo calendar (never libs/sla): the demo's cross-check.
import { type DemoCalendar, dayOf, msOfDay, clock } from '../calendar';
import type { DemoSla, Duration, Outcome, Pause, Procedure } from './generator.types';

export const DEFAULT_SLA: Readonly<DemoSla> = {
  workingDayModel: 'hour_based',
  hoursPerWorkingDay: 8,
  sameDayCutoff: '15:00',
  afterHoursPolicy: 'next_opening',
  calendarDaysRollToWorkingDay: true,
  apologyLeadDays: 1,
  apologyLeadUnit: 'working_day',
  outcomeGranularity: 'date',
  paperForwardCutoff: '15:00',
};

export interface Deadlines {
  cal: DemoCalendar;
  /** When the clock starts for a dossier received at t. */
  effectiveStart(t: number): number;
  /** Due instant of a duration counted from start; null for procedures without a deadline. */
  baseDue(duration: Duration, start: number): number | null;
  /** The due instant moved by paused working minutes. */
  shiftDue(duration: Duration, due: number, paused: number): number;
  /** Last instant an apology letter is on time for a due date. */
  apologyDeadline(due: number): number;
  classify(finishedAt: number, dueAt: number): Outcome;
}

export function deadlines(cal: DemoCalendar, sla: DemoSla): Deadlines {
  const cutoff = clock(sla.sameDayCutoff);
  const dayGranular = (d: Duration): boolean =>
    d.unit === 'same_day' ||
    d.unit === 'calendar_days' ||
    (d.unit === 'working_days' && sla.workingDayModel === 'day_based' && Number.isInteger(d.value));
  const effectiveStart = (t: number): number =>
    sla.afterHoursPolicy === 'next_opening' ? cal.nextOpening(t) : t;
  function baseDue(duration: Duration, start: number): number | null {
    const { value, unit } = duration;
    const d = dayOf(start);
    switch (unit) {
      case 'none':
        return null;
      case 'working_hours':
        return cal.addWorkingMinutes(start, value * 60);
      case 'working_days':
        if (dayGranular(duration)) return cal.closeOf(cal.shiftWorkingDays(d, value));
        return cal.addWorkingMinutes(start, value * sla.hoursPerWorkingDay * 60);
      case 'calendar_days': {
        let day = d + value;
        if (sla.calendarDaysRollToWorkingDay && !cal.isWorkingDay(day)) day = cal.nextWorkingDay(day);
        return cal.closeOf(day);
      }
      case 'same_day': {
        if (!cal.isWorkingDay(d)) return cal.closeOf(cal.nextWorkingDay(d));
        return cal.closeOf(msOfDay(start) >= cutoff ? cal.nextWorkingDay(d) : d);
      }
    }
  }
  function shiftDue(duration: Duration, due: number, paused: number): number {
    if (paused <= 0) return due;
    const shifted = cal.addWorkingMinutes(due, paused);
    return dayGranular(duration) ? cal.closeOf(dayOf(shifted)) : shifted;
  }
  function apologyDeadline(due: number): number {
    let d = dayOf(due);
    if (sla.apologyLeadUnit === 'working_day') {
      for (let i = 0; i < sla.apologyLeadDays; i++) d = cal.previousWorkingDay(d);
    } else {
      d -= sla.apologyLeadDays;
      if (!cal.isWorkingDay(d)) d = cal.previousWorkingDay(d);
    }
    return cal.closeOf(d);
  }
  function classify(finishedAt: number, dueAt: number): Outcome {
    if (sla.outcomeGranularity === 'datetime') {
      if (finishedAt > dueAt) return 'late';
      // As the engine: early is a whole working day before the due instant.
      return cal.workingMinutesBetween(finishedAt, dueAt) >= cal.minutesPerDay ? 'early' : 'on_time';
    }
    const f = dayOf(finishedAt);
    const d = dayOf(dueAt);
    return f < d ? 'early' : f === d ? 'on_time' : 'late';
  }
  return { cal, effectiveStart, baseDue, shiftDue, apologyDeadline, classify };
}

/** The due date after the given closed pauses (pause_resume shifts it; restart starts the clock again). */
export function finalDue(dl: Deadlines, p: Procedure, s: number, pauses: readonly Pause[]): number | null {
  let start = s;
  let paused = 0;
  for (const x of pauses) {
    if (x.kind === 'supplement' && p.supplementPolicy === 'restart') {
      start = dl.effectiveStart(x.to);
      paused = 0;
    }
  }
  const base = dl.baseDue(p.duration, start);
  if (base === null) return null;
  for (const x of pauses) {
    const shifts =
      x.kind === 'supplement' ? p.supplementPolicy === 'pause_resume' : p.pauseOnFinancialObligation === true;
    if (shifts && x.to > start) paused += dl.cal.workingMinutesBetween(Math.max(x.from, start), x.to);
  }
  return dl.shiftDue(p.duration, base, paused);
}
