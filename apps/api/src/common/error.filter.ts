import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { AppError } from '@motcua/application';

/** A dependency failure we can name: the caller should retry, nothing was half-written. */
export function isDatabaseDown(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  const codes = [
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'ENOTFOUND',
    '57P01',
    '57P03',
    '53300',
    '08006',
    '08001',
    // A deadlock or a serialization failure rolled the statement back whole: retrying is the answer.
    '40P01',
    '40001',
  ];
  return (
    (e.code !== undefined && codes.includes(e.code)) ||
    /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Query read timeout/i.test(
      e.message ?? '',
    )
  );
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('http');

  catch(err: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    // The error envelope is JSON, whatever a route answers on success (the letters' HTML set its own type).
    if (!res.headersSent) res.type('application/json');
    if (err instanceof AppError) {
      for (const [name, value] of Object.entries(err.headers)) res.setHeader(name, value);
      res.status(err.status).json(err.toBody());
      return;
    }
    if (err instanceof HttpException) {
      const status = err.getStatus();
      const body = err.getResponse();
      const raw = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? err.message);
      const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
      // Express' JSON parser failures reach us as a 400 HttpException carrying the parser's text.
      const badJson = status === 400 && /JSON/i.test(text);
      const code =
        status === 404
          ? 'not_found'
          : status === 413
            ? 'payload_too_large'
            : badJson
              ? 'malformed_json'
              : status === 400
                ? 'malformed_request'
                : `http_${status}`;
      const message = badJson ? 'The body is not valid JSON' : text;
      res
        .status(status)
        .json({ error: { code, message, details: badJson ? [{ field: 'body', problem: text }] : [] } });
      return;
    }
    const bodyParser = err as { type?: string; status?: number; message?: string };
    if (bodyParser?.type === 'entity.parse.failed') {
      res
        .status(400)
        .json({ error: { code: 'malformed_json', message: 'The body is not valid JSON', details: [] } });
      return;
    }
    if (bodyParser?.type === 'entity.too.large') {
      res
        .status(413)
        .json({ error: { code: 'payload_too_large', message: 'The body is too large', details: [] } });
      return;
    }
    if (isDatabaseDown(err)) {
      res.status(503).json(AppError.unavailable('PostgreSQL').toBody());
      return;
    }
    this.log.error(err instanceof Error ? err.stack : String(err));
    res.status(500).json({ error: { code: 'internal_error', message: 'Unexpected error', details: [] } });
  }
}
