/** The accounts (api-contract.md "Additions (v1.1)", Users): list, change, passwords, and the audit of changes. */
import { z } from 'zod';
import { ALL_UNITS } from './auth.schema';
import { DEFAULT_PAGE, MAX_PAGE } from './dossier.schema';
import { responseInstantSchema, text } from './primitives';
import { shown } from './problems';
import { roleSchema } from './vocabulary';

/** Passwords: at least 10 characters, NFC-normalised like every text so that hashes stay comparable. */
export const passwordSchema = text(200, { min: 10 });

const LIMIT_PROBLEM = `must be an integer 1–${MAX_PAGE}`;
const pageLimit = z
  .string({ error: LIMIT_PROBLEM })
  .regex(/^\d+$/, { error: LIMIT_PROBLEM })
  .transform(Number)
  .pipe(z.number({ error: LIMIT_PROBLEM }).int().min(1).max(MAX_PAGE))
  .default(DEFAULT_PAGE)
  .describe(`1–${MAX_PAGE}, default ${DEFAULT_PAGE}`);
const pageCursor = text(512).optional().describe('nextCursor of the previous page');

/** `GET /api/v1/users?limit=&cursor=`: users by username. */
export const userListQuerySchema = z.object({ limit: pageLimit, cursor: pageCursor });
export type UserListQuery = z.output<typeof userListQuerySchema>;

export const userAccountSchema = z
  .object({
    username: z.string(),
    roles: z.array(roleSchema),
    units: z.array(z.string()),
    disabled: z.boolean().describe('a disabled user cannot log in and its tokens are refused'),
    createdAt: responseInstantSchema,
    updatedAt: responseInstantSchema,
  })
  .meta({ id: 'UserAccount', description: 'A user as administrators see it, without its password' });
export type UserAccount = z.output<typeof userAccountSchema>;

export const userPageSchema = z
  .object({ items: z.array(userAccountSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'UserPage', description: 'A page of users, by username' });
export type UserPage = z.output<typeof userPageSchema>;

function patchShape(unit: z.ZodType<string, string>) {
  return {
    roles: z.array(roleSchema).min(1).max(5).optional(),
    units: z.array(unit).min(1).max(100).optional(),
    disabled: z.boolean().optional(),
  };
}

const SOMETHING_TO_CHANGE = {
  error: 'must name at least one of roles, units, disabled',
  path: [] as string[],
};
const hasChange = (p: { roles?: unknown; units?: unknown; disabled?: unknown }) =>
  p.roles !== undefined || p.units !== undefined || p.disabled !== undefined;

/** `PATCH /api/v1/users/:username` (admin). */
export const userPatchRequestSchema = z
  .strictObject(patchShape(text(64)))
  .refine(hasChange, SOMETHING_TO_CHANGE)
  .meta({
    id: 'UserPatchRequest',
    description:
      'What changes: roles, units (unit codes or *), disabled. Disabling revokes the user’s tokens; role and unit changes apply from the next request',
  });
export type UserPatchRequest = z.output<typeof userPatchRequestSchema>;

/** The patch body with every unit checked against the units known now (`*` allowed). */
export function userPatchRequestSchemaFor(knownUnitCodes: Iterable<string>) {
  const codes = new Set(knownUnitCodes);
  const unit = text(64).refine((code) => code === ALL_UNITS || codes.has(code), {
    error: (issue) => `unknown unit ${shown(issue.input)}`,
  });
  return z.strictObject(patchShape(unit)).refine(hasChange, SOMETHING_TO_CHANGE);
}

/** `POST /api/v1/users/:username/password` (admin): a new password; the user's tokens are revoked. */
export const passwordResetRequestSchema = z
  .strictObject({ password: passwordSchema })
  .meta({ id: 'PasswordResetRequest', description: 'The new password (at least 10 characters)' });
export type PasswordResetRequest = z.output<typeof passwordResetRequestSchema>;

/** `POST /api/v1/auth/password` (any role): one's own password; one's other tokens are revoked. */
export const passwordChangeRequestSchema = z
  .strictObject({ currentPassword: text(200), newPassword: passwordSchema })
  .meta({
    id: 'PasswordChangeRequest',
    description: 'The current password and the new one (at least 10 characters, not the current one)',
  });
export type PasswordChangeRequest = z.output<typeof passwordChangeRequestSchema>;

export const USER_AUDIT_ACTIONS = ['created', 'updated', 'password_reset', 'password_changed'] as const;
export const userAuditActionSchema = z.enum(USER_AUDIT_ACTIONS).meta({
  id: 'UserAuditAction',
  description:
    'created; updated (roles, units, disabled); password_reset by an administrator; password_changed by the user',
});
export type UserAuditAction = z.output<typeof userAuditActionSchema>;

/** A changed field: its value before and after. */
const changeSchema = <T extends z.ZodType>(value: T) => z.object({ from: value, to: value });

export const userAuditChangesSchema = z
  .object({
    roles: changeSchema(z.array(roleSchema)).optional(),
    units: changeSchema(z.array(z.string())).optional(),
    disabled: changeSchema(z.boolean()).optional(),
    tokensRevoked: z.boolean().optional().describe('the user’s tokens issued before stopped working'),
  })
  .meta({
    id: 'UserAuditChanges',
    description:
      'What changed, before and after; a creation gives `to` only (from []/false). Never a password',
  });
export type UserAuditChanges = z.output<typeof userAuditChangesSchema>;

export const userAuditEntrySchema = z
  .object({
    id: z.string().describe('increasing with time'),
    at: responseInstantSchema,
    actor: z.string().describe('the username who made the change, or `system`'),
    username: z.string().describe('the user changed'),
    action: userAuditActionSchema,
    changes: userAuditChangesSchema,
  })
  .meta({ id: 'UserAuditEntry', description: 'One change to an account: who, when, what' });
export type UserAuditEntry = z.output<typeof userAuditEntrySchema>;

/** `GET /api/v1/users/audit?username=&limit=&cursor=` (manager, admin): newest first. */
export const userAuditQuerySchema = z.object({
  username: text(64).optional().describe('only the changes to this user'),
  limit: pageLimit,
  cursor: pageCursor,
});
export type UserAuditQuery = z.output<typeof userAuditQuerySchema>;

export const userAuditPageSchema = z
  .object({ items: z.array(userAuditEntrySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'UserAuditPage', description: 'A page of account changes, newest first' });
export type UserAuditPage = z.output<typeof userAuditPageSchema>;
