// A dossier's way through the steps: desk work at reception, then each handover and what happens while the
// first division examines it (supplement, financial obligation, withdrawal, stop).
import { MIN_MS } from '../calendar';
import * as people from '../people';
import type { Rng } from '../prng';
import type { GeneratorContext, Pause, Receipt } from './generator.types';
import { type Emit, type LifePlan, forwardActor, officeTimeAfter } from './life.shared';

/** Where the walk ended: the result reached the desk at `t`, or the dossier stopped early (withdrawn...). */
export type Walk =
  { ended: true } | { ended: false; t: number; stepStart: number[]; stepEnd: number[]; pauses: Pause[] };

interface Inside {
  f: number;
  kind: 'supplement' | 'obligation' | 'withdrawn' | 'stopped';
}

/** Emits the events from reception's desk work to the result reaching the desk. s: effective start. */
export function walkSteps(
  ctx: GeneratorContext,
  r: Rng,
  receipt: Receipt,
  plan: LifePlan,
  s: number,
  documentCount: number,
  emit: Emit,
): Walk {
  const { cal, deskUnit } = ctx;
  const p = receipt.procedure;
  const steps = p.steps;
  const t0 = receipt.t;
  const { w } = plan;

  // ---- desk work at reception: payment (unless the fee is an obligation during processing), digitisation
  const tn0 = s;
  const tnEnd = cal.addWorkingMinutes(tn0, w[0]);
  let deskT = t0;
  if (p.feeVnd > 0 && !plan.obligation) {
    deskT += r.int(1, 12) * MIN_MS;
    const online = receipt.channel === 'online' && r.chance(0.67);
    emit('paid', deskT, { amountVnd: p.feeVnd, method: online ? 'online' : 'offline' }, 'officer');
  }
  if (receipt.channel !== 'online' && r.chance(0.9)) {
    deskT = Math.max(deskT, t0) + r.int(2, 20) * MIN_MS;
    emit('digitized', deskT, { components: documentCount }, 'officer');
  }

  // ---- walk the steps
  let t = Math.max(tnEnd, deskT + MIN_MS);
  const stepStart = [tn0];
  const stepEnd = [t];
  const pauses: Pause[] = [];
  for (let i = 1; i < steps.length; i++) {
    emit(
      'forwarded',
      t,
      {
        fromUnit: steps[i - 1].unitCode,
        toUnit: steps[i].unitCode,
        method: plan.methods[i - 1],
        stepCode: steps[i].code,
      },
      forwardActor(steps[i - 1], deskUnit),
    );
    stepStart[i] = t;
    let consumed = 0;
    let cur = t;
    if (i === 1) {
      // Things that happen while the division examines the dossier, at fractions of its working time.
      const inside: Inside[] = [];
      if (plan.supplement) inside.push({ f: r.uniform(0.15, 0.5), kind: 'supplement' });
      if (plan.obligation) inside.push({ f: r.uniform(0.55, 0.85), kind: 'obligation' });
      if (plan.withdrawn) inside.push({ f: r.uniform(0.1, 0.9), kind: 'withdrawn' });
      if (plan.stopped) inside.push({ f: r.uniform(0.3, 0.9), kind: 'stopped' });
      inside.sort((a, b) => a.f - b.f);
      for (const x of inside) {
        const at1 = Math.max(cal.addWorkingMinutes(cur, Math.max(1, x.f * w[i] - consumed)), cur + MIN_MS);
        consumed = Math.max(consumed, x.f * w[i]);
        const unit = steps[i].unitCode;
        if (x.kind === 'withdrawn') {
          // The applicant asks at the desk; the division holding the dossier accepts the withdrawal (§3.5).
          emit('withdrawn', at1, { reason: r.pick(people.WITHDRAW_REASONS) }, `unit_head:${unit}`);
          return { ended: true };
        }
        if (x.kind === 'stopped') {
          emit('stopped', at1, { reason: r.pick(people.STOP_REASONS) }, `unit_head:${unit}`);
          return { ended: true };
        }
        if (x.kind === 'supplement') {
          const items = [r.pick(people.SUPPLEMENT_REASONS)];
          emit(
            'supplement_requested',
            at1,
            { reason: 'Hồ sơ chưa đầy đủ theo quy định', items },
            `specialist:${unit}`,
          );
          if (plan.supplementNever) return { ended: true };
          const back = officeTimeAfter(cal, r, at1, Math.max(1, Math.round(r.lognormal(4, 0.7))));
          emit('supplement_received', back, {}, 'officer');
          pauses.push({ kind: 'supplement', from: at1, to: back });
          cur = back;
        } else {
          emit('obligation_requested', at1, { amountVnd: p.feeVnd }, `specialist:${unit}`);
          const back = officeTimeAfter(cal, r, at1, r.int(1, 5));
          const online = r.chance(0.5);
          emit('paid', back, { amountVnd: p.feeVnd, method: online ? 'online' : 'offline' }, 'officer');
          emit('obligation_fulfilled', back + MIN_MS, { amountVnd: p.feeVnd }, 'officer');
          pauses.push({ kind: 'obligation', from: at1, to: back + MIN_MS });
          cur = back + MIN_MS;
        }
      }
    }
    t = Math.max(cal.addWorkingMinutes(cur, Math.max(1, w[i] - consumed)), cur + MIN_MS);
    stepEnd[i] = t;
  }
  return { ended: false, t, stepStart, stepEnd, pauses };
}
