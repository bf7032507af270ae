import type { FieldProblem } from '@motcua/contracts';

/**
 * A refusal the caller can act on, in the contract's terms: the status class (400 invalid, 401, 403, 404,
 * 409 conflict, 422 impossible now, 429, 503 dependency down), a snake_case code and field-level problems.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
    /** Headers the answer carries, e.g. Retry-After on a 429. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  /** The contract's error envelope. */
  toBody(): { error: { code: string; message: string; details: FieldProblem[] } } {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }

  static invalid(details: FieldProblem[], message = 'The request is invalid'): AppError {
    return new AppError(400, 'invalid_request', message, details);
  }
  static unauthorized(message = 'A valid bearer token is required'): AppError {
    return new AppError(401, 'unauthorized', message);
  }
  static forbidden(message: string): AppError {
    return new AppError(403, 'forbidden', message);
  }
  static notFound(what: string): AppError {
    return new AppError(404, 'not_found', `${what} was not found`);
  }
  static unavailable(dependency: string): AppError {
    return new AppError(
      503,
      'dependency_unavailable',
      `${dependency} is unavailable; nothing was stored, retry later`,
    );
  }
}
