// A dossier's fate decided up front (late, withdrawn, paused...) and the working minutes of each step, scaled so
// that an on-time plan meets its budget and a late one overruns it in the culprit step.
import { MIN_MS, clock, dayOf, msOfDay } from '../calendar';
import type { Rng } from '../prng';
import type { GeneratorContext, Receipt } from './generator.types';
import { type HandoverMethod, type LifePlan, sum } from './life.shared';

/** Working minutes of a late plan's overrun past the budget, by kind of lateness. */
function overrunOf(
  r: Rng,
  stuck: boolean,
  apology: boolean,
  keepsNewDate: boolean,
  reappointDays: number,
): number {
  if (stuck) return r.uniform(25, 45) * 480;
  if (apology && keepsNewDate) return r.uniform(480 * 1.02, Math.max(480 * 1.05, (reappointDays - 1) * 480));
  if (apology) return r.uniform((reappointDays + 1) * 480, (reappointDays + 3) * 480);
  return r.uniform(1.05, 5) * 480;
}

/**
 * s: effective start; due0: due date without pauses (null: no deadline); budget: working minutes between them.
 * Draws from r in a fixed order: the same seed gives the same plan.
 */
export function planLife(
  ctx: GeneratorContext,
  r: Rng,
  receipt: Receipt,
  s: number,
  due0: number | null,
  budget: number | null,
): LifePlan {
  const { cal } = ctx;
  const p = receipt.procedure;
  const steps = p.steps;
  const t0 = receipt.t;

  // ---- flags
  const late = budget !== null && budget > 0 && steps.length >= 3 && r.chance(0.085);
  const stuck = late && r.chance(0.18);
  const withdrawn = !late && r.chance(0.012);
  const stopped = !late && !withdrawn && r.chance(0.003);
  const supplement = r.chance(0.1) && !(late && p.supplementPolicy === 'restart');
  const supplementNever = supplement && r.chance(0.06);
  const obligation = p.pauseOnFinancialObligation === true && p.feeVnd > 0 && r.chance(0.8);
  const apology = late && r.chance(0.6);
  const keepsNewDate = r.chance(0.75);
  const reappointDays = r.int(2, 5);

  // ---- handover methods and natural step durations (working minutes)
  const methods = steps.slice(1).map(() =>
    receipt.channel === 'online'
      ? r.weighted<HandoverMethod>([
          ['electronic', 95],
          ['paper', 4],
          ['postal', 1],
        ])
      : r.weighted<HandoverMethod>([
          ['electronic', 80],
          ['paper', 17],
          ['postal', 3],
        ]),
  );
  const alloc = steps.map((st) => st.allocatedWorkingHours * 60);
  const w = steps.map((_, i) => {
    if (i === 0) return Math.max(10, alloc[i] * r.uniform(0.03, 0.4));
    if (i === steps.length - 1) return Math.max(5, alloc[i] * r.uniform(0.03, 0.5));
    return Math.max(15, alloc[i] * r.uniform(0.2, 0.95));
  });
  if (methods[0] === 'paper') {
    // A paper dossier leaves the desk the same working day, or at the next opening after the 15:00 cut-off.
    const beforeCutoff = cal.isWorkingDay(dayOf(t0)) && msOfDay(t0) < clock(ctx.sla.paperForwardCutoff);
    const target = beforeCutoff
      ? Math.min(cal.closeOf(dayOf(t0)) - 10 * MIN_MS, s + r.uniform(30, 180) * MIN_MS)
      : cal.isWorkingDay(dayOf(t0))
        ? cal.openingOf(cal.nextWorkingDay(dayOf(t0)))
        : cal.addWorkingMinutes(s, r.uniform(15, 180));
    w[0] = Math.max(10, cal.workingMinutesBetween(s, target));
  }
  const scalable = steps.map((_, i) => i !== 0);

  let culprit: number | null = null;
  if (late && budget !== null) {
    const pickable = steps
      .map((st, i): [number, number] => [
        i,
        st.code === 'TD' ? 65 : st.code === 'KY' ? 20 : st.code === 'DY' ? 10 : st.code === 'UB' ? 5 : 0,
      ])
      .filter(([i, wt]) => wt > 0 && i > 0 && i < steps.length - 1);
    culprit =
      pickable.length > 0
        ? r.weighted(stuck ? pickable.map(([i, wt]): [number, number] => [i, i === 1 ? 80 : wt]) : pickable)
        : 1;
    const overrun = overrunOf(r, stuck, apology, keepsNewDate, reappointDays);
    const others = sum(w) - w[culprit];
    w[culprit] = Math.max(w[culprit], budget + overrun - others);
  } else if (budget !== null && due0 !== null) {
    const natural = sum(w);
    const dueDayMinutes = cal.workingMsBefore(msOfDay(due0)) / MIN_MS;
    let target = natural;
    if (r.chance(0.12) && dueDayMinutes > 30)
      target = budget - r.uniform(1, dueDayMinutes - 1); // finished on the due day
    else if (natural > budget * 0.97) target = budget * r.uniform(0.5, 0.95);
    const fixed = sum(w.filter((_, i) => !scalable[i]));
    const factor = Math.max(0.01, (target - fixed) / (natural - fixed));
    for (let i = 0; i < w.length; i++) if (scalable[i]) w[i] = Math.max(1, w[i] * factor);
  }
  for (let i = 0; i < w.length; i++) w[i] = Math.max(1, Math.round(w[i]));
  if (!late && budget !== null) {
    // Rounding must not turn an on-time plan into a late one.
    while (sum(w) > budget) {
      const i = w.indexOf(Math.max(...w));
      if (w[i] <= 1) break;
      w[i] -= Math.min(w[i] - 1, sum(w) - budget);
    }
  }
  return {
    late,
    stuck,
    withdrawn,
    stopped,
    supplement,
    supplementNever,
    obligation,
    apology,
    keepsNewDate,
    reappointDays,
    methods,
    w,
    culprit,
  };
}
