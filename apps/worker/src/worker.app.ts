import 'reflect-metadata';
import { type INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CoreOptions } from '@motcua/core';
import { WorkerModule } from './worker.module';

export async function startWorker(options: CoreOptions = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(options), {
    logger: process.env.NODE_ENV === 'test' ? ['error', 'warn'] : ['log', 'error', 'warn'],
  });
  await app.init();
  new Logger('worker').log('processing dossier events');
  return app;
}
