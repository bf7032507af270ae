import { baseDue, shiftDue } from './deadline';
import type { FoldContext, FoldRecord, RawPause } from './dossier.record';
import type { Instant } from './sla.types';

/** Working minutes of a pause inside [from, to]; an open pause runs until `now`. */
export function pauseMinutes(ctx: FoldContext, p: RawPause, from: Instant, to: Instant): number {
  const a = Math.max(p.startedAt, from);
  const b = Math.min(p.endedAt ?? ctx.now, to);
  return b > a ? ctx.calendar.workingMinutesBetween(a, b) : 0;
}

/** The KPI due: base due from the clock start, shifted by every closed pause that moves it (notes §1: one function). */
export function dueOf(r: FoldRecord, ctx: FoldContext): Instant | null {
  if (!r.rules || r.clockStart === null) return null;
  const base = baseDue(ctx.calendar, ctx.settings, r.rules.duration, r.clockStart);
  if (base === null) return null;
  let paused = 0;
  for (const p of r.pauses) {
    if (p.shiftsDue && p.endedAt !== null && p.endedAt > r.clockStart) {
      paused += pauseMinutes(ctx, p, r.clockStart, p.endedAt);
    }
  }
  return shiftDue(ctx.calendar, ctx.settings, r.rules.duration, base, paused);
}

/** The re-appointment in force: the latest apology's new date, shifted by the pauses that began after it (§5.6.7). */
export function rescheduledDue(r: FoldRecord, ctx: FoldContext): Instant | null {
  const latest = r.reappointments.at(-1);
  if (latest === undefined || !r.rules) return null;
  let paused = 0;
  for (const p of r.pauses) {
    if (p.shiftsDue && p.endedAt !== null && p.startedAt >= latest.issuedAt) {
      paused += pauseMinutes(ctx, p, p.startedAt, p.endedAt);
    }
  }
  return shiftDue(ctx.calendar, ctx.settings, r.rules.duration, latest.newDueAt, paused);
}
