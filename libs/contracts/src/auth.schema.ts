import { z } from 'zod';
import { integer, text } from './primitives';
import { shown } from './problems';
import { roleSchema } from './vocabulary';

/** `*` in a user's units: every unit. */
export const ALL_UNITS = '*';

/** `POST /api/v1/auth/token`. Passwords are NFC-normalised like every text, so hashes stay comparable. */
export const loginRequestSchema = z
  .strictObject({ username: text(64), password: text(200) })
  .meta({ id: 'LoginRequest', description: 'Credentials of a user' });
export type LoginRequest = z.output<typeof loginRequestSchema>;

export const tokenResponseSchema = z
  .object({ accessToken: z.string(), expiresIn: integer(1).describe('seconds') })
  .meta({ id: 'TokenResponse', description: 'Send the token as `Authorization: Bearer <token>`' });
export type TokenResponse = z.output<typeof tokenResponseSchema>;

function newUserShape(unit: z.ZodType<string, string>) {
  return {
    username: text(64, { min: 3, pattern: /^[a-z0-9._-]+$/ }),
    password: text(200, { min: 10 }),
    roles: z.array(roleSchema).min(1).max(5),
    units: z.array(unit).min(1).max(100),
  };
}

/** `POST /api/v1/users` (admin). */
export const newUserRequestSchema = z
  .strictObject(newUserShape(text(64)))
  .meta({ id: 'NewUserRequest', description: 'A new user; units are unit codes, or * for all' });
export type NewUserRequest = z.output<typeof newUserRequestSchema>;

/** The new-user body with every unit checked against the units known now (`*` allowed). */
export function newUserRequestSchemaFor(knownUnitCodes: Iterable<string>) {
  const codes = new Set(knownUnitCodes);
  const unit = text(64).refine((code) => code === ALL_UNITS || codes.has(code), {
    error: (issue) => `unknown unit ${shown(issue.input)}`,
  });
  return z.strictObject(newUserShape(unit));
}

export const userSchema = z
  .object({ username: z.string(), roles: z.array(roleSchema), units: z.array(z.string()) })
  .meta({ id: 'User', description: 'A user, without its password' });
export type UserView = z.output<typeof userSchema>;
