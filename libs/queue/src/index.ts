export * from './queue.constants';
export * from './redis.options';
export * from './dossier-event.producer';
export * from './notification.producer';
export * from './queue.module';
export * from './redis-throttler.storage';
export * from './deadline-timers';
export * from './queue-depths';
