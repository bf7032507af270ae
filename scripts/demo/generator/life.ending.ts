// The end of a dossier's life: the result, an apology letter when it runs late, the return and the rating.
import { MIN_MS, dayOf, formatLocal } from '../calendar';
import * as people from '../people';
import type { Rng } from '../prng';
import { finalDue } from './deadline.rules';
import type { GeneratorContext, Pause, Plan, Receipt } from './generator.types';
import { type Emit, type LifePlan, officeTimeAfter } from './life.shared';

/** Apology letter by the head of the unit holding the dossier, before the (final) due date when possible. */
function issueApology(
  ctx: GeneratorContext,
  r: Rng,
  receipt: Receipt,
  plan: LifePlan,
  walk: { s: number; stepStart: number[]; stepEnd: number[]; pauses: Pause[] },
  emit: Emit,
): boolean {
  const { cal, dl, deskUnit } = ctx;
  const p = receipt.procedure;
  const steps = p.steps;
  const due = finalDue(dl, p, walk.s, walk.pauses);
  if (due === null) return false; // late plans always have a deadline
  const deadline = dl.apologyDeadline(due);
  const afterPauses = walk.pauses.reduce((m, x) => Math.max(m, x.to), 0);
  let chosen: { ta: number; unit: string } | null = null;
  for (let i = steps.length - 2; i >= 1 && !chosen; i--) {
    if (steps[i].unitCode === deskUnit) continue;
    const lo = Math.max(walk.stepStart[i], afterPauses) + 5 * MIN_MS;
    for (const hi of [deadline, due - 5 * MIN_MS]) {
      const top = Math.min(hi, walk.stepEnd[i] - 5 * MIN_MS);
      if (top > lo) {
        // Usually written in the last two working days before the deadline.
        const from = Math.max(lo, cal.openingOf(cal.shiftWorkingDays(dayOf(top), -1)));
        const span = Math.max(0, cal.workingMinutesBetween(from, top));
        let ta = Math.min(cal.addWorkingMinutes(from, span * r.uniform(0.1, 0.95)), top);
        ta = Math.floor(ta / MIN_MS) * MIN_MS;
        if (ta > lo) chosen = { ta, unit: steps[i].unitCode };
        break;
      }
    }
  }
  if (!chosen) return false;
  const newDue = cal.closeOf(cal.shiftWorkingDays(dayOf(due), plan.reappointDays));
  const head = ctx.heads.get(chosen.unit);
  if (!head) throw new Error(`no head of unit ${chosen.unit} to sign the apology`);
  emit(
    'apology_issued',
    chosen.ta,
    {
      reason: r.pick(people.APOLOGY_REASONS),
      newDueAt: formatLocal(newDue),
      signer: { name: head.name, title: head.title },
      responsibleUnit: steps[plan.culprit ?? 1].unitCode,
    },
    `unit_head:${chosen.unit}`,
  );
  return true;
}

/** Return to the applicant (desk, post or electronic) and, often, the applicant's rating. */
function returnAndRate(
  ctx: GeneratorContext,
  r: Rng,
  receipt: Receipt,
  late: boolean,
  finish: number,
  electronicResult: boolean,
  emit: Emit,
): void {
  const { cal } = ctx;
  if (!r.chance(0.97)) return;
  let method: 'electronic' | 'postal' | 'desk';
  let back: number;
  if (!receipt.procedure.requiresPaperResult && electronicResult) {
    method = 'electronic';
    back = finish + r.int(3, 45) * MIN_MS;
  } else if (receipt.channel === 'postal' || (receipt.channel === 'online' && r.chance(0.4))) {
    method = 'postal';
    back = officeTimeAfter(cal, r, finish, r.int(0, 1));
  } else {
    method = 'desk';
    back = officeTimeAfter(cal, r, finish, Math.round(r.lognormal(1.2, 0.9)));
  }
  back = Math.max(back, finish + 5 * MIN_MS);
  emit('returned', back, { method }, 'officer');
  if (r.chance(0.68)) {
    const unhappy = late ? 0.3 : 0.05;
    const rating = r.weighted([
      ['very_satisfied', (1 - unhappy) * 0.4],
      ['satisfied', (1 - unhappy) * 0.6],
      ['dissatisfied', unhappy],
    ]);
    const data: { rating: string; comment?: string } = { rating };
    if (r.chance(0.25))
      data.comment = r.pick(rating === 'dissatisfied' ? people.COMMENTS_BAD : people.COMMENTS_GOOD);
    const when =
      method === 'desk' ? back + r.int(1, 8) * MIN_MS : back + Math.round(r.lognormal(6, 1)) * 3600_000;
    emit('rated', when, data, 'officer');
  }
}

/** Emits the result at `finish` (the end of the last step), the apology when planned, the return and the rating. */
export function endLife(
  ctx: GeneratorContext,
  r: Rng,
  receipt: Receipt,
  plan: LifePlan,
  outcome: Plan,
  walk: { s: number; t: number; stepStart: number[]; stepEnd: number[]; pauses: Pause[] },
  emit: Emit,
): void {
  // ---- the result reaches the desk at the end of the last step (TKQ)
  const finish = walk.t;
  const refusedOnMerits = r.chance(0.04);
  const electronicResult = receipt.channel === 'online' ? r.chance(0.92) : r.chance(0.15);
  emit(
    'result_ready',
    finish,
    { outcome: refusedOnMerits ? 'refused_on_merits' : 'approved', electronicResult },
    'officer',
  );
  if (!refusedOnMerits && r.chance(0.7))
    emit('digitized', finish + r.int(2, 30) * MIN_MS, { result: true }, 'officer');

  if (plan.apology && !issueApology(ctx, r, receipt, plan, walk, emit)) outcome.apology = false;
  returnAndRate(ctx, r, receipt, plan.late, finish, electronicResult, emit);
}
