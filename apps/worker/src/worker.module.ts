import { type DynamicModule, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { CoreModule, type CoreOptions } from '@motcua/core';
import { loadConfig } from '@motcua/config';
import { DOSSIER_EVENTS_QUEUE, queuePrefix, redisOptions } from '@motcua/queue';
import { DossierEventsProcessor } from './dossier-events.processor';
import { OutboxRelay } from './outbox.relay';

@Module({})
export class WorkerModule {
  static forRoot(options: CoreOptions = {}): DynamicModule {
    const config = options.config ?? loadConfig();
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot({ ...options, config }),
        // Workers block on Redis; BullMQ requires unlimited retries per request for them.
        BullModule.forRoot({
          connection: redisOptions(config.redisUrl, { maxRetriesPerRequest: null }),
          prefix: queuePrefix(config.databaseUrl),
        }),
        BullModule.registerQueue({ name: DOSSIER_EVENTS_QUEUE }),
      ],
      providers: [DossierEventsProcessor, OutboxRelay],
    };
  }
}
