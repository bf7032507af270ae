import { z } from 'zod';
import { applicantSchema } from './event.schema';
import { instantSchema, integer, responseInstantSchema, text } from './primitives';
import {
  apologyClassificationSchema,
  apologyLetterStatusSchema,
  apologyStatusSchema,
  channelSchema,
  deadlineKindSchema,
  DOSSIER_STATUSES,
  dossierEventTypeSchema,
  dossierStatusSchema,
  DUE_CHANGE_REASONS,
  handoverMethodSchema,
  outcomeSchema,
  PAUSE_KINDS,
  paymentMethodSchema,
  ratingSchema,
  ruleSetSchema,
  SLA_STATES,
  slaStateSchema,
  TIMELINE_STATUSES,
  type DossierStatus,
} from './vocabulary';

const at = responseInstantSchema;
const maybeAt = responseInstantSchema.nullable();
const minutes = z.number().describe('working minutes');

export const formCodesSchema = z
  .object({
    receipt: z.string(),
    supplementRequest: z.string(),
    refusal: z.string(),
    apology: z.string(),
    stopNotice: z.string().nullable(),
    controlSheet: z.string(),
    ledger: z.string(),
  })
  .meta({ id: 'FormCodes', description: 'The forms (mẫu) of the regime the dossier falls under' });

export const timelineEntrySchema = z
  .object({
    id: z.string(),
    type: dossierEventTypeSchema,
    occurredAt: at,
    status: z.enum(TIMELINE_STATUSES),
    reason: z.string().optional(),
    actor: z.string().nullable().describe('who logged it; "system" for what the engine did on its own'),
    recordedAt: maybeAt.describe('when it was committed'),
  })
  .meta({ id: 'TimelineEntry', description: 'One event of the dossier, applied or rejected by the fold' });
export type TimelineEntryView = z.output<typeof timelineEntrySchema>;

export const lateEntrySchema = z
  .object({
    id: z.string(),
    type: dossierEventTypeSchema,
    occurredAt: at,
    recordedAt: maybeAt.describe('when it was committed'),
    actor: z.string().nullable(),
    lateWorkingMinutes: minutes.describe('working time between the occurrence and the recording'),
    reason: z.string().nullable().describe('data.backdateReason'),
  })
  .meta({
    id: 'LateEntry',
    description:
      'An event recorded more than intake.backdateAllowanceWorkingMinutes of working time after it happened',
  });
export type LateEntryView = z.output<typeof lateEntrySchema>;

export const dossierStepSchema = z
  .object({
    code: z.string(),
    name: z.string().nullable(),
    unitCode: z.string(),
    startedAt: at,
    dueAt: maybeAt,
    endedAt: maybeAt,
    outcome: outcomeSchema.nullable(),
    handoverMethod: handoverMethodSchema.nullable(),
    usedWorkingMinutes: minutes,
    overrunWorkingMinutes: minutes,
  })
  .meta({ id: 'DossierStep' });
export type DossierStepView = z.output<typeof dossierStepSchema>;

export const pendingDeadlineSchema = z
  .object({
    kind: deadlineKindSchema,
    at: at,
    stepCode: z.string().nullable(),
    unitCode: z.string().nullable().describe('the unit answerable for a step deadline'),
  })
  .meta({ id: 'PendingDeadline', description: 'A deadline the tracker will act at (issue 8)' });

