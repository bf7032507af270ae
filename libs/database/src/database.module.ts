import { type DynamicModule, Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@motcua/config';
import { CalendarRepository } from './calendar.repository';
import { CatalogueRepository } from './catalogue.repository';
import { dataSourceOptions } from './data-source';
import { DossierCodeSequences } from './dossier-code.repository';
import { EventStore } from './event-store.repository';
import { IssuedDocumentRepository } from './issued-document.repository';
import { LedgerRepository } from './ledger.repository';
import { IndicatorRepository } from './indicator.repository';
import { NotificationRepository } from './notification.repository';
import { OperationsRepository } from './operations.repository';
import { ProjectionRepository } from './projection.repository';
import { ReactionRepository } from './reaction.repository';
import { ReportsRepository } from './reports.repository';
import { RulesRepository } from './rules.repository';
import { TrackerRepository } from './tracker.repository';
import { UserRepository } from './user.repository';
import { WorklistRepository } from './worklist.repository';

/** Answers whether PostgreSQL takes a query now (for /health). */
@Injectable()
export class DatabaseProbe {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }
}

const REPOSITORIES = [
  EventStore,
  DossierCodeSequences,
  CatalogueRepository,
  CalendarRepository,
  RulesRepository,
  UserRepository,
  ProjectionRepository,
  ReactionRepository,
  NotificationRepository,
  WorklistRepository,
  TrackerRepository,
  IssuedDocumentRepository,
  LedgerRepository,
  ReportsRepository,
  IndicatorRepository,
  OperationsRepository,
  DatabaseProbe,
];

/** The one PostgreSQL connection of an app and every repository on it. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    const base = dataSourceOptions(config.databaseUrl, config.databasePoolSize);
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...base,
          // A hung server must not hold intake forever: the query fails, the caller gets 503 and retries. A
          // process frozen mid-transaction (an event-loop stall) must not hold its row locks over the other worker:
          // the server ends a transaction left idle as long as a query may run (issue 12, chaos run).
          extra: {
            ...(base.extra as object),
            query_timeout: config.queryTimeoutMs,
            idle_in_transaction_session_timeout: config.queryTimeoutMs,
          },
        }),
      ],
      providers: REPOSITORIES,
      exports: REPOSITORIES,
    };
  }
}
