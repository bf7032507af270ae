import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createWorkingCalendar, loadOfficialYears } from '@motcua/calendar';
import { loadConfig, type AppConfig } from '@motcua/config';
import { CatalogueRepository, dataSourceOptions, EventStore, UserRepository } from '@motcua/database';
import * as path from 'node:path';
import { APP_CONFIG, CALENDAR, CLOCK, systemClock, type Clock } from './core.tokens';

export interface CoreOptions {
  config?: AppConfig;
  clock?: Clock;
}

/** Config, the one calendar, the clock, PostgreSQL and the repositories: shared by the API and the worker. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreOptions = {}): DynamicModule {
    const config = options.config ?? loadConfig();
    const base = dataSourceOptions(config.databaseUrl);
    const calendar = createWorkingCalendar({
      officialYears: loadOfficialYears(path.join(config.configDir, 'calendars')),
    });
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
        { provide: CALENDAR, useValue: calendar },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
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
      exports: [APP_CONFIG, CALENDAR, CLOCK, EventStore, CatalogueRepository, UserRepository],
    };
  }
}
