/** The mail outbox as the API shows it (api-contract.md v1.1, "Notifications"). */
import { z } from 'zod';
import { DEFAULT_PAGE, MAX_PAGE } from './dossier.schema';
import { integer, responseInstantSchema, text } from './primitives';

/** What the engine mails on its own (issue 8); the apology's letter to the applicant is `apology_letter`. */
export const NOTIFICATION_KINDS = [
  'due_soon',
  'overdue',
  'step_overdue',
  'apology_awaiting_signature',
  'reappointment_missed',
  'daily_digest',
  'apology_letter',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * `pending`: waiting for office hours or for the relay to accept it (retried with backoff); `sent`: the relay
 * answered 250; `failed`: refused for good (5xx) or given up after MAIL_ATTEMPTS; `to_print`: a letter to print
 * for an applicant without a mailbox, never mailed.
 */
export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed', 'to_print'] as const;
export const notificationStatusSchema = z
  .enum(NOTIFICATION_STATUSES)
  .meta({ id: 'NotificationStatus', description: 'Where a mail stands' });
export type NotificationStatusName = z.output<typeof notificationStatusSchema>;

const LIMIT_PROBLEM = `must be an integer 1–${MAX_PAGE}`;
const pageLimit = z
  .string({ error: LIMIT_PROBLEM })
  .regex(/^\d+$/, { error: LIMIT_PROBLEM })
  .transform(Number)
  .pipe(z.number({ error: LIMIT_PROBLEM }).int().min(1).max(MAX_PAGE))
  .default(DEFAULT_PAGE)
  .describe(`1–${MAX_PAGE}, default ${DEFAULT_PAGE}`);

/** `GET /api/v1/notifications?dossierCode=&status=&kind=&limit=&cursor=`: newest first. */
export const notificationListQuerySchema = z.object({
  dossierCode: text(64).optional().describe('only the mails about this dossier'),
  status: notificationStatusSchema.optional(),
  kind: text(64)
    .optional()
    .describe(`e.g. ${NOTIFICATION_KINDS.join(', ')}`),
  limit: pageLimit,
  cursor: text(512).optional().describe('nextCursor of the previous page'),
});
export type NotificationListQuery = z.output<typeof notificationListQuerySchema>;

const at = responseInstantSchema;

export const notificationSchema = z
  .object({
    id: z.string(),
    dossierCode: z.string().nullable().describe('null for a mail about no single dossier (the daily digest)'),
    kind: z.string(),
    recipient: z.string().describe('the mailbox, or for a letter to print the name and address'),
    channel: z.enum(['email', 'print']),
    unitCode: z.string().nullable().describe('the unit a staff mail is addressed to'),
    subject: z.string(),
    status: notificationStatusSchema,
    attempts: integer(0).describe('delivery attempts begun'),
    lastError: z
      .string()
      .optional()
      .describe('the last refusal or failure, e.g. "451 4.3.0 Try again later"'),
    messageId: z
      .string()
      .nullable()
      .describe('the Message-ID header, the same on every resend; null for a letter to print'),
    createdAt: at,
    notBefore: at.describe(
      'not sent before: the next opening for a staff mail requested out of office hours',
    ),
    sentAt: at.optional(),
    failedAt: at.optional(),
  })
  .meta({ id: 'Notification', description: 'One mail (or letter to print) of the outbox' });
export type NotificationView = z.output<typeof notificationSchema>;

export const notificationPageSchema = z
  .object({ items: z.array(notificationSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'NotificationPage', description: 'A page of notifications, newest first' });
