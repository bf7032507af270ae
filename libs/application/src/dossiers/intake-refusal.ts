import type { FieldProblem } from '@motcua/contracts';
import { AppError } from '../app-error';

/** The 422 codes of the intake (api-contract.md, "Additions (v1.1)"), beside unknown_dossier and dossier_exists. */
export const TRANSITION_NOT_ALLOWED = 'transition_not_allowed';
export const UNKNOWN_UNIT = 'unknown_unit';
export const BACKDATE_NOT_ALLOWED = 'backdate_not_allowed';

/** A refusal of one event: its status, code and message, and the field the message is about. */
export function refusal(status: number, code: string, message: string, field?: string): AppError {
  return new AppError(status, code, message, field ? [{ field, problem: message }] : []);
}

/** A refusal naming several fields, each with its own problem. */
export function refusalOf(status: number, code: string, message: string, details: FieldProblem[]): AppError {
  return new AppError(status, code, message, details);
}
