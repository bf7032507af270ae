import { HttpException } from '@nestjs/common';
import type { FieldProblem } from '@motcua/contracts';

/** The contract's error envelope: {"error": {code, message, details}}. */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super({ error: { code, message, details } }, status);
  }

  static invalid(details: FieldProblem[], message = 'The request is invalid'): ApiError {
    return new ApiError(400, 'invalid_request', message, details);
  }
  static unauthorized(message = 'A valid bearer token is required'): ApiError {
    return new ApiError(401, 'unauthorized', message);
  }
  static forbidden(message: string): ApiError {
    return new ApiError(403, 'forbidden', message);
  }
  static notFound(what: string): ApiError {
    return new ApiError(404, 'not_found', `${what} was not found`);
  }
  static unavailable(dependency: string): ApiError {
    return new ApiError(
      503,
      'dependency_unavailable',
      `${dependency} is unavailable; nothing was stored, retry later`,
    );
  }
}