/** `GET /api/v1/dossiers/:code`: the contract's dossier plus what a desk officer needs. */
export const dossierSchema = z
  .object({
    code: z.string(),
    procedure: z
      .object({ code: z.string(), version: z.number().nullable(), name: z.string().nullable() })
      .nullable(),
    unitCode: z.string().nullable(),
    channel: channelSchema.nullable(),
    status: dossierStatusSchema,
    nationalStatus: integer(1, 10).nullable(),
    ruleSet: ruleSetSchema.nullable(),
    forms: formCodesSchema.nullable(),
    applicant: applicantSchema.nullable(),
    receivedAt: maybeAt,
    submittedAt: maybeAt,
    receivedLate: z.boolean(),
    effectiveStartAt: maybeAt,
    dueAt: maybeAt.describe('the KPI due date: the original one shifted only by legitimate pauses'),
    rescheduledDueAt: maybeAt.describe('the re-appointment of an apology letter'),
    supplementDueAt: maybeAt.describe(
      'while a supplement is awaited: the end of the applicant’s deadline (procedure supplementDeadlineWorkingDays)',
    ),
    pendingDeadlines: z
      .array(pendingDeadlineSchema)
      .describe(
        'deadlines the tracker has not acted at yet, earliest first (a past one is acted at within the sweep interval)',
      ),
    warningAt: maybeAt,
    finishedAt: maybeAt,
    returnedAt: maybeAt,
    provisional: z.boolean().describe('a date counted with a year that has no official calendar'),
    sla: z.object({
      state: slaStateSchema,
      remainingWorkingMinutes: minutes.nullable(),
      pausedWorkingMinutes: minutes,
      outcome: outcomeSchema
        .nullable()
        .describe('Biểu II.06a (§7.1): resolved dossiers, by local date or instant per outcomeGranularity'),
      outcomeByInstant: outcomeSchema
        .nullable()
        .describe(
          'Decision 766 criterion 2.1 (§7.2): every ended dossier, its finish against the due instant',
        ),
    }),
    pauses: z.array(
      z.object({ kind: z.enum(PAUSE_KINDS), startedAt: at, endedAt: maybeAt, workingMinutes: minutes }),
    ),
    dueHistory: z.array(z.object({ dueAt: maybeAt, at, reason: z.enum(DUE_CHANGE_REASONS) })),
    supplementRequests: integer(0),
    steps: z.array(dossierStepSchema),
    responsibleUnits: z.array(z.string()),
    primaryResponsibleUnit: z.string().nullable(),
    apology: z
      .object({
        status: apologyStatusSchema,
        deadline: at,
        issuedAt: maybeAt,
        newDueAt: maybeAt,
        letterUrl: z
          .string()
          .nullable()
          .describe('GET …/apology: the letter (Mẫu 04), drafted or issued, or its preview while one is due'),
        classification: apologyClassificationSchema
          .nullable()
          .describe('§5.2; null while nothing is decided'),
        letterStatus: apologyLetterStatusSchema.nullable().describe('null: GET …/apology answers 404'),
        responsibleUnit: z
          .string()
          .nullable()
          .describe('the unit the issued letter, or else the latest draft, names as responsible (§5.5)'),
        draftedAt: maybeAt.describe('when the latest draft was made (apology_drafted)'),
        reappointmentMet: z
          .boolean()
          .nullable()
          .describe(
            '§5.3 secondary KPI: finished by the re-appointment (null while open or without apology)',
          ),
      })
      .nullable(),
    payments: z.array(z.object({ at, amountVnd: z.number(), method: paymentMethodSchema })),
    digitized: z.object({ components: z.number(), result: z.boolean() }),
    rating: ratingSchema.nullable(),
    timeline: z.array(timelineEntrySchema),
    lateEntries: z
      .array(lateEntrySchema)
      .describe('events recorded later than the back-dating allowance after they happened (issue 7)'),
    calendar: z
      .object({
        anchorAt: at.describe('reception, or the last re-basing: the calendar dates count with'),
        versions: z.record(z.string(), integer(1)).describe('published calendar version per year'),
        settingsVersion: integer(0).describe('published version of the rule settings (0: none published)'),
      })
      .describe('which published calendar the dates count with'),
  })
  .meta({ id: 'Dossier', description: 'A dossier folded from its committed events' });
export type DossierView = z.output<typeof dossierSchema>;

const unitRefSchema = z
  .object({ code: z.string(), name: z.string() })
  .meta({ id: 'UnitRef', description: 'A unit of the catalogue, by code and name' });

/**
 * `GET /api/v1/dossiers/:code/apology`: the apology letter (TT01/2018 Mẫu 04 "Phiếu xin lỗi và hẹn lại ngày trả kết
 * quả", or TT03/2025 Mẫu 04 "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"), every field of domain.md §4.4
 * filled from the dossier; a field the data cannot fill is null (a dotted line on the printed letter).
 */
