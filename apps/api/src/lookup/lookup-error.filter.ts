import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError } from '@motcua/application';
import { ErrorFilter, isDatabaseDown } from '../common/error.filter';
import { errorPage } from './lookup.page';
import { lookupHeaders, wantsJson } from './lookup.responder';

/** What the citizen typed as the code, to keep it in the form of the 400 page (escaped there). */
const typedCode = (query: unknown): string | undefined => {
  const code = (query as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code.slice(0, 64) : undefined;
};

/**
 * The refusals of /tra-cuu (400, 404, the throttle's 429, a dependency down): the contract's JSON envelope for
 * JSON clients, a page in Vietnamese for the others, with the same status and Retry-After.
 */
@Catch()
export class LookupErrorFilter implements ExceptionFilter {
  private readonly json = new ErrorFilter();
  private readonly log = new Logger('lookup');

  catch(err: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return this.json.catch(err, host);
    lookupHeaders(res);
    if (wantsJson(req)) return this.json.catch(err, host);
    let status: number;
    if (err instanceof AppError) {
      status = err.status;
      for (const [name, value] of Object.entries(err.headers)) res.setHeader(name, value);
    } else if (err instanceof HttpException) status = err.getStatus();
    else if (isDatabaseDown(err)) status = 503;
    else {
      this.log.error(err instanceof Error ? err.stack : String(err));
      status = 500;
    }
    const retryAfter = Number(res.getHeader('Retry-After')) || undefined;
    const problems = err instanceof AppError ? err.details : [];
    res
      .status(status)
      .type('html')
      .send(errorPage(status, { code: typedCode(req.query), problems, retryAfterSeconds: retryAfter }));
  }
}
