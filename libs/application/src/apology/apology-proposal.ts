/**
 * What a draft apology proposes (domain.md §5.2, §5.4, §5.5): the responsible unit, the new return date and the
 * reason the dossier's steps show. Pure: from a fold, its calendar, the settings and the instant.
 */
import { toLocalDate, type WorkingCalendar } from '@motcua/calendar';
import type { ApologySettings } from '@motcua/contracts';
import type { DossierState, StepState } from '@motcua/sla';

export interface ApologyProposal {
  /** §5.5: the unit that caused the delay; while no step is late, the unit holding the dossier. */
  responsibleUnit: string;
  /** The working time left until the due date (none once it passed) plus `proposedExtraWorkingDays`, at its day's close. */
  proposedNewDueAt: number;
  /** What the steps show: the late step of the responsible unit, or that the holding unit has no result yet. */
  reason: string;
}

/** §5.5: the primary cause of the lateness, else the holding unit (else the receiving one). */
export function responsibleUnitOf(s: DossierState): string {
  return s.primaryResponsibleUnit ?? s.unitCode ?? s.steps[0]?.unitCode ?? 'UNKNOWN';
}

/**
 * The new return date a draft proposes: from `now`, the working time left until the due date plus N working days,
 * ending at the close of the working day it falls on (a date the letter can name; §5.2 wants a working day). It is
 * always later than the due date, as the fold requires of `apology_issued.newDueAt`.
 */
export function proposedNewDueAt(
  calendar: WorkingCalendar,
  dueAt: number,
  extraWorkingDays: number,
  now: number,
): number {
  const remaining = now < dueAt ? calendar.workingMinutesBetween(now, dueAt) : 0;
  const end = calendar.addWorkingMinutes(now, remaining + extraWorkingDays * calendar.minutesPerDay);
  return calendar.closeOf(toLocalDate(end));
}

/** "6 giờ 30 phút" of working time. */
export function workingDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes - h * 60);
  if (h === 0) return `${m} phút`;
  return m === 0 ? `${h} giờ` : `${h} giờ ${m} phút`;
}

/** The late step of `unit` with the largest overrun, if any. */
function lateStepOf(s: DossierState, unit: string): StepState | null {
  const late = s.steps.filter((st) => st.unitCode === unit && st.overrunWorkingMinutes > 0);
  return late.sort((a, b) => b.overrunWorkingMinutes - a.overrunWorkingMinutes)[0] ?? null;
}

/**
 * The reason the draft proposes, from the facts of the fold only (§5.5, as the Thanh Hóa letter names the unit):
 * "bước “Thẩm định hồ sơ” do Phòng … thực hiện đã quá thời gian quy định 6 giờ làm việc", or, while no step is
 * late, "hồ sơ đang được Phòng … xem xét, giải quyết, chưa có kết quả". The signer may write another.
 */
export function suggestedReason(s: DossierState, unit: string, unitName: string): string {
  const step = lateStepOf(s, unit);
  if (!step) return `hồ sơ đang được ${unitName} xem xét, giải quyết, chưa có kết quả`;
  const name = step.name ?? step.code;
  return (
    `bước “${name}” do ${unitName} thực hiện đã quá thời gian quy định ` +
    `${workingDuration(step.overrunWorkingMinutes)} làm việc`
  );
}

/** The whole proposal for a dossier whose apology is due (its due date is known). */
export function proposeApology(
  s: DossierState,
  calendar: WorkingCalendar,
  settings: Pick<ApologySettings, 'proposedExtraWorkingDays'>,
  now: number,
  unitName: (code: string) => string,
): ApologyProposal {
  if (s.dueAt === null) throw new Error('a dossier without a due date needs no apology');
  const responsibleUnit = responsibleUnitOf(s);
  return {
    responsibleUnit,
    proposedNewDueAt: proposedNewDueAt(calendar, s.dueAt, settings.proposedExtraWorkingDays, now),
    reason: suggestedReason(s, responsibleUnit, unitName(responsibleUnit)),
  };
}
