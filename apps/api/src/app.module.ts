import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { CoreModule, type CoreOptions } from '@motcua/core';
import { loadConfig } from '@motcua/config';
import { DOSSIER_EVENTS_QUEUE, queuePrefix, redisOptions } from '@motcua/queue';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { CalendarController } from './calendar/calendar.controller';
import { CatalogueController } from './catalogue/catalogue.controller';
import { CatalogueService } from './catalogue/catalogue.service';
import { AuthGuard } from './common/auth.guard';
import { ErrorFilter } from './common/error.filter';
import { DossiersController } from './dossiers/dossiers.controller';
import { DossiersService } from './dossiers/dossiers.service';
import { EventsController } from './events/events.controller';
import { EventsService } from './events/events.service';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';

@Module({})
export class ApiModule {
  static forRoot(options: CoreOptions = {}): DynamicModule {
    const config = options.config ?? loadConfig();
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot({ ...options, config }),
        // Fail fast when Redis is away: the outbox relay delivers later, the request is never held.
        BullModule.forRoot({
          connection: redisOptions(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }),
          prefix: queuePrefix(config.databaseUrl),
        }),
        BullModule.registerQueue({ name: DOSSIER_EVENTS_QUEUE }),
      ],
      controllers: [
        AuthController,
        CatalogueController,
        EventsController,
        DossiersController,
        CalendarController,
        HealthController,
      ],
      providers: [
        AuthService,
        CatalogueService,
        EventsService,
        DossiersService,
        HealthService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
