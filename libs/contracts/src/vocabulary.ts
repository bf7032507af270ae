/** The closed word lists of the domain: the SLA engine, the database and the HTTP contract use these. */
import { z } from 'zod';

/** In the order the domain documents them (sla.types.ts before the move). */
export const DOSSIER_EVENT_TYPES = [
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
  // What the system does on its own (issue 8): only the `system` principal logs these.
  'deadline_reached',
  'apology_drafted',
  'notification_sent',
  'notification_failed',
] as const;
export const dossierEventTypeSchema = z
  .enum(DOSSIER_EVENT_TYPES)
  .meta({ id: 'DossierEventType', description: 'What happened to a dossier' });
export type DossierEventType = z.output<typeof dossierEventTypeSchema>;

export const CHANNELS = ['direct', 'online', 'postal'] as const;
export const channelSchema = z
  .enum(CHANNELS)
  .meta({ id: 'Channel', description: 'How the dossier was submitted' });
export type Channel = z.output<typeof channelSchema>;

export const HANDOVER_METHODS = ['electronic', 'paper', 'postal'] as const;
export const handoverMethodSchema = z
  .enum(HANDOVER_METHODS)
  .meta({ id: 'HandoverMethod', description: 'How a dossier passed from one unit to the next' });
export type HandoverMethod = z.output<typeof handoverMethodSchema>;

export const ROLES = ['officer', 'specialist', 'unit_head', 'manager', 'admin'] as const;
/** The event types only the system logs (the deadline tracker, the mail sender): no user may. */
export const SYSTEM_EVENT_TYPES = [
  'deadline_reached',
  'apology_drafted',
  'notification_sent',
  'notification_failed',
] as const satisfies readonly (typeof DOSSIER_EVENT_TYPES)[number][];
/** The instants the deadline tracker acts at (issue 8, domain.md §3.3, §5.2, §6.6). */
export const DEADLINE_KINDS = [
  'warning',
  'apology_deadline',
  'due',
  'step_due',
  'rescheduled_due',
  'supplement_deadline',
  'reception_deadline',
] as const;
export const deadlineKindSchema = z
  .enum(DEADLINE_KINDS)
  .meta({ id: 'DeadlineKind', description: 'An instant the deadline tracker acts at' });
export type DeadlineKind = z.output<typeof deadlineKindSchema>;
export const roleSchema = z.enum(ROLES).meta({ id: 'Role', description: 'What a user may do' });
export type Role = z.output<typeof roleSchema>;

export const DURATION_UNITS = ['working_days', 'working_hours', 'calendar_days', 'same_day', 'none'] as const;
export const durationUnitSchema = z
  .enum(DURATION_UNITS)
  .meta({ id: 'DurationUnit', description: 'How the processing time of a procedure is counted' });
export type DurationUnit = z.output<typeof durationUnitSchema>;

export const SUPPLEMENT_POLICIES = ['pause_resume', 'restart'] as const;
export const supplementPolicySchema = z
  .enum(SUPPLEMENT_POLICIES)
  .meta({ id: 'SupplementPolicy', description: 'What a supplement request does to the clock' });
export type SupplementPolicy = z.output<typeof supplementPolicySchema>;

export const ONLINE_LEVELS = ['none', 'partial', 'full'] as const;
export const onlineLevelSchema = z.enum(ONLINE_LEVELS).meta({ id: 'OnlineLevel' });
export type OnlineLevel = z.output<typeof onlineLevelSchema>;

export const UNIT_KINDS = ['one_stop', 'department', 'agency'] as const;
export const unitKindSchema = z.enum(UNIT_KINDS).meta({ id: 'UnitKind' });
export type UnitKind = z.output<typeof unitKindSchema>;

export const PAYMENT_METHODS = ['online', 'offline'] as const;
export const paymentMethodSchema = z.enum(PAYMENT_METHODS).meta({ id: 'PaymentMethod' });
export type PaymentMethod = z.output<typeof paymentMethodSchema>;

export const RESULT_OUTCOMES = ['approved', 'refused_on_merits'] as const;
export const resultOutcomeSchema = z.enum(RESULT_OUTCOMES).meta({ id: 'ResultOutcome' });
export type ResultOutcome = z.output<typeof resultOutcomeSchema>;

export const RETURN_METHODS = ['desk', 'postal', 'electronic'] as const;
export const returnMethodSchema = z.enum(RETURN_METHODS).meta({ id: 'ReturnMethod' });
export type ReturnMethod = z.output<typeof returnMethodSchema>;

