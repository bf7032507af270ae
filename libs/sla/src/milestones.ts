import { formatInstant } from '@motcua/calendar';
import { DEADLINE_KINDS, type DeadlineKind } from '@motcua/contracts';
import type { DossierState, Instant } from './sla.types';

/**
 * An instant the deadline tracker acts at (issue 8): one `deadline_reached` event per dossier, kind, step and
 * instant. `unitCode` is the unit answerable for it: the step's unit for a step deadline (§5.5), else none.
 */
export interface Milestone {
  kind: DeadlineKind;
  at: Instant;
  stepCode: string | null;
  unitCode: string | null;
}

/** Same-instant milestones act in this order. */
const KIND_RANK: Readonly<Record<DeadlineKind, number>> = Object.fromEntries(
  DEADLINE_KINDS.map((k, i) => [k, i]),
) as Record<DeadlineKind, number>;

/** The identity of a milestone: a deadline that moves (pause, re-basing) is a new milestone. */
export function milestoneKey(m: Pick<Milestone, 'kind' | 'at'> & { stepCode?: string | null }): string {
  return `${m.kind}|${m.stepCode ?? ''}|${m.at}`;
}

export function compareMilestones(a: Milestone, b: Milestone): number {
  return (
    a.at - b.at ||
    KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
    ((a.stepCode ?? '') < (b.stepCode ?? '') ? -1 : (a.stepCode ?? '') > (b.stepCode ?? '') ? 1 : 0)
  );
}

/**
 * Every milestone that applies to a dossier as folded, fired or not. Only an open dossier has any; a closed one
 * never fires. A running dossier (clock not stopped) acts at its warning instant, its apology deadline while no
 * apology is issued, its due instant, the due instant of its open step with a budget (unless a pause that does not
 * stop the dossier's clock, a financial obligation counted in it, stops the step's), the re-appointment of an
 * issued apology (§5.3: missing it is flagged too) and, for an online dossier received after its reception
 * deadline, that deadline (§6.6: the engine learns of a submission only from its reception). A paused dossier has
 * none of these (its dates move when it resumes, and the fold recomputes them then) except the end of the
 * applicant's supplement deadline (§3.3), which only runs while the supplement is awaited.
 */
export function milestonesOf(s: DossierState): Milestone[] {
  const facts = s.slaFacts;
  if (!facts.open) return [];
  const out: Milestone[] = [];
  const add = (kind: DeadlineKind, at: Instant | null) => {
    if (at !== null) out.push({ kind, at, stepCode: null, unitCode: null });
  };
  if (facts.paused) {
    add('supplement_deadline', s.supplementDueAt);
    return out.sort(compareMilestones);
  }
  add('warning', facts.warningAt);
  if (!facts.apologyIssued) add('apology_deadline', facts.apologyDeadline);
  add('due', facts.dueAt);
  // Time with the applicant belongs to no unit (§5.5): while any pause is open, even one that does not move the
  // dossier's due date, the open step's clock is stopped and its due moves on resumption.
  const stepClockStopped = s.pauses.some((p) => p.endedAt === null);
  for (const st of s.steps) {
    if (!stepClockStopped && st.endedAt === null && st.dueAt !== null)
      out.push({ kind: 'step_due', at: st.dueAt, stepCode: st.code, unitCode: st.unitCode });
  }
  add('rescheduled_due', s.rescheduledDueAt);
  if (s.receivedLate) add('reception_deadline', s.receptionDueAt);
  return out.sort(compareMilestones);
}

/**
 * The milestones the tracker has not acted at yet, earliest first, whether their instant is past or future: what
 * must fire (past) or be armed (future). Pure and independent of the reading instant, so the projection stores it.
 */
export function pendingMilestones(s: DossierState): Milestone[] {
  const fired = new Set(s.deadlinesReached.map(milestoneKey));
  return milestonesOf(s).filter((m) => !fired.has(milestoneKey(m)));
}

/** The projection's `next_deadline_at`: the earliest pending milestone, past or future; null when none is left. */
export function nextDeadlineOf(pending: ReadonlyArray<Milestone>): Instant | null {
  let next: Instant | null = null;
  for (const m of pending) if (next === null || m.at < next) next = m.at;
  return next;
}

/** "07/02/2025 16:00": an instant as the timeline reads it (Vietnam time). */
function shown(t: Instant): string {
  const iso = formatInstant(t);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}

/** The timeline's reason for a deadline the tracker acted at, e.g. "Bước TD quá hạn (LDTBXH.VLATLD)". */
export function deadlineReason(d: {
  kind: DeadlineKind;
  at: Instant;
  stepCode?: string | null;
  unitCode?: string | null;
}): string {
  const when = shown(d.at);
  switch (d.kind) {
    case 'warning':
      return `Sắp đến hạn (cảnh báo lúc ${when})`;
    case 'apology_deadline':
      return `Đến hạn gửi phiếu xin lỗi, chưa có phiếu (hạn ${when})`;
    case 'due':
      return `Quá hạn (hạn giải quyết ${when})`;
    case 'step_due':
      return `Bước ${d.stepCode ?? '?'} quá hạn${d.unitCode ? ` (${d.unitCode})` : ''}, hạn bước ${when}`;
    case 'rescheduled_due':
      return `Quá ngày hẹn lại trong phiếu xin lỗi (${when})`;
    case 'supplement_deadline':
      return `Hết hạn bổ sung hồ sơ (${when}): đề nghị dừng, không tiếp nhận`;
    case 'reception_deadline':
      return `Tiếp nhận trễ hạn (hạn tiếp nhận ${when})`;
  }
}
