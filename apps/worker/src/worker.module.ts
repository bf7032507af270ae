import { type DynamicModule, Module } from '@nestjs/common';
import { ApplicationModule, type AppOptions } from '@motcua/application';
import { DossierEventsProcessor } from './dossier-events.processor';
import { NotificationRelayTimer } from './notification-relay.timer';
import { NotificationsProcessor } from './notifications.processor';
import { OutboxRelay } from './outbox.relay';
import { ReactionsTimer } from './reactions.timer';

@Module({})
export class WorkerModule {
  static forRoot(options: AppOptions = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ApplicationModule.forRoot('worker', options)],
      providers: [
        DossierEventsProcessor,
        OutboxRelay,
        ReactionsTimer,
        NotificationsProcessor,
        NotificationRelayTimer,
      ],
    };
  }
}
