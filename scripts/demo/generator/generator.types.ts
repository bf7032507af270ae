// What the generator reads (catalogue, SLA settings) and what it produces (events, dossiers, expectations).
import type { DemoCalendar } from '../calendar';
import type { Deadlines } from './deadline.rules';

export interface Step {
  code: string;
  unitCode: string;
  allocatedWorkingHours: number;
}

export interface Duration {
  value: number;
  unit: 'none' | 'working_hours' | 'working_days' | 'calendar_days' | 'same_day';
}

/** The fields of config/catalogue/procedures.json the generator uses. */
export interface Procedure {
  code: string;
  duration: Duration;
  onlineLevel: 'none' | 'partial' | 'full';
  feeVnd: number;
  requiresPaperResult: boolean;
  supplementPolicy: 'pause_resume' | 'restart';
  pauseOnFinancialObligation: boolean;
  steps: Step[];
}

/** The fields of config/catalogue/units.json the demo uses. */
export interface Unit {
  code: string;
  name: string;
  kind: string;
}

/** The config/settings.json `sla` rules the generator re-implements (documented defaults in DEFAULT_SLA). */
export interface DemoSla {
  workingDayModel: 'hour_based' | 'day_based';
  hoursPerWorkingDay: number;
  sameDayCutoff: string;
  afterHoursPolicy: 'next_opening' | 'as_received';
  calendarDaysRollToWorkingDay: boolean;
  apologyLeadDays: number;
  apologyLeadUnit: 'working_day' | 'calendar_day';
  outcomeGranularity: 'date' | 'datetime';
  paperForwardCutoff: string;
}

/** Who signs apologies for a unit. */
export interface Head {
  name: string;
  title: string;
}

export type Channel = 'online' | 'direct' | 'postal';

/** One dossier received at the desk (or through the portal). */
export interface Receipt {
  procedure: Procedure;
  channel: Channel;
  /** Receipt instant, whole minutes. */
  t: number;
  /** Portal submission instant of an online dossier, when there is one. */
  submittedAt?: number;
  /** Position in the day's draw (ties in `t` keep it). */
  k: number;
}

export type EventType =
  | 'refused_at_reception'
  | 'received'
  | 'paid'
  | 'digitized'
  | 'forwarded'
  | 'supplement_requested'
  | 'supplement_received'
  | 'obligation_requested'
  | 'obligation_fulfilled'
  | 'withdrawn'
  | 'stopped'
  | 'result_ready'
  | 'apology_issued'
  | 'returned'
  | 'rated';

/** An event in a dossier's life; `actor` is 'officer', 'specialist:<unit>' or 'unit_head:<unit>'. */
export interface PlannedEvent {
  type: EventType;
  t: number;
  data: Record<string, unknown>;
  actor: string;
}

export interface Plan {
  late: boolean;
  stuck: boolean;
  apology: boolean;
  supplement: boolean;
  refused: boolean;
}

export interface Pause {
  kind: 'supplement' | 'obligation';
  from: number;
  to: number;
}

export type DossierStatus =
  | 'REFUSED_AT_RECEPTION'
  | 'RECEIVED'
  | 'IN_PROCESS'
  | 'SUPPLEMENT_REQUESTED'
  | 'WAITING_FINANCIAL_OBLIGATION'
  | 'RESULT_READY'
  | 'RETURNED'
  | 'WITHDRAWN'
  | 'STOPPED';

export type Outcome = 'early' | 'on_time' | 'late';

/** What the engine should conclude for a dossier from the events sent (absent fields: not checked). */
export interface Expectation {
  status: DossierStatus;
  dueAt?: number | null;
  finishedAt?: number | null;
  outcome?: Outcome | null;
  apologyAt?: number | null;
  tags: string[];
  open?: boolean;
}

export interface GeneratedDossier {
  code: string;
  procedureCode: string;
  channel: Channel;
  receivedAt: number;
  inMonth: boolean;
  plan: Plan;
  expect: Expectation;
  /** Events sent (up to the cut-off) and events still in its future. */
  events: number;
  pendingEvents: number;
}

/** An event as posted to POST /api/v1/events/batch, plus who logs it and its instant. */
export interface DemoEvent {
  id: string;
  dossierCode: string;
  type: EventType;
  occurredAt: string;
  data: Record<string, unknown>;
  actor: string;
  t: number;
}

/** Everything a dossier's life depends on besides its receipt. */
export interface GeneratorContext {
  cal: DemoCalendar;
  dl: Deadlines;
  sla: DemoSla;
  seed: string;
  deskUnit: string;
  procedures: readonly Procedure[];
  popularity: Map<string, number>;
  heads: ReadonlyMap<string, Head>;
}
