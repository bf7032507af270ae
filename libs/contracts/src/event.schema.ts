import { z } from 'zod';
import {
  dossierCodeSchema,
  emailSchema,
  instantSchema,
  integer,
  procedureCodeSchema,
  responseInstantSchema,
  text,
  unitCodeSchema,
  uuidSchema,
} from './primitives';
import { mergeProblems, problemsOf, type FieldProblem } from './problems';
import {
  channelSchema,
  deadlineKindSchema,
  dossierEventTypeSchema,
  handoverMethodSchema,
  paymentMethodSchema,
  ratingSchema,
  resultOutcomeSchema,
  returnMethodSchema,
  type DossierEventType,
} from './vocabulary';

export const applicantSchema = z
  .strictObject({
    name: text(200),
    idNumber: text(20, { pattern: /^[0-9A-Za-z]+$/ }).optional(),
    email: emailSchema.optional(),
    phone: text(20, { min: 3, pattern: /^[0-9+ ().-]+$/ }).optional(),
    address: text(500).optional(),
  })
  .meta({ id: 'Applicant', description: 'The citizen or organisation that submits the dossier' });
export type Applicant = z.output<typeof applicantSchema>;

const reason = text(2000);
const amountVnd = integer(0);

/**
 * Why an event is dated further back than the caller's allowance (`intake.backdateAllowanceWorkingMinutes`):
 * optional on every type; required when a unit head or an administrator back-dates beyond it.
 */
export const backdateReasonSchema = text(2000).describe(
  'why the event is dated further back than the allowance (unit heads and administrators only)',
);

/** The data of one event type: its own fields, and the `backdateReason` every type may carry. */
function dataOf<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.strictObject({ ...shape, backdateReason: backdateReasonSchema.optional() });
}

/** The `data` of each event type, per the HTTP contract. */
export const EVENT_DATA_SCHEMAS = {
  received: dataOf({
    procedureCode: procedureCodeSchema,
    channel: channelSchema,
    applicant: applicantSchema,
    submittedAt: instantSchema.optional(),
    documents: z
      .array(
        z.strictObject({
          name: text(300),
          digitized: z.boolean().optional(),
          reused: z.boolean().optional(),
        }),
      )
      .max(200)
      .optional(),
  }),
  refused_at_reception: dataOf({
    procedureCode: procedureCodeSchema,
    channel: channelSchema,
    applicant: applicantSchema,
    reason,
  }),
  forwarded: dataOf({
    fromUnit: unitCodeSchema,
    toUnit: unitCodeSchema,
    method: handoverMethodSchema,
    stepCode: text(32).optional(),
  }),
  supplement_requested: dataOf({
    reason,
    items: z.array(text(500)).max(100).optional(),
    override: z.boolean().optional(),
  }),
  supplement_received: dataOf({}),
  obligation_requested: dataOf({ amountVnd: amountVnd.optional() }),
  obligation_fulfilled: dataOf({ amountVnd: amountVnd.optional() }),
  paid: dataOf({ amountVnd: integer(0, 1e12), method: paymentMethodSchema }),
  digitized: dataOf({ components: integer(0, 1000).optional(), result: z.boolean().optional() }),
  apology_issued: dataOf({
    reason,
    newDueAt: instantSchema,
    signer: z.strictObject({ name: text(200), title: text(200) }),
    responsibleUnit: unitCodeSchema,
  }),
  result_ready: dataOf({ outcome: resultOutcomeSchema, electronicResult: z.boolean().optional() }),
  returned: dataOf({ method: returnMethodSchema }),
  withdrawn: dataOf({ reason }),
  stopped: dataOf({ reason }),
  rated: dataOf({ rating: ratingSchema, comment: text(2000).optional() }),
  /** An administrator moves an open dossier onto the calendar published now (§6.9: never silently). */
  rules_rebased: dataOf({ reason }),
  /** The tracker acted at a deadline: `at` is the deadline, the event's occurredAt when it acted (issue 8). */
  deadline_reached: dataOf({
    kind: deadlineKindSchema,
    at: instantSchema,
    stepCode: text(32).optional(),
    unitCode: unitCodeSchema.optional(),
    /** Which of the tracker's paths acted: its delayed timer or the periodic sweep (the chaos report splits delays). */
    via: z.enum(['timer', 'sweep']).optional(),
  }),
  /** The apology letter drafted for the unit responsible for the delay, awaiting its signature (§5.4). */
  apology_drafted: dataOf({
    responsibleUnit: unitCodeSchema,
    proposedNewDueAt: instantSchema,
    /** The reason the draft proposes, from what the dossier's steps show (§5.5); the signer may write another. */
    reason: text(2000).optional(),
  }),
  /** A mail left for its recipient (the SMTP server answered 250). */
  notification_sent: dataOf({
    notificationId: uuidSchema,
    kind: text(64),
    recipient: text(320),
    messageId: text(998),
  }),
  /** A mail that can never be delivered (a 5xx answer), kept for a person to act on. */
  notification_failed: dataOf({
    notificationId: uuidSchema,
    kind: text(64),
    recipient: text(320),
    error: text(2000),
  }),
} as const satisfies Record<DossierEventType, z.ZodType>;

