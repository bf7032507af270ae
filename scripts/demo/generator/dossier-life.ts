// One dossier from receipt to return: reception (or refusal), the plan, the steps, the ending. Times are epoch
// ms; all arithmetic on working time uses the demo calendar, and every draw comes from the dossier's own stream.
import { MIN_MS, formatLocal } from '../calendar';
import * as people from '../people';
import { rng } from '../prng';
import type { GeneratorContext, Plan, PlannedEvent, Receipt } from './generator.types';
import { endLife } from './life.ending';
import { planLife } from './life.plan';
import type { Emit } from './life.shared';
import { walkSteps } from './life.steps';

/** Plans a dossier from receipt to return. Returns its full event list (nothing truncated yet) and the plan flags. */
export function lifeOf(
  ctx: GeneratorContext,
  receipt: Receipt,
  code: string,
): { events: PlannedEvent[]; plan: Plan } {
  const { cal, dl, seed } = ctx;
  const r = rng(seed, 'dossier', code);
  const p = receipt.procedure;
  const t0 = receipt.t;
  const events: PlannedEvent[] = [];
  const plan: Plan = { late: false, stuck: false, apology: false, supplement: false, refused: false };
  // Whole minutes: occurredAt is sent with second precision, and the expectations must use the instant sent.
  const emit: Emit = (type, t, data, actor) =>
    events.push({ type, t: Math.floor(t / MIN_MS) * MIN_MS, data, actor });
  const applicant = people.applicantFor(r, p.code, receipt.channel);

  if (r.chance(0.02)) {
    plan.refused = true;
    emit(
      'refused_at_reception',
      t0,
      { procedureCode: p.code, channel: receipt.channel, applicant, reason: r.pick(people.REFUSAL_REASONS) },
      'officer',
    );
    return { events, plan };
  }
  const documents = people.documentsFor(r, p.code, receipt.channel);
  const received: Record<string, unknown> = {
    procedureCode: p.code,
    channel: receipt.channel,
    applicant,
    documents,
  };
  if (receipt.submittedAt !== undefined) received.submittedAt = formatLocal(receipt.submittedAt);
  emit('received', t0, received, 'officer');

  const s = dl.effectiveStart(t0);
  const due0 = dl.baseDue(p.duration, s);
  const budget = due0 === null ? null : cal.workingMinutesBetween(s, due0);
  const life = planLife(ctx, r, receipt, s, due0, budget);
  Object.assign(plan, {
    late: life.late,
    stuck: life.stuck,
    apology: life.apology,
    supplement: life.supplement,
  });

  const walk = walkSteps(ctx, r, receipt, life, s, documents.length, emit);
  if (walk.ended) return { events, plan };
  endLife(ctx, r, receipt, life, plan, { ...walk, s }, emit);
  return { events, plan };
}
