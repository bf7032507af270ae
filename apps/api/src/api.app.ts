import 'reflect-metadata';
import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { CoreOptions } from '@motcua/core';
import { ApiModule } from './app.module';

/** Builds the HTTP app (used by main and by the end-to-end tests). */
export async function createApiApp(options: CoreOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(options), {
    bodyParser: false,
    logger: process.env.NODE_ENV === 'test' ? ['error', 'warn'] : ['log', 'error', 'warn'],
  });
  // 1000 events of a few hundred bytes each fit comfortably; anything larger is refused with 413.
  app.useBodyParser('json', { limit: '2mb' });
  const doc = new DocumentBuilder()
    .setTitle('motcua')
    .setDescription('Deadlines of one-stop administrative-procedure dossiers (HTTP contract v1)')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, SwaggerModule.createDocument(app, doc));
  return app;
}

export async function startApi(port: number, options: CoreOptions = {}): Promise<INestApplication> {
  const app = await createApiApp(options);
  await app.listen(port, '0.0.0.0');
  new Logger('api').log(`listening on http://127.0.0.1:${port} (docs at /docs)`);
  return app;
}
