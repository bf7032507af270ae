/** The public lookup (tra cứu, api-contract.md v1.1): what a citizen sends and what the answer may say. */
import { z } from 'zod';
import { responseInstantSchema } from './primitives';
import { dossierStatusSchema, outcomeSchema } from './vocabulary';

/** The key as printed: 8 characters of Crockford's base32 (no I, L, O or U). */
export const LOOKUP_KEY_PATTERN = /^[0-9A-HJKMNP-TV-Z]{8}$/;

/** Crockford's reading rules, so a key typed from paper still matches: any case, O→0, I/L→1, spaces and dashes ignored. */
export function normaliseLookupKey(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

const at = responseInstantSchema.nullable();

export const lookupQuerySchema = z.object({
  code: z.string().trim().min(1).max(64).describe('the dossier code (mã hồ sơ) printed on the receipt'),
  key: z
    .string()
    .max(32)
    .transform(normaliseLookupKey)
    .pipe(z.string().regex(LOOKUP_KEY_PATTERN, { error: 'must be the 8 characters printed on the receipt' }))
    .describe('the lookup key (mã tra cứu) printed on the receipt and in its QR code: 8 characters'),
});
export type LookupQuery = z.output<typeof lookupQuerySchema>;

/** Everything the public may learn about a dossier whose key it holds: no personal data, no staff names. */
export const lookupAnswerSchema = z
  .object({
    code: z.string().describe('the dossier code (mã hồ sơ)'),
    procedure: z
      .object({ code: z.string(), name: z.string().nullable() })
      .nullable()
      .describe('the administrative procedure (thủ tục hành chính)'),
    applicantInitials: z
      .string()
      .nullable()
      .describe('the initials of the applicant’s name only, e.g. N.T.H.N.'),
    status: dossierStatusSchema,
    statusText: z.string().describe('the status in Vietnamese words, e.g. “Đang giải quyết”'),
    paused: z
      .boolean()
      .describe('the time limit is paused (awaiting a supplement or the applicant’s financial obligation)'),
    receivedAt: at.describe('when the dossier was received (ngày tiếp nhận)'),
    dueAt: at.describe('the appointment to return the result (ngày hẹn trả kết quả)'),
    rescheduledDueAt: at.describe('the new appointment an issued apology letter gave, if any (ngày hẹn lại)'),
    finishedAt: at.describe('when the result was ready'),
    returnedAt: at.describe('when the result was returned'),
    late: z.boolean().describe('overdue now, or finished after the appointment'),
    outcome: outcomeSchema.nullable().describe('for a finished dossier: early, on time or late'),
    timelinessText: z
      .string()
      .nullable()
      .describe('the time limit in Vietnamese words, e.g. “Quá hạn giải quyết”'),
    apologyIssued: z.boolean().describe('an apology letter (Mẫu 04) was issued'),
    apologyIssuedAt: at,
    checkedAt: responseInstantSchema.describe('the instant this answer describes'),
  })
  .meta({ id: 'LookupAnswer', description: 'The public lookup of one dossier (no personal data)' });
export type LookupAnswer = z.output<typeof lookupAnswerSchema>;
