import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { AppLogger, type AppOptions } from '@motcua/application';
import { loadConfig } from '@motcua/config';
import { ApiModule } from './app.module';
import { securityHeaders } from './auth/security-headers';
import { ApiMetrics } from './metrics/api-metrics.registry';
import { httpMetrics } from './metrics/http-metrics.middleware';
import { answerClientErrors } from './common/client-error';
import { requestContext } from './common/request-id.middleware';
import { openApiDocument } from './openapi.document';

/** Builds the HTTP app (used by main and by the end-to-end tests). */
export async function createApiApp(options: AppOptions = {}): Promise<NestExpressApplication> {
  const config = options.config ?? loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot({ ...options, config }), {
    bodyParser: false,
    logger: new AppLogger(config.log),
  });
  for (const warning of config.warnings) new Logger('config').warn(warning);
  // Whose X-Forwarded-For to believe for req.ip (the login throttle's address): TRUST_PROXY, off by default.
  app.set('trust proxy', config.trustProxy);
  // Before everything, so that every answer carries X-Request-Id and every line of its request the id.
  app.use(requestContext());
  // First of all, so that every answer is timed, the guards' and the body parser's refusals included.
  app.use(httpMetrics(app.get(ApiMetrics).http));
  // Helmet before every route (Swagger's included): strict defaults for the API, a CSP Swagger UI can run under.
  app.disable('x-powered-by');
  app.use(securityHeaders('/docs'));
  // 1000 events of a few hundred bytes each fit comfortably; anything larger is refused with 413.
  app.useBodyParser('json', { limit: '2mb' });
  // Again: the body parser's stream callbacks lose the request's async context.
  app.use(requestContext());
  SwaggerModule.setup('docs', app, openApiDocument(app));
  answerClientErrors(app.getHttpServer());
  return app;
}

export async function startApi(port: number, options: AppOptions = {}): Promise<NestExpressApplication> {
  const app = await createApiApp(options);
  await app.listen(port, '0.0.0.0');
  new Logger('api').log(`listening on http://127.0.0.1:${port} (docs at /docs)`);
  return app;
}
