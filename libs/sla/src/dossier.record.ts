import type { WorkingCalendar } from '@motcua/calendar';
import type { SlaSettings } from './sla.settings';
import type {
  DossierState,
  DossierStatus,
  HandoverMethod,
  Instant,
  PauseInterval,
  ProcedureRules,
} from './sla.types';

export interface FoldContext {
  calendar: WorkingCalendar;
  settings: SlaSettings;
  /** The procedure version in force at the receipt instant (a change applies only to later receipts). */
  resolveProcedure: (code: string, receivedAt: Instant) => ProcedureRules | null;
  now: Instant;
}

export interface RawStep {
  code: string;
  name?: string;
  unitCode: string;
  defIndex: number | null;
  startedAt: Instant;
  endedAt: Instant | null;
  allocatedWorkingMinutes: number | null;
  handoverMethod: HandoverMethod | null;
  /** The step opened at reception: the desk that received the dossier (§3.1 paper-forwarding rule). */
  atReception: boolean;
}

export interface RawPause {
  kind: PauseInterval['kind'];
  startedAt: Instant;
  endedAt: Instant | null;
  /** Whether this pause moves the deadline (supplement under pause_resume, obligation where the procedure says so). */
  shiftsDue: boolean;
}

/** What the transitions leave behind for the assessment: the applied facts, before anything is computed. */
export interface FoldRecord {
  status: DossierStatus;
  /** Where a supplement or obligation pause returns to when it ends. */
  previousOpenStatus: DossierStatus;
  rules: ProcedureRules | null;
  clockStart: Instant | null;
  /** Apology letters with a new date, in order (§5.1: at most `sla.maxReappointments`). */
  readonly reappointments: Array<{ issuedAt: Instant; newDueAt: Instant }>;
  readonly steps: RawStep[];
  readonly pauses: RawPause[];
  /** The public state under construction: transitions fill in the event facts, the assessment the rest. */
  readonly state: DossierState;
}

export function newRecord(): FoldRecord {
  return {
    status: 'NEW',
    previousOpenStatus: 'RECEIVED',
    rules: null,
    clockStart: null,
    reappointments: [],
    steps: [],
    pauses: [],
    state: emptyState(),
  };
}

function emptyState(): DossierState {
  return {
    status: 'NEW',
    nationalStatus: null,
    procedureCode: null,
    ruleSet: null,
    channel: null,
    applicant: null,
    unitCode: null,
    receivedAt: null,
    submittedAt: null,
    receptionDueAt: null,
    receivedLate: false,
    effectiveStartAt: null,
    dueAt: null,
    dueHistory: [],
    rescheduledDueAt: null,
    supplementDueAt: null,
    warningAt: null,
    finishedAt: null,
    returnedAt: null,
    resultOutcome: null,
    electronicResult: false,
    pauses: [],
    supplementRequests: 0,
    extraSupplement: false,
    handovers: [],
    payments: [],
    digitized: { components: 0, result: false },
    documents: { total: 0, digitized: 0, reused: 0 },
    rating: null,
    sla: {
      state: 'on_track',
      remainingWorkingMinutes: null,
      pausedWorkingMinutes: 0,
      outcome: null,
      outcomeByInstant: null,
    },
    // A dossier never received (or refused at reception) keeps these: closed, with no clock.
    slaFacts: {
      open: false,
      paused: false,
      dueAt: null,
      warningAt: null,
      apologyDeadline: null,
      apologyIssued: false,
    },
    steps: [],
    responsibleUnits: [],
    primaryResponsibleUnit: null,
    apology: null,
    timeline: [],
    deadlinesReached: [],
    provisional: false,
  };
}
