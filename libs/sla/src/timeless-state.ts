import { OPEN_STATUSES } from './status-mapping';
import type { ApologyState, DossierState, PauseInterval, StepState } from './sla.types';

/**
 * A dossier's state without anything that depends on the instant it was folded at: what the projection stores.
 * Fields that move with the reading instant are left out (and derived again by whoever folds at a given instant):
 * `sla.state` and `sla.remainingWorkingMinutes` always; while a pause is open, its working minutes and the
 * paused total, and the due dates of open steps; while the dossier is open, the used and overrun minutes of
 * open steps, the units responsible for lateness, `provisional`, and the status of an apology not yet issued.
 */
export interface TimelessState extends Omit<
  DossierState,
  'sla' | 'pauses' | 'steps' | 'apology' | 'responsibleUnits' | 'primaryResponsibleUnit' | 'provisional'
> {
  sla: {
    outcome: DossierState['sla']['outcome'];
    outcomeByInstant: DossierState['sla']['outcomeByInstant'];
    pausedWorkingMinutes?: number;
  };
  pauses: Array<Omit<PauseInterval, 'workingMinutes'> & { workingMinutes?: number }>;
  steps: Array<
    Omit<StepState, 'dueAt' | 'usedWorkingMinutes' | 'overrunWorkingMinutes'> &
      Partial<Pick<StepState, 'dueAt' | 'usedWorkingMinutes' | 'overrunWorkingMinutes'>>
  >;
  apology: (Omit<ApologyState, 'status'> & { status?: ApologyState['status'] }) | null;
  responsibleUnits?: string[];
  primaryResponsibleUnit?: string | null;
  provisional?: boolean;
}

export function timelessState(s: DossierState): TimelessState {
  const open = OPEN_STATUSES.has(s.status);
  const pauseOpen = s.pauses.some((p) => p.endedAt === null);
  const { sla, pauses, steps, apology, responsibleUnits, primaryResponsibleUnit, provisional, ...rest } = s;
  return {
    ...rest,
    sla: pauseOpen
      ? { outcome: sla.outcome, outcomeByInstant: sla.outcomeByInstant }
      : {
          outcome: sla.outcome,
          outcomeByInstant: sla.outcomeByInstant,
          pausedWorkingMinutes: sla.pausedWorkingMinutes,
        },
    pauses: pauses.map(({ workingMinutes, ...p }) => (p.endedAt === null ? p : { ...p, workingMinutes })),
    steps: steps.map((st) => {
      if (!open || st.endedAt !== null) return st;
      const { dueAt, usedWorkingMinutes: _u, overrunWorkingMinutes: _o, ...kept } = st;
      return pauseOpen ? kept : { ...kept, dueAt };
    }),
    apology:
      apology === null
        ? null
        : open && apology.issuedAt === null
          ? (({ status: _s, ...a }) => a)(apology)
          : apology,
    ...(open ? {} : { responsibleUnits, primaryResponsibleUnit, provisional }),
  };
}
