import type { OfficeHoursProfile } from './calendar.types';
import { MS_PER_DAY, MS_PER_MINUTE, parseClock } from './local-time.util';

/** A profile with its sessions converted to milliseconds since local midnight. */
export interface CompiledProfile {
  readonly profile: OfficeHoursProfile;
  /** Session starts, ascending. */
  readonly starts: readonly number[];
  /** Session ends, ascending; ends[i] > starts[i] and ends[i] <= starts[i + 1]. */
  readonly ends: readonly number[];
  /** Working milliseconds of one working day. */
  readonly msPerDay: number;
  readonly minutesPerDay: number;
}

export function compileProfile(profile: OfficeHoursProfile): CompiledProfile {
  // Plain length check: Array.isArray would widen the readonly element type to `any`.
  const sessions: OfficeHoursProfile['sessions'] = profile?.sessions ?? [];
  if (sessions.length === 0) throw new RangeError('Office-hours profile needs at least one session');
  const starts: number[] = [];
  const ends: number[] = [];
  let previousEnd = 0;
  let msPerDay = 0;
  for (const session of sessions) {
    const start = parseClock(session.start);
    const end = parseClock(session.end);
    if (end <= start) throw new RangeError(`Session ${session.start}–${session.end} is empty or reversed`);
    if (start < previousEnd)
      throw new RangeError(`Sessions of profile "${profile.name}" overlap or are unsorted`);
    if (end > MS_PER_DAY) throw new RangeError(`Session ${session.start}–${session.end} passes midnight`);
    starts.push(start);
    ends.push(end);
    msPerDay += end - start;
    previousEnd = end;
  }
  return { profile, starts, ends, msPerDay, minutesPerDay: msPerDay / MS_PER_MINUTE };
}

/** Working milliseconds of a working day that lie before `msOfDay` (clamped per session). */
export function workingMsBefore(p: CompiledProfile, msOfDay: number): number {
  let total = 0;
  for (let i = 0; i < p.starts.length; i++) {
    if (msOfDay <= p.starts[i]) break;
    total += Math.min(msOfDay, p.ends[i]) - p.starts[i];
  }
  return total;
}

/**
 * Time of day reached after `workingMs` (0 < workingMs <= msPerDay) of a working day; an amount that ends
 * exactly on a session boundary maps to that session's end, not to the next opening.
 */
export function clockAfterWorkingMs(p: CompiledProfile, workingMs: number): number {
  let rest = workingMs;
  for (let i = 0; i < p.starts.length; i++) {
    const length = p.ends[i] - p.starts[i];
    if (rest <= length) return p.starts[i] + rest;
    rest -= length;
  }
  return p.ends[p.ends.length - 1]; // unreachable when workingMs <= msPerDay
}