export const apologyLetterSchema = z
  .object({
    dossierCode: z.string().describe('§4.4 field 8: Mã hồ sơ'),
    status: apologyLetterStatusSchema,
    classification: apologyClassificationSchema
      .nullable()
      .describe('§5.2, decided on the first letter; null while nothing is decided'),
    apologyStatus: apologyStatusSchema.describe('the dossier’s apology duty, as in GET /dossiers/:code'),
    deadline: at.describe('the apology deadline (§5.2)'),
    form: z
      .object({ code: z.string(), title: z.string(), ruleSet: ruleSetSchema })
      .describe('the form of the dossier’s rule set: TT01_2018.M04 or TT03_2025.M04 (§0.2)'),
    parentAgency: unitRefSchema.nullable().describe('field 1: TÊN CƠ QUAN CHỦ QUẢN (optional)'),
    issuer: unitRefSchema.describe('field 1: TÊN CƠ QUAN, ĐƠN VỊ, the agency that is late'),
    number: z.string().nullable().describe('field 2: Số …/PXL, given by the records clerk (null: by hand)'),
    place: z.string().nullable().describe('field 4: the place name (địa danh); null: by hand'),
    addressee: z
      .object({
        name: z.string(),
        address: z.string().nullable(),
        phone: z.string().nullable(),
        email: z.string().nullable(),
      })
      .describe('field 6: Kính gửi, the applicant'),
    receivedAt: at.describe('field 7: the date the dossier was received'),
    procedure: z
      .object({ code: z.string(), name: z.string().nullable() })
      .describe('field 7: the procedure asked for'),
    dueAt: at.describe('field 9: the due date, which stays the KPI deadline (§5.3)'),
    reason: z
      .string()
      .nullable()
      .describe('field 10: lý do; null on a draft or a preview: the signer writes it'),
    suggestedReason: z
      .string()
      .nullable()
      .describe(
        'what the dossier’s steps show (§5.5), proposed by the draft; used when issued automatically',
      ),
    newDueAt: at.describe('field 11: the new return date: the issued one, or the one the draft proposes'),
    rescheduledDueAt: maybeAt.describe('the re-appointment in force, moved by later pauses (§5.6.7)'),
    copiesTo: z.array(z.string()).describe('field 13: Nơi nhận'),
    signer: z
      .object({ label: z.string(), title: z.string(), name: z.string().nullable() })
      .describe('field 14: THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ: the title (§2) and, once issued, the name'),
    responsibleUnit: unitRefSchema.describe(
      'the unit that caused the delay (§5.5), or the unit holding the dossier when none is late yet',
    ),
    draftedAt: maybeAt.describe('when the system drafted it (apology_drafted)'),
    issuedAt: maybeAt.describe('field 4: the date of the issued letter'),
    reappointmentMet: z
      .boolean()
      .nullable()
      .describe('§5.3 secondary KPI: finished by the re-appointment (null while open or without apology)'),
    htmlUrl: z.string().describe('the letter rendered in Vietnamese (HTML)'),
  })
  .meta({
    id: 'ApologyLetter',
    description:
      'The apology letter of a dossier (Mẫu 04): the draft, its preview while due, or the issued letter',
  });
export type ApologyLetterView = z.output<typeof apologyLetterSchema>;

/** A form rendered as a standalone HTML document (UTF-8), to print or attach (`….html` routes). */
export const htmlDocumentSchema = z
  .string()
  .meta({ id: 'HtmlDocument', description: 'A standalone HTML document, UTF-8 (text/html)' });

export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 50;

/** `status=` takes the national code 1–10 or an internal state. */
export type StatusFilter = { national: number } | { internal: DossierStatus };

const statusFilter = z.string().transform((value, ctx): StatusFilter => {
  if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 10) return { national: Number(value) };
  if ((DOSSIER_STATUSES as readonly string[]).includes(value)) return { internal: value as DossierStatus };
  ctx.issues.push({
    code: 'custom',
    input: value,
    message: `must be 1–10 or one of ${DOSSIER_STATUSES.join(', ')}`,
  });
  return z.NEVER;
});

const LIMIT_PROBLEM = `must be an integer 1–${MAX_PAGE}`;
const limit = z
  .string({ error: LIMIT_PROBLEM })
  .regex(/^\d+$/, { error: LIMIT_PROBLEM })
  .transform(Number)
  .pipe(z.number({ error: LIMIT_PROBLEM }).int().min(1).max(MAX_PAGE))
  .default(DEFAULT_PAGE);

