import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, loadConfig, type AppConfig } from '@motcua/config';
import { DatabaseModule } from '@motcua/database';
import { QueueModule } from '@motcua/queue';
import { CalendarQueries } from './calendar/calendar-queries.use-case';
import { CatalogueService } from './catalogue/catalogue.service';
import { CLOCK, systemClock, type Clock } from './clock';
import { ApplyEvents } from './dossiers/apply-events.use-case';
import { ListDossiers } from './dossiers/list-dossiers.use-case';
import { ReadDossier } from './dossiers/read-dossier.use-case';
import { RecordEvents } from './dossiers/record-events.use-case';
import { RelayOutbox } from './dossiers/relay-outbox.use-case';
import { RebaseDossiers } from './rules/rebase-dossiers.use-case';
import { RulesProvider } from './rules/rules.provider';
import { UsersService } from './users/users.service';
import { REACTORS, type Reactor } from './reactions/reactor';
import { ReactorRunner } from './reactions/reactor-runner.use-case';
import { DeadlineArming } from './tracker/deadline-arming';
import { FireDueDeadlines } from './tracker/fire-due-deadlines.use-case';
import { SweepDeadlines } from './tracker/sweep-deadlines.use-case';

export interface AppOptions {
  config?: AppConfig;
  clock?: Clock;
}

const USE_CASES = [
  RulesProvider,
  CatalogueService,
  RecordEvents,
  ReadDossier,
  ListDossiers,
  CalendarQueries,
  ApplyEvents,
  RelayOutbox,
  RebaseDossiers,
  UsersService,
  ReactorRunner,
  DeadlineArming,
  FireDueDeadlines,
  SweepDeadlines,
];

/** The reactors the worker runs over applied events, in this order (issue 8: tracker, apology, mail add theirs). */
const REACTOR_CLASSES: Array<new (...args: never[]) => Reactor> = [];

/**
 * The use cases and everything they need, for one app: `api` records intent and reads; `worker` applies events
 * and relays the outbox. Both fold with the same published rules (RulesProvider); only the queue connection differs.
 */
@Global()
@Module({})
export class ApplicationModule {
  static forRoot(role: 'api' | 'worker', options: AppOptions = {}): DynamicModule {
    const config = options.config ?? loadConfig();
    return {
      module: ApplicationModule,
      imports: [
        DatabaseModule.forRoot(config),
        QueueModule.forRoot(config, role === 'api' ? 'producer' : 'worker'),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        ...USE_CASES,
        ...REACTOR_CLASSES,
        {
          provide: REACTORS,
          useFactory: (...reactors: Reactor[]) => reactors,
          inject: REACTOR_CLASSES,
        },
      ],
      exports: [APP_CONFIG, CLOCK, ...USE_CASES],
    };
  }
}
