import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Histogram } from 'prom-client';
import type { HttpLabels } from './api-metrics.registry';

/**
 * Times every request, guards' refusals included (an interceptor would miss them), labelled by the route pattern
 * Express matched (`/api/v1/dossiers/:code`), never the raw path: dossier codes and lookup keys stay out.
 */
export function httpMetrics(histogram: Histogram<HttpLabels>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const stop = histogram.startTimer();
    let done = false;
    const record = () => {
      if (done) return;
      done = true;
      stop({
        method: req.method,
        route: routeOf(req),
        status_class: res.writableFinished ? `${Math.floor(res.statusCode / 100)}xx` : 'aborted',
      });
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
}

/** The matched route's pattern; requests no route matched (404s, static assets) share one label. */
function routeOf(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
}
