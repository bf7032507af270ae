// The demo clock: the apps run at a chosen instant (CLOCK_OFFSET_MS, development only) so that, whatever the
// hour the demo starts, it runs in office hours and an open dossier falls due a few minutes after the replay.
import { type DemoCalendar, MIN_MS, dayOf, formatLocal } from './calendar';
import type { GeneratedMonth } from './generator/generate-month';

export interface DemoClock {
  /** Added to the real clock by the apps (CLOCK_OFFSET_MS) and by this script. */
  offsetMs: number;
  /** The demo instant when it was chosen. */
  now: number;
  reason: string;
  /** The open dossier chosen to fall due while the demo runs, if any. */
  live: { code: string; dueAt: number } | null;
}

/** Open statuses whose due instant is still a pending deadline (not paused, no result yet). */
const RUNNING = new Set(['RECEIVED', 'IN_PROCESS']);

/** How long before the chosen due instant the demo clock starts: the replay and the catch-up fit in it. */
export const LIVE_LEAD_MS = 150_000;

/**
 * The default instant: the real one when it has an hour of office time ahead, else the last working day an hour
 * before its close (staff mails leave in office hours only; timers fire at working instants).
 */
function officeInstant(cal: DemoCalendar, realNow: number): number {
  if (cal.isWorkingTime(realNow) && cal.isWorkingTime(realNow + 60 * MIN_MS)) return realNow;
  for (let day = dayOf(realNow); ; day -= 1)
    if (cal.isWorkingDay(day) && cal.closeOf(day) - 60 * MIN_MS <= realNow)
      return cal.closeOf(day) - 60 * MIN_MS;
}

/** Open dossiers of a generated month, running at its cut-off, with their due instants. */
function runningDues(gen: GeneratedMonth): Array<{ code: string; dueAt: number }> {
  return gen.dossiers
    .filter((d) => RUNNING.has(d.expect.status) && typeof d.expect.dueAt === 'number')
    .map((d) => ({ code: d.code, dueAt: d.expect.dueAt as number }));
}

/**
 * Chooses the demo clock. `--clock real` and `--clock <instant>` are taken as given. Otherwise the office instant
 * T0 is refined: among dossiers still running at T0 whose due instant lies in the last 90 minutes before T0 (or
 * just after it), the latest one at a working instant LIVE_LEAD_MS before it wins, and the clock starts there;
 * the month generated at that instant must still have the dossier running with the same due instant.
 * `generate(now)` is the demo's own generator (pure, about a second).
 */
export function chooseDemoClock(
  cal: DemoCalendar,
  realNow: number,
  setting: string | null,
  generate: (now: number) => GeneratedMonth,
): DemoClock {
  const at = (now: number, reason: string, live: DemoClock['live'] = null): DemoClock => ({
    offsetMs: now - realNow,
    now,
    reason,
    live,
  });
  if (setting === 'real') return at(realNow, 'the real clock (--clock real)');
  if (setting !== null) return at(Date.parse(setting), `--clock ${setting}`);
  const t0 = officeInstant(cal, realNow);
  const candidates = runningDues(generate(t0))
    .filter((d) => d.dueAt > t0 - 90 * MIN_MS && d.dueAt <= t0 + LIVE_LEAD_MS)
    .filter((d) => cal.isWorkingTime(d.dueAt - LIVE_LEAD_MS))
    .sort((a, b) => b.dueAt - a.dueAt);
  for (const c of candidates.slice(0, 5)) {
    const start = c.dueAt - LIVE_LEAD_MS;
    const again = runningDues(generate(start)).find((d) => d.code === c.code);
    if (again?.dueAt === c.dueAt)
      return at(
        start,
        `set to ${LIVE_LEAD_MS / 1000} s before ${c.code} falls due (${formatLocal(c.dueAt)}), in office hours`,
        c,
      );
  }
  return at(
    t0,
    t0 === realNow ? 'the real clock (office hours now)' : 'the last working afternoon (no dossier to watch)',
  );
}