export const RATINGS = ['very_satisfied', 'satisfied', 'dissatisfied'] as const;
export const ratingSchema = z.enum(RATINGS).meta({ id: 'Rating' });
export type Rating = z.output<typeof ratingSchema>;

/** Internal states (domain.md §3.2 B), in the order of their national code 1–10. */
export const DOSSIER_STATUSES = [
  'NEW',
  'RECEIVED',
  'REFUSED_AT_RECEPTION',
  'IN_PROCESS',
  'SUPPLEMENT_REQUESTED',
  'WAITING_FINANCIAL_OBLIGATION',
  'WITHDRAWN',
  'STOPPED',
  'RESULT_READY',
  'RETURNED',
] as const;
export const dossierStatusSchema = z
  .enum(DOSSIER_STATUSES)
  .meta({ id: 'DossierStatus', description: 'Internal state; nationalStatus is its national code 1–10' });
export type DossierStatus = z.output<typeof dossierStatusSchema>;

export const SLA_STATES = ['on_track', 'due_soon', 'apology_due', 'overdue', 'paused', 'closed'] as const;
export const slaStateSchema = z.enum(SLA_STATES).meta({ id: 'SlaState' });
export type SlaState = z.output<typeof slaStateSchema>;

export const OUTCOMES = ['early', 'on_time', 'late'] as const;
export const outcomeSchema = z.enum(OUTCOMES).meta({ id: 'Outcome' });
export type Outcome = z.output<typeof outcomeSchema>;

export const RULE_SETS = ['ND61_2018', 'ND118_2025'] as const;
export const ruleSetSchema = z
  .enum(RULE_SETS)
  .meta({ id: 'RuleSet', description: 'The regime a dossier falls under (Decree 61/2018 or 118/2025)' });
export type RuleSet = z.output<typeof ruleSetSchema>;

export const APOLOGY_STATUSES = [
  'not_required',
  'due',
  'missing',
  'issued_on_time',
  'issued_late',
  'issued_after_due',
] as const;
export const apologyStatusSchema = z.enum(APOLOGY_STATUSES).meta({ id: 'ApologyStatus' });
export type ApologyStatus = z.output<typeof apologyStatusSchema>;

/** §5.2: how each apology is classified: sent by its deadline, after it, after the due date, or not at all. */
export const APOLOGY_CLASSIFICATIONS = ['on_time', 'late', 'after_due', 'missing'] as const;
export const apologyClassificationSchema = z.enum(APOLOGY_CLASSIFICATIONS).meta({
  id: 'ApologyClassification',
  description:
    '§5.2: on_time (issued by the apology deadline), late (after it, by the due date), after_due, missing (late or past due without one)',
});
export type ApologyClassification = z.output<typeof apologyClassificationSchema>;

/**
 * Where the letter (Mẫu 04) stands: `due` (an apology is due, nothing drafted yet: a preview), `drafted` (awaiting a
 * signature), `cancelled` (drafted, then no longer needed: §5.6.4, §5.6.8), `issued`.
 */
export const APOLOGY_LETTER_STATUSES = ['due', 'drafted', 'cancelled', 'issued'] as const;
export const apologyLetterStatusSchema = z.enum(APOLOGY_LETTER_STATUSES).meta({
  id: 'ApologyLetterStatus',
  description: 'due (a preview, nothing drafted yet), drafted (awaiting a signature), cancelled, issued',
});
export type ApologyLetterStatus = z.output<typeof apologyLetterStatusSchema>;

export const PAUSE_KINDS = ['supplement', 'financial_obligation'] as const;
export const DUE_CHANGE_REASONS = [
  'received',
  'supplement_pause',
  'obligation_pause',
  'supplement_restart',
] as const;
export const TIMELINE_STATUSES = ['applied', 'rejected'] as const;

export const DAY_KINDS = [
  'workday',
  'weekend',
  'holiday',
  'compensatory',
  'swap_off',
  'makeup_workday',
] as const;
export const dayKindSchema = z.enum(DAY_KINDS).meta({ id: 'DayKind' });
export type DayKind = z.output<typeof dayKindSchema>;

export const DAY_OFF_KINDS = ['holiday', 'compensatory', 'swap_off'] as const;
export const MISSING_YEAR_POLICIES = ['provisional', 'refuse'] as const;
