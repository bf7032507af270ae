import { FORMS_BY_RULE_SET, pendingMilestones, type DossierState } from '@motcua/sla';
import { apologyPath, classificationOf, letterStatusOf, type ApologyDraft } from '../apology/apology-letter';
import type { LateEntry } from './late-entries';

/** The contract's dossier shape (GET /api/v1/dossiers/:code), plus the extra fields a desk officer needs. */
export function dossierView(
  code: string,
  s: DossierState,
  version: number | null,
  procedureName: string | null,
  lateEntries: LateEntry[] = [],
  /** The apology drafts the fold applied (apology_drafted), oldest first. */
  drafts: ApologyDraft[] = [],
) {
  const forms = s.ruleSet ? FORMS_BY_RULE_SET[s.ruleSet] : null;
  const draft = drafts.at(-1) ?? null;
  const letterStatus = letterStatusOf(s, draft !== null);
  return {
    code,
    procedure: s.procedureCode ? { code: s.procedureCode, version, name: procedureName } : null,
    unitCode: s.unitCode,
    channel: s.channel,
    status: s.status,
    nationalStatus: s.nationalStatus,
    ruleSet: s.ruleSet,
    forms,
    applicant: s.applicant,
    receivedAt: s.receivedAt,
    submittedAt: s.submittedAt,
    receivedLate: s.receivedLate,
    effectiveStartAt: s.effectiveStartAt,
    dueAt: s.dueAt,
    rescheduledDueAt: s.rescheduledDueAt,
    supplementDueAt: s.supplementDueAt,
    pendingDeadlines: pendingMilestones(s),
    warningAt: s.warningAt,
    finishedAt: s.finishedAt,
    returnedAt: s.returnedAt,
    provisional: s.provisional,
    sla: {
      state: s.sla.state,
      remainingWorkingMinutes: s.sla.remainingWorkingMinutes,
      pausedWorkingMinutes: s.sla.pausedWorkingMinutes,
      outcome: s.sla.outcome,
      outcomeByInstant: s.sla.outcomeByInstant,
    },
    pauses: s.pauses,
    dueHistory: s.dueHistory,
    supplementRequests: s.supplementRequests,
    steps: s.steps.map((st) => ({
      code: st.code,
      name: st.name ?? null,
      unitCode: st.unitCode,
      startedAt: st.startedAt,
      dueAt: st.dueAt,
      endedAt: st.endedAt,
      outcome: st.outcome,
      handoverMethod: st.handoverMethod,
      usedWorkingMinutes: st.usedWorkingMinutes,
      overrunWorkingMinutes: st.overrunWorkingMinutes,
    })),
    responsibleUnits: s.responsibleUnits,
    primaryResponsibleUnit: s.primaryResponsibleUnit,
    apology: s.apology
      ? {
          status: s.apology.status,
          deadline: s.apology.deadline,
          issuedAt: s.apology.issuedAt,
          newDueAt: s.apology.newDueAt,
          // The letter (Mẫu 04) whenever GET …/apology answers it: issued, drafted, cancelled or due.
          letterUrl: letterStatus !== null ? apologyPath(code) : null,
          classification: classificationOf(s.apology.status),
          letterStatus,
          responsibleUnit: s.apology.responsibleUnit ?? draft?.responsibleUnit ?? null,
          draftedAt: draft?.at ?? null,
          reappointmentMet: s.apology.reappointmentMet,
        }
      : null,
    payments: s.payments,
    digitized: s.digitized,
    rating: s.rating,
    timeline: s.timeline as Array<
      DossierState['timeline'][number] & { actor?: string | null; recordedAt?: number | null }
    >,
    lateEntries,
  };
}

/** Every unit the dossier was received at, is held by or passed through: who may read it. */
export function routeUnits(s: DossierState): string[] {
  return [s.steps[0]?.unitCode ?? s.unitCode, s.unitCode, ...s.handovers.map((h) => h.toUnit)].filter(
    (u): u is string => !!u,
  );
}