const envelope = {
  id: uuidSchema.describe('chosen by the client: the idempotency key'),
  dossierCode: dossierCodeSchema,
  occurredAt: instantSchema,
};

/** One envelope per type; data is `{}` when absent and is checked against the type it names. */
function eventOf<T extends DossierEventType, D extends z.ZodType>(type: T, data: D) {
  // `{}` goes through the data schema, so a missing required field of `data` is still reported.
  return z.strictObject({ ...envelope, type: z.literal(type), data: data.prefault({} as never) });
}

/** A reception may leave `dossierCode` out: the server then issues one (domain.md §1) and answers with it. */
function receptionOf<T extends 'received' | 'refused_at_reception', D extends z.ZodType>(type: T, data: D) {
  return eventOf(type, data).extend({
    dossierCode: dossierCodeSchema
      .optional()
      .describe('leave out to have the server issue one: {agency code}-{yymmdd}-{daily sequence}'),
  });
}

const E = EVENT_DATA_SCHEMAS;

/** A dossier event as logged by staff: `POST /api/v1/events`. */
export const dossierEventSchema = z
  .discriminatedUnion('type', [
    receptionOf('received', E.received),
    receptionOf('refused_at_reception', E.refused_at_reception),
    eventOf('forwarded', E.forwarded),
    eventOf('supplement_requested', E.supplement_requested),
    eventOf('supplement_received', E.supplement_received),
    eventOf('obligation_requested', E.obligation_requested),
    eventOf('obligation_fulfilled', E.obligation_fulfilled),
    eventOf('paid', E.paid),
    eventOf('digitized', E.digitized),
    eventOf('apology_issued', E.apology_issued),
    eventOf('result_ready', E.result_ready),
    eventOf('returned', E.returned),
    eventOf('withdrawn', E.withdrawn),
    eventOf('stopped', E.stopped),
    eventOf('rated', E.rated),
    eventOf('rules_rebased', E.rules_rebased),
    eventOf('deadline_reached', E.deadline_reached),
    eventOf('apology_drafted', E.apology_drafted),
    eventOf('notification_sent', E.notification_sent),
    eventOf('notification_failed', E.notification_failed),
  ])
  .meta({
    id: 'DossierEvent',
    description: 'One event of a dossier; `data` depends on `type` (HTTP contract, "Events")',
    example: {
      id: '3f1c2a9e-1111-4c8e-9a3a-000000000001',
      dossierCode: 'H57.12-250124-0001',
      type: 'received',
      occurredAt: '2025-01-24T16:00:00+07:00',
      data: {
        procedureCode: '1.014199',
        channel: 'direct',
        applicant: { name: 'Nguyễn Văn An', phone: '0912345678' },
        documents: [{ name: 'Tờ khai', digitized: true }],
      },
    },
  });

/** A validated event: instants as epoch ms, `data` typed by `type`. */
export type DossierEventInput = z.output<typeof dossierEventSchema>;
/** The event as the SLA fold sees it (sla's `DossierEvent`). */
export type DossierEventBody = DossierEventInput extends infer E
  ? E extends unknown
    ? { [K in Exclude<keyof E, 'dossierCode'>]: E[K] }
    : never
  : never;
export type DossierEventData<T extends DossierEventType> = Extract<DossierEventInput, { type: T }>['data'];

/** The envelope alone (any type, any data object): reported as well when `type` names no event. */
export const dossierEventEnvelopeSchema = z.strictObject({
  ...envelope,
  type: dossierEventTypeSchema,
  data: z.record(z.string(), z.unknown()).optional(),
});

