import { addDays, localInstant, toLocalDate, type WorkingCalendar } from '@motcua/calendar';
import type { SlaSettings } from './sla.settings';
import type { DuePreview, DurationUnit, Instant, ProcedureRules } from './sla.types';

/** §6.5 / §6.6: when the clock starts for a receipt at `receivedAt`. */
export function effectiveStart(cal: WorkingCalendar, settings: SlaSettings, receivedAt: Instant): Instant {
  return settings.afterHoursPolicy === 'next_opening' ? cal.nextOpening(receivedAt) : receivedAt;
}

export function minutesOfDay(t: Instant): number {
  const date = toLocalDate(t);
  return (t - localInstant(date, '00:00')) / 60_000;
}

export function hhmmToMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function dayGranular(unit: DurationUnit, settings: SlaSettings, value: number): boolean {
  if (unit === 'same_day' || unit === 'calendar_days') return true;
  return unit === 'working_days' && settings.workingDayModel === 'day_based' && Number.isInteger(value);
}

/** The due instant before any pause, or null for procedures without a deadline (§6.1, §6.5). */
export function baseDue(
  cal: WorkingCalendar,
  settings: SlaSettings,
  duration: ProcedureRules['duration'],
  start: Instant,
): Instant | null {
  const { value, unit } = duration;
  switch (unit) {
    case 'none':
      return null;
    case 'working_hours':
      return cal.addWorkingMinutes(start, value * 60);
    case 'working_days':
      if (dayGranular(unit, settings, value)) {
        return cal.closeOf(cal.addWorkingDays(toLocalDate(start), value));
      }
      return cal.addWorkingMinutes(start, value * settings.hoursPerWorkingDay * 60);
    case 'calendar_days': {
      let day = addDays(toLocalDate(start), value);
      if (settings.calendarDaysRollToWorkingDay && !cal.isWorkingDay(day)) day = cal.nextWorkingDay(day);
      return cal.closeOf(day);
    }
    case 'same_day': {
      const date = toLocalDate(start);
      if (!cal.isWorkingDay(date)) return cal.closeOf(cal.nextWorkingDay(date));
      const afterCutoff = minutesOfDay(start) >= hhmmToMinutes(settings.sameDayCutoff);
      return cal.closeOf(afterCutoff ? cal.nextWorkingDay(date) : date);
    }
  }
}

/** Moves a due date later by paused working time, measured on the same calendar (engineering-notes §2). */
export function shiftDue(
  cal: WorkingCalendar,
  settings: SlaSettings,
  duration: ProcedureRules['duration'],
  due: Instant,
  pausedWorkingMinutes: number,
): Instant {
  if (pausedWorkingMinutes <= 0) return due;
  const shifted = cal.addWorkingMinutes(due, pausedWorkingMinutes);
  // A deadline counted in days always ends at the close of its day.
  return dayGranular(duration.unit, settings, duration.value) ? cal.closeOf(toLocalDate(shifted)) : shifted;
}

/** The latest instant that lies `minutes` of working time before `t`. */
export function subtractWorkingMinutes(cal: WorkingCalendar, t: Instant, minutes: number): Instant {
  if (minutes <= 0) return t;
  let day = toLocalDate(t);
  for (let i = Math.ceil(minutes / cal.minutesPerDay) + 1; i > 0; i--) day = cal.previousWorkingDay(day);
  const anchor = cal.openingOf(day);
  const k = Math.max(0, cal.workingMinutesBetween(anchor, t) - minutes);
  return cal.nextOpening(cal.addWorkingMinutes(anchor, k));
}

/** When the "due soon" warning fires: a working-time lead before the due instant, inside office hours. */
export function warningInstant(cal: WorkingCalendar, settings: SlaSettings, due: Instant): Instant {
  return subtractWorkingMinutes(cal, due, settings.warningLeadWorkingMinutes);
}

/** §5.2: end of the last working day at least `apologyLeadDays` before the due day. */
export function apologyDeadline(cal: WorkingCalendar, settings: SlaSettings, due: Instant): Instant {
  let day = toLocalDate(due);
  if (settings.apologyLeadUnit === 'working_day') {
    for (let i = 0; i < settings.apologyLeadDays; i++) day = cal.previousWorkingDay(day);
  } else {
    day = addDays(day, -settings.apologyLeadDays);
    if (!cal.isWorkingDay(day)) day = cal.previousWorkingDay(day);
  }
  return cal.closeOf(day);
}

/** §0.2: the legal regime follows the local date of receipt. */
export function ruleSetFor(settings: SlaSettings, receivedAt: Instant): 'ND61_2018' | 'ND118_2025' {
  return toLocalDate(receivedAt) < settings.regime2025From ? 'ND61_2018' : 'ND118_2025';
}

/** The calendar preview of the contract: computes, stores nothing. */
export function previewDue(
  cal: WorkingCalendar,
  settings: SlaSettings,
  rules: Pick<ProcedureRules, 'duration'>,
  receivedAt: Instant,
): DuePreview {
  const start = effectiveStart(cal, settings, receivedAt);
  const due = baseDue(cal, settings, rules.duration, start);
  return {
    effectiveStartAt: start,
    dueAt: due,
    warningAt: due === null ? null : warningInstant(cal, settings, due),
    apologyDeadline: due === null ? null : apologyDeadline(cal, settings, due),
    skipped: cal.skippedDays(receivedAt, due ?? start),
    provisional: cal.isProvisional(receivedAt, due ?? start),
  };
}