/**
 * The worklists `sla=` selects: the six SLA states (`SLA_STATE_RULE`); the late receptions of §6.6; the dossiers
 * overdue or finished late without an issued apology (§5.2 `missing_apology`); and those whose applicant let the
 * supplement deadline pass (§3.3).
 */
export const WORKLISTS = [...SLA_STATES, 'late_reception', 'missing_apology', 'supplement_expired'] as const;
export type Worklist = (typeof WORKLISTS)[number];

/** `GET /api/v1/dossiers?…`: the worklists. Other query parameters are ignored, as before. */
export const dossierListQuerySchema = z.object({
  // An empty filter matches nothing, as before, rather than failing.
  unit: text(64, { min: 0 }).optional().describe('the unit that holds the dossier now'),
  holder: text(64, { min: 0 })
    .optional()
    .describe('the unit holding the current (open) step: a finished or closed dossier has none'),
  status: statusFilter.optional().describe(`1–10 or one of ${DOSSIER_STATUSES.join(', ')}`),
  sla: z
    .enum(WORKLISTS)
    .optional()
    .describe(
      'an SLA state; late_reception: online dossiers received later than receptionSlaWorkingHours after ' +
        'submission; missing_apology: overdue, or finished late, without an issued apology (§5.2); ' +
        'supplement_expired: awaiting a supplement whose applicant deadline has passed (§3.3)',
    ),
  dueBefore: instantSchema.optional(),
  procedure: text(64, { min: 0 }).optional(),
  limit: limit.describe(`1–${MAX_PAGE}, default ${DEFAULT_PAGE}`),
  cursor: text(512).optional().describe('nextCursor of the previous page'),
});
export type DossierListQuery = z.output<typeof dossierListQuerySchema>;

export const dossierListItemSchema = z
  .object({
    code: z.string(),
    procedureCode: z.string().nullable(),
    unitCode: z.string().nullable(),
    holderUnit: z.string().nullable().describe('the unit holding the current (open) step'),
    channel: channelSchema.nullable(),
    status: dossierStatusSchema,
    nationalStatus: integer(1, 10).nullable(),
    receivedAt: maybeAt,
    dueAt: maybeAt,
    finishedAt: maybeAt,
    sla: z.object({ state: slaStateSchema, outcome: outcomeSchema.nullable() }),
    apologyIssued: z.boolean(),
    nextDeadlineAt: maybeAt.describe(
      'the earliest deadline the tracker has not acted at yet, past or future',
    ),
    supplementDueAt: maybeAt.describe('the end of the applicant’s deadline to return the awaited supplement'),
  })
  .meta({ id: 'DossierListItem', description: 'One dossier of a worklist' });
export type DossierListItem = z.output<typeof dossierListItemSchema>;

export const dossierPageSchema = z
  .object({ items: z.array(dossierListItemSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'DossierPage', description: 'A page of a worklist, ordered by due date' });
export type DossierPage = z.output<typeof dossierPageSchema>;

/** `POST /api/v1/rules/rebase`: no fields (the rules are the ones published now). */
export const rulesRebaseRequestSchema = z.strictObject({}).meta({
  id: 'RulesRebaseRequest',
  description: 'No fields: open dossiers move onto the rules published now',
});

/** `POST /api/v1/rules/rebase`: what one re-basing run did. */
export const rulesRebaseResultSchema = z
  .object({
    revision: integer(0).describe('the rules revision the open dossiers were re-based onto'),
    examined: integer(0).describe('open dossiers looked at'),
    rebased: z
      .array(
        z.object({
          dossierCode: z.string(),
          eventId: z.string().describe('deterministic per dossier and revision: a re-run logs nothing twice'),
          status: z.enum(['accepted', 'duplicate', 'rejected']),
          reason: z.string(),
        }),
      )
      .describe('one rules_rebased event per open dossier whose dates move'),
  })
  .meta({
    id: 'RulesRebaseResult',
    description: 'Open dossiers moved onto the rules published now, one rules_rebased event each',
  });
export type RulesRebaseResult = z.output<typeof rulesRebaseResultSchema>;
