import { type DynamicModule, Global, Module, type OnModuleDestroy } from '@nestjs/common';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { AppConfig } from '@motcua/config';
import { DeadlineTimers, DEADLINE_TRACKER_QUEUE } from './deadline-timers';
import { DossierEventQueue } from './dossier-event.producer';
import { NotificationQueue } from './notification.producer';
import { QueueDepths } from './queue-depths';
import { DOSSIER_EVENTS_QUEUE, NOTIFICATIONS_QUEUE, queuePrefix } from './queue.constants';
import { RATE_LIMIT_STORAGE, RedisThrottlerStorage } from './redis-throttler.storage';
import { redisOptions } from './redis.options';

/** Answers whether Redis takes a command now (for /health), on its own fail-fast connection. */
export class RedisProbe implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(url: string) {
    // A probe must answer "down" at once, not wait for a reconnect.
    this.redis = new Redis({
      ...(redisOptions(url) as object),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      lazyConnect: true,
    });
    this.redis.on('error', () => undefined);
  }

  async ping(): Promise<void> {
    if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
    await this.redis.ping();
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

/**
 * BullMQ on the app's Redis. `producer` (the API) fails fast when Redis is away, since the outbox relay
 * delivers later; `worker` connections block on Redis, for which BullMQ needs unlimited retries. The API also
 * gets the throttles' storage (RATE_LIMIT_STORAGE), shared by every API process on this Redis and database.
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig, role: 'producer' | 'worker'): DynamicModule {
    const connection =
      role === 'producer'
        ? redisOptions(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
        : redisOptions(config.redisUrl, { maxRetriesPerRequest: null });
    return {
      module: QueueModule,
      imports: [
        BullModule.forRoot({ connection, prefix: queuePrefix(config.databaseUrl) }),
        BullModule.registerQueue({ name: DOSSIER_EVENTS_QUEUE }, { name: DEADLINE_TRACKER_QUEUE }),
        BullModule.registerQueue({ name: NOTIFICATIONS_QUEUE }),
      ],
      providers: [
        DossierEventQueue,
        DeadlineTimers,
        QueueDepths,
        {
          provide: NotificationQueue,
          useFactory: (queue: Queue) => new NotificationQueue(queue, config.mail),
          inject: [getQueueToken(NOTIFICATIONS_QUEUE)],
        },
        { provide: RedisProbe, useFactory: () => new RedisProbe(config.redisUrl) },
        ...(role === 'producer'
          ? [
              {
                provide: RATE_LIMIT_STORAGE,
                useFactory: () => new RedisThrottlerStorage(config.redisUrl, queuePrefix(config.databaseUrl)),
              },
            ]
          : []),
      ],
      exports: [
        DossierEventQueue,
        NotificationQueue,
        DeadlineTimers,
        QueueDepths,
        RedisProbe,
        BullModule,
        ...(role === 'producer' ? [RATE_LIMIT_STORAGE] : []),
      ],
    };
  }
}
