import type { Instant, LocalDate, SkippedDay } from '@motcua/calendar';
import type {
  ApologyStatus,
  Applicant,
  Channel,
  DeadlineKind,
  DossierEventBody,
  DossierEventType,
  DossierStatus,
  DurationUnit,
  HandoverMethod,
  Outcome,
  RuleSet,
  SlaState,
  SupplementPolicy,
} from '@motcua/contracts';
import type { SlaFacts } from './sla-state';

// The vocabulary and the event shapes are defined once, by the contracts' schemas.
export type {
  ApologyStatus,
  Applicant,
  Channel,
  DeadlineKind,
  DossierEventType,
  DossierStatus,
  DurationUnit,
  HandoverMethod,
  Outcome,
  RuleSet,
  SlaState,
  SupplementPolicy,
};
export { DOSSIER_EVENT_TYPES } from '@motcua/contracts';

/** A dossier event as the fold reads it: instants as epoch ms, `data` typed by `type`. */
export type DossierEvent = DossierEventBody;

export interface ProcedureStep {
  code: string;
  name?: string;
  unitCode: string;
  allocatedWorkingHours: number;
}

/** The rules a dossier was received under: a snapshot of one procedure version (engineering-notes §5). */
export interface ProcedureRules {
  code: string;
  version?: number;
  leadUnitCode: string;
  duration: { value: number; unit: DurationUnit };
  supplementPolicy: SupplementPolicy;
  /** §6.7: the applicant's financial obligation pauses the clock for this procedure. */
  pauseOnFinancialObligation?: boolean;
  /** §3.3: working days the applicant has to return a supplement asked for during processing (absent: none). */
  supplementDeadlineWorkingDays?: number;
  steps: ReadonlyArray<ProcedureStep>;
}

export interface PauseInterval {
  kind: 'supplement' | 'financial_obligation';
  startedAt: Instant;
  endedAt: Instant | null;
  /** Working minutes inside the pause (up to `now` while open). */
  workingMinutes: number;
}

export interface StepState {
  code: string;
  name?: string;
  unitCode: string;
  startedAt: Instant;
  dueAt: Instant | null;
  endedAt: Instant | null;
  handoverMethod: HandoverMethod | null;
  allocatedWorkingMinutes: number | null;
  usedWorkingMinutes: number;
  overrunWorkingMinutes: number;
  outcome: Outcome | null;
}

/** One apology letter with a new appointment (TT01 / TT03 Mẫu 04). */
export interface ApologyLetter {
  issuedAt: Instant;
  newDueAt: Instant;
  reason: string;
  responsibleUnit: string;
  signer: { name: string; title: string };
}

/** The first apology letter (the §5.2 duty is judged on it), or the duty still to meet. */
export interface ApologyState {
  status: ApologyStatus;
  deadline: Instant;
  issuedAt: Instant | null;
  newDueAt: Instant | null;
  reason: string | null;
  responsibleUnit: string | null;
  signer: { name: string; title: string } | null;
  /** §5.3 secondary KPI: finished by the re-appointment in force (null while open or without an apology). */
  reappointmentMet: boolean | null;
  /** Letters after the first, each with a later date, when `sla.maxReappointments` allows more than one (§5.1). */
  later: ApologyLetter[];
}

export interface TimelineEntry {
  id: string;
  type: DossierEventType;
  occurredAt: Instant;
  status: 'applied' | 'rejected';
  reason?: string;
}

/** A deadline the tracker acted at (a `deadline_reached` event applied by the fold). */
export interface DeadlineReached {
  kind: DeadlineKind;
  /** The deadline. */
  at: Instant;
  stepCode: string | null;
  unitCode: string | null;
  /** When the tracker acted (the event's occurredAt). */
  reachedAt: Instant;
}

export interface DueChange {
  dueAt: Instant | null;
  at: Instant;
  reason: 'received' | 'supplement_pause' | 'obligation_pause' | 'supplement_restart';
}

export interface DossierState {
  status: DossierStatus;
  nationalStatus: number | null;
  procedureCode: string | null;
  ruleSet: RuleSet | null;
  channel: Channel | null;
  applicant: Applicant | null;
  unitCode: string | null;
  receivedAt: Instant | null;
  submittedAt: Instant | null;
  /** §6.6 HanTiepNhan of an online dossier: submittedAt + receptionSlaWorkingHours of working time (from the next opening). */
  receptionDueAt: Instant | null;
  /** §6.6: an online dossier received after its receptionDueAt. */
  receivedLate: boolean;
  effectiveStartAt: Instant | null;
  /** The KPI due date: the original due shifted only by legitimate pauses (§5.3). */
  dueAt: Instant | null;
  dueHistory: DueChange[];
  /** The citizen-facing re-appointment from an apology, shifted by later pauses (§5.6.7). */
  rescheduledDueAt: Instant | null;
  /**
   * §3.3: while a supplement asked for during processing is awaited, the end of the applicant's deadline to return
   * it (`supplementDeadlineWorkingDays` of the procedure from the request); null otherwise.
   */
  supplementDueAt: Instant | null;
  warningAt: Instant | null;
  finishedAt: Instant | null;
  returnedAt: Instant | null;
  resultOutcome: 'approved' | 'refused_on_merits' | null;
  electronicResult: boolean;
  pauses: PauseInterval[];
  supplementRequests: number;
  extraSupplement: boolean;
  handovers: Array<{ at: Instant; fromUnit: string; toUnit: string; method: HandoverMethod }>;
  payments: Array<{ at: Instant; amountVnd: number; method: 'online' | 'offline' }>;
  digitized: { components: number; result: boolean };
  documents: { total: number; digitized: number; reused: number };
  rating: 'very_satisfied' | 'satisfied' | 'dissatisfied' | null;
  sla: {
    state: SlaState;
    remainingWorkingMinutes: number | null;
    pausedWorkingMinutes: number;
    /** §7.1 Biểu II.06a: resolved dossiers, by local date or by instant per `outcomeGranularity`. */
    outcome: Outcome | null;
    /** §7.2 Decision 766 criterion 2.1: every ended dossier, finish against the due instant. */
    outcomeByInstant: Outcome | null;
  };
  /** The facts `sla.state` was decided from (sla-state.ts), stored as projection columns for the worklist. */
  slaFacts: SlaFacts;
  steps: StepState[];
  responsibleUnits: string[];
  primaryResponsibleUnit: string | null;
  apology: ApologyState | null;
  timeline: TimelineEntry[];
  /** The deadlines the tracker already acted at, in fold order (issue 8: each acts once). */
  deadlinesReached: DeadlineReached[];
  provisional: boolean;
}

export interface DuePreview {
  effectiveStartAt: Instant;
  dueAt: Instant | null;
  warningAt: Instant | null;
  apologyDeadline: Instant | null;
  skipped: SkippedDay[];
  provisional: boolean;
}

export type { Instant, LocalDate };
