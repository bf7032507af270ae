import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Injectable,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError, LookupDossier } from '@motcua/application';
import type { LookupAnswer } from '@motcua/contracts';
import { ErrorFilter, isDatabaseDown } from '../common/error.filter';
import { answerPage, errorPage, formPage, LOOKUP_CSP } from './lookup.page';

/** JSON when the client asks for it (`Accept: application/json`); a page for browsers, curl and anything else. */
export function wantsJson(req: Request): boolean {
  return req.accepts(['text/html', 'application/json']) === 'application/json';
}

/** On every answer of /tra-cuu, the error ones included: the key is in the URL, so nothing keeps or indexes it. */
export function lookupHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', LOOKUP_CSP);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Robots-Tag', 'noindex, nofollow');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Vary', 'Accept');
}

const typedCode = (query: unknown): string | undefined => {
  const code = (query as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code.slice(0, 64) : undefined;
};

/** GET /tra-cuu: the form, the answer page, or the JSON twin (the use case decides; this only presents). */
@Injectable()
export class LookupResponder {
  constructor(private readonly lookups: LookupDossier) {}

  async answer(query: Record<string, unknown>, req: Request, res: Response): Promise<LookupAnswer | string> {
    lookupHeaders(res);
    const json = wantsJson(req);
    if (!json && query.code === undefined && query.key === undefined) {
      res.type('html');
      return formPage();
    }
    const answer = await this.lookups.answer(query);
    if (json) return answer;
    res.type('html');
    return answerPage(answer);
  }
}

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