export type EventValidation =
  { ok: true; event: DossierEventInput } | { ok: false; problems: FieldProblem[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks the shape of one event body (400 with every bad field); `prefix` names its place in a batch
 * (e.g. `events[3]`). Whether its instants lie in range is the intake's next question (`eventInstantProblems`).
 */
export function validateEvent(body: unknown, prefix = ''): EventValidation {
  // `data: null` has always meant "no data"; the schema itself only defaults an absent `data`.
  if (isRecord(body) && body.data === null) body = { ...body, data: undefined };
  const parsed = dossierEventSchema.safeParse(body);
  if (parsed.success) return { ok: true, event: parsed.data };
  let problems = problemsOf(parsed.error, prefix);
  // No option matched `type`: the envelope's other fields still deserve their own answers.
  const typeFailed = parsed.error.issues.some((i) => i.code === 'invalid_union' && i.path[0] === 'type');
  if (typeFailed && isRecord(body)) {
    const bare = dossierEventEnvelopeSchema.safeParse(body);
    if (!bare.success) problems = mergeProblems(problems, problemsOf(bare.error, prefix));
  }
  return { ok: false, problems };
}

export const MAX_BATCH = 1000;

function batchOf<I extends z.ZodType>(item: I) {
  return z.strictObject({ events: z.array(item).min(1).max(MAX_BATCH) });
}

/** `POST /api/v1/events/batch`: each event is judged on its own (one bad event does not sink the others). */
export const eventBatchRequestSchema = batchOf(dossierEventSchema).meta({
  id: 'EventBatchRequest',
  description: `At most ${MAX_BATCH} events, answered in input order`,
});
export type EventBatchRequest = z.output<typeof eventBatchRequestSchema>;
/** The batch envelope only; its events go through validateEvent one by one. */
export const eventBatchEnvelopeSchema = batchOf(z.unknown());

export type BatchValidation =
  { ok: true; events: unknown[]; results: EventValidation[] } | { ok: false; problems: FieldProblem[] };

/** Checks the batch envelope, then every event with its position (`events[3].type`). */
export function validateEventBatch(body: unknown): BatchValidation {
  const parsed = eventBatchEnvelopeSchema.safeParse(body);
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error) };
  const events = parsed.data.events;
  return { ok: true, events, results: events.map((e, i) => validateEvent(e, `events[${i}]`)) };
}

export const fieldProblemSchema = z
  .object({ field: z.string(), problem: z.string() })
  .meta({ id: 'FieldProblem', description: 'What is wrong with one field, e.g. data.channel' });

/** The contract's error envelope, for every 4xx and 5xx answer. */
export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'invalid_request' }),
      message: z.string(),
      details: z.array(fieldProblemSchema),
    }),
  })
  .meta({ id: 'ErrorResponse', description: '{"error": {code, message, details}}' });
export type ErrorResponse = z.output<typeof errorResponseSchema>;

/** 202 (and 200 for a replay): the event is durable in PostgreSQL. */
export const eventAcceptedSchema = z
  .object({
    id: z.string(),
    dossierCode: z.string(),
    status: z.literal('accepted'),
    dueAt: responseInstantSchema
      .nullable()
      .optional()
      .describe('for received: the appointment (ngày hẹn trả)'),
    receiptUrl: z.string().optional().describe('for received: the receipt (Mẫu 01)'),
  })
  .meta({ id: 'EventAccepted' });
export type EventAccepted = z.output<typeof eventAcceptedSchema>;

export const eventBatchResultSchema = z
  .object({
    id: z.string().nullable(),
    status: z.enum(['accepted', 'duplicate', 'rejected']),
    dossierCode: z
      .string()
      .optional()
      .describe('accepted or duplicate: the dossier code, issued by the server when the event had none'),
    error: errorResponseSchema.shape.error.optional(),
  })
  .meta({ id: 'EventBatchResult' });
export type EventBatchResult = z.output<typeof eventBatchResultSchema>;

export const eventBatchResponseSchema = z
  .object({ results: z.array(eventBatchResultSchema) })
  .meta({ id: 'EventBatchResponse', description: 'One result per event, in input order' });
export type EventBatchResponse = z.output<typeof eventBatchResponseSchema>;
