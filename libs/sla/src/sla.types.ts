import type { Instant, LocalDate, SkippedDay } from '@motcua/calendar';
import type { SlaFacts, SlaState } from './sla-state';

export type DurationUnit = 'working_days' | 'working_hours' | 'calendar_days' | 'same_day' | 'none';
export type SupplementPolicy = 'pause_resume' | 'restart';
export type Channel = 'direct' | 'online' | 'postal';
export type HandoverMethod = 'electronic' | 'paper' | 'postal';

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
  steps: ReadonlyArray<ProcedureStep>;
}

export interface Applicant {
  name: string;
  idNumber?: string;
  email?: string;
  phone?: string;
  address?: string;
}

interface EventBase<T extends string, D> {
  id: string;
  type: T;
  occurredAt: Instant;
  data: D;
}

export type DossierEvent =
  | EventBase<
      'received',
      {
        procedureCode: string;
        channel: Channel;
        applicant: Applicant;
        submittedAt?: Instant;
        documents?: Array<{ name: string; digitized?: boolean; reused?: boolean }>;
      }
    >
  | EventBase<
      'refused_at_reception',
      { procedureCode: string; channel: Channel; applicant: Applicant; reason: string }
    >
  | EventBase<'forwarded', { fromUnit: string; toUnit: string; method: HandoverMethod; stepCode?: string }>
  | EventBase<'supplement_requested', { reason: string; items?: string[]; override?: boolean }>
  | EventBase<'supplement_received', Record<string, never>>
  | EventBase<'obligation_requested', { amountVnd?: number }>
  | EventBase<'obligation_fulfilled', { amountVnd?: number }>
  | EventBase<'paid', { amountVnd: number; method: 'online' | 'offline' }>
  | EventBase<'digitized', { components?: number; result?: boolean }>
  | EventBase<
      'apology_issued',
      { reason: string; newDueAt: Instant; signer: { name: string; title: string }; responsibleUnit: string }
    >
  | EventBase<'result_ready', { outcome: 'approved' | 'refused_on_merits'; electronicResult?: boolean }>
  | EventBase<'returned', { method: 'desk' | 'postal' | 'electronic' }>
  | EventBase<'withdrawn', { reason: string }>
  | EventBase<'stopped', { reason: string }>
  | EventBase<'rated', { rating: 'very_satisfied' | 'satisfied' | 'dissatisfied'; comment?: string }>
  /** An administrator moves an open dossier onto the calendar published now (§6.9: never silently). */
  | EventBase<'rules_rebased', { reason: string }>;

export type DossierEventType = DossierEvent['type'];

export const DOSSIER_EVENT_TYPES: ReadonlyArray<DossierEventType> = [
  'received',
  'refused_at_reception',
  'forwarded',
  'supplement_requested',
  'supplement_received',
  'obligation_requested',
  'obligation_fulfilled',
  'paid',
  'digitized',
  'apology_issued',
  'result_ready',
  'returned',
  'withdrawn',
  'stopped',
  'rated',
  'rules_rebased',
];

/** Internal states (domain.md §3.2 B) that the fold can reach; each maps to one national code. */
export type DossierStatus =
  | 'NEW'
  | 'REFUSED_AT_RECEPTION'
  | 'RECEIVED'
  | 'IN_PROCESS'
  | 'SUPPLEMENT_REQUESTED'
  | 'WAITING_FINANCIAL_OBLIGATION'
  | 'WITHDRAWN'
  | 'STOPPED'
  | 'RESULT_READY'
  | 'RETURNED';

export type Outcome = 'early' | 'on_time' | 'late';
export type RuleSet = 'ND61_2018' | 'ND118_2025';

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

export type ApologyStatus =
  'not_required' | 'due' | 'missing' | 'issued_on_time' | 'issued_late' | 'issued_after_due';

export interface ApologyState {
  status: ApologyStatus;
  deadline: Instant;
  issuedAt: Instant | null;
  newDueAt: Instant | null;
  reason: string | null;
  responsibleUnit: string | null;
  signer: { name: string; title: string } | null;
  /** §5.3 secondary KPI: finished by the re-appointment (null while open or without an apology). */
  reappointmentMet: boolean | null;
}

export interface TimelineEntry {
  id: string;
  type: DossierEventType;
  occurredAt: Instant;
  status: 'applied' | 'rejected';
  reason?: string;
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
  receptionDueAt: Instant | null;
  receivedLate: boolean;
  effectiveStartAt: Instant | null;
  /** The KPI due date: the original due shifted only by legitimate pauses (§5.3). */
  dueAt: Instant | null;
  dueHistory: DueChange[];
  /** The citizen-facing re-appointment from an apology, shifted by later pauses (§5.6.7). */
  rescheduledDueAt: Instant | null;
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
    outcome: Outcome | null;
  };
  /** The facts `sla.state` was decided from (sla-state.ts), stored as projection columns for the worklist. */
  slaFacts: SlaFacts;
  steps: StepState[];
  responsibleUnits: string[];
  primaryResponsibleUnit: string | null;
  apology: ApologyState | null;
  timeline: TimelineEntry[];
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
