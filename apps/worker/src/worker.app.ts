import 'reflect-metadata';
import { type INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppLogger, type AppOptions } from '@motcua/application';
import { loadConfig } from '@motcua/config';
import { WorkerModule } from './worker.module';

export async function startWorker(options: AppOptions = {}): Promise<INestApplicationContext> {
  const config = options.config ?? loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ ...options, config }), {
    logger: new AppLogger(config.log),
  });
  await app.init();
  new Logger('worker').log('processing dossier events');
  return app;
}
