import { type DynamicModule, Module } from '@nestjs/common';
import { ApplicationModule, type AppOptions } from '@motcua/application';
import { loadConfig } from '@motcua/config';
import { DailyDigestScheduler } from './daily-digest.scheduler';
import { DeadlineSweepScheduler } from './deadline-sweep.scheduler';
import { DeadlineTrackerProcessor } from './deadline-tracker.processor';
import { DossierEventsProcessor } from './dossier-events.processor';
import { WorkerMetricsServer } from './metrics/worker-metrics.server';
import { NotificationRelayTimer } from './notification-relay.timer';
import { NotificationsProcessor } from './notifications.processor';
import { OutboxRelay } from './outbox.relay';
import { ReactionsTimer } from './reactions.timer';

@Module({})
export class WorkerModule {
  static forRoot(options: AppOptions = {}): DynamicModule {
    const config = options.config ?? loadConfig();
    // TRACKER_ENABLED=false: no timer is run and no sweep scheduled (deadlines wait in PostgreSQL meanwhile).
    const tracker = config.tracker.enabled ? [DeadlineTrackerProcessor, DeadlineSweepScheduler] : [];
    // WORKER_METRICS_PORT unset: no server, and no histogram kept for nobody.
    const metrics = config.metrics.workerPort === null ? [] : [WorkerMetricsServer];
    return {
      module: WorkerModule,
      imports: [ApplicationModule.forRoot('worker', { ...options, config })],
      providers: [
        DossierEventsProcessor,
        OutboxRelay,
        ReactionsTimer,
        NotificationsProcessor,
        NotificationRelayTimer,
        DailyDigestScheduler,
        ...tracker,
        ...metrics,
      ],
    };
  }
}
