import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '@motcua/config';
import { CatalogueRepository, dataSourceOptions, EventStore, UserRepository } from '@motcua/database';
import { CalendarService } from './calendar.service';
import { APP_CONFIG, CLOCK, systemClock, type Clock } from './core.tokens';

export interface CoreOptions {
  config?: AppConfig;
  clock?: Clock;
}

/** Config, the one calendar service, the clock, PostgreSQL and the repositories: shared by the API and the worker. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreOptions = {}): DynamicModule {
    const config = options.config ?? loadConfig();
    const base = dataSourceOptions(config.databaseUrl);
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRoot({
          ...base,
          // A hung server must not hold intake forever: the query fails, the caller gets 503 and retries.
          extra: { ...(base.extra as object), query_timeout: config.queryTimeoutMs },
        }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        CalendarService,
        { provide: EventStore, useFactory: (db: DataSource) => new EventStore(db), inject: [DataSource] },
        {
          provide: CatalogueRepository,
          useFactory: (db: DataSource) => new CatalogueRepository(db),
          inject: [DataSource],
        },
        {
          provide: UserRepository,
          useFactory: (db: DataSource) => new UserRepository(db),
          inject: [DataSource],
        },
      ],
      exports: [APP_CONFIG, CLOCK, CalendarService, EventStore, CatalogueRepository, UserRepository],
    };
  }
}
