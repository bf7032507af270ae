import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppError, metricsTokenAccepted } from '@motcua/application';
import { APP_CONFIG, type AppConfig } from '@motcua/config';

/** GET /metrics asks for `Bearer <METRICS_TOKEN>` when one is set (Prometheus' `authorization` scrape option). */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request>();
    if (metricsTokenAccepted(req.headers.authorization, this.config.metrics.token)) return true;
    throw new AppError(401, 'unauthorized', 'The metrics token (METRICS_TOKEN) is required', [], {
      'WWW-Authenticate': 'Bearer realm="metrics"',
    });
  }
}
