import { Logger } from '@nestjs/common';
import type { RequestHandler, Response } from 'express';
import { requestIdFrom, runInRequestContext } from '@motcua/application';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Probes and scrapers call these every few seconds: their successful answers are logged at debug only. */
const QUIET_PATHS = /^\/(health|metrics)(\/|$)/;

/** The id of the request this response answers (set by `requestContext`). */
export function requestIdOf(res: Response): string | undefined {
  const id: unknown = res.locals.requestId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Gives each request its id (the client's X-Request-Id when it is a sane token, else a UUID), answers it in
 * X-Request-Id, runs the rest of the chain in its context (every line logged meanwhile carries it) and logs one line
 * when the answer is sent. Used a second time after the body parser, whose stream callbacks lose the async context.
 */
export function requestContext(): RequestHandler {
  const log = new Logger('http');
  return (req, res, next) => {
    let requestId = requestIdOf(res);
    if (requestId === undefined) {
      const id = requestIdFrom(req.headers['x-request-id']);
      requestId = id;
      res.locals.requestId = id;
      res.setHeader(REQUEST_ID_HEADER, id);
      const started = performance.now();
      res.once('finish', () => {
        // The query is left out: it may carry a lookup key or a citizen's details.
        const path = req.originalUrl.split('?')[0];
        const status = res.statusCode;
        const fields = {
          requestId: id,
          method: req.method,
          path,
          status,
          ms: Math.round(performance.now() - started),
        };
        if (status < 400 && QUIET_PATHS.test(path)) log.debug('request', fields);
        else log.log('request', fields);
      });
    }
    runInRequestContext({ requestId }, next);
  };
}
