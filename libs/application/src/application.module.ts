import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, loadConfig, type AppConfig } from '@motcua/config';
import { DatabaseModule } from '@motcua/database';
import { MailModule } from '@motcua/mail';
import { QueueModule } from '@motcua/queue';
import { CalendarQueries } from './calendar/calendar-queries.use-case';
import { CatalogueService } from './catalogue/catalogue.service';
import { CLOCK, shiftedClock, type Clock } from './clock';
import { ApplyEvents } from './dossiers/apply-events.use-case';
import { ListDossiers } from './dossiers/list-dossiers.use-case';
import { ReadDossier } from './dossiers/read-dossier.use-case';
import { RecordEvents } from './dossiers/record-events.use-case';
import { RelayOutbox } from './dossiers/relay-outbox.use-case';
import { LookupDossier } from './lookup/lookup-dossier.use-case';
import { ApplyLatencyFeed } from './operations/apply-latency.feed';
import { ReadOperationalMetrics } from './operations/read-operational-metrics.use-case';
import { RebaseDossiers } from './rules/rebase-dossiers.use-case';
import { RulesProvider } from './rules/rules.provider';
import { UsersService } from './users/users.service';
import { REACTORS, type Reactor } from './reactions/reactor';
import { ReactorRunner } from './reactions/reactor-runner.use-case';
import { ApologyDrafter } from './apology/draft-apologies.reactor';
import { ReadApology } from './apology/read-apology.use-case';
import { ApologyLetterSender } from './apology/send-apology-letters.reactor';
import { ReadDocuments } from './documents/read-documents.use-case';
import { ReadLedger } from './documents/read-ledger.use-case';
import { ReadReport06a } from './reports/read-report-06a.use-case';
import { ReadScores } from './reports/read-scores.use-case';
import { SummarizeIndicators } from './indicators/summarize-indicators.use-case';
import { RebuildIndicators } from './indicators/rebuild-indicators.use-case';
import { SendDailyDigest } from './notifications/daily-digest.use-case';
import { DeliverNotification } from './notifications/deliver-notification.use-case';
import { ListNotifications } from './notifications/list-notifications.use-case';
import { MailOutbox } from './notifications/mail-outbox';
import { Notifier } from './notifications/notifier';
import { RelayNotifications } from './notifications/relay-notifications.use-case';
import { StaffNotificationsReactor } from './notifications/staff-notifications.reactor';
import { DeadlineArming } from './tracker/deadline-arming';
import { FireDueDeadlines } from './tracker/fire-due-deadlines.use-case';
import { SweepDeadlines } from './tracker/sweep-deadlines.use-case';

export interface AppOptions {
  config?: AppConfig;
  clock?: Clock;
  /**
   * Where the use cases put their mails (the end-to-end tests bind a recording one). Until the mail capability
   * binds its own, an app without one sends nothing: the apology letters wait (ApologyLetterSender).
   */
  notifier?: Notifier;
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
  ReadApology,
  // Issue 9: the forms of a dossier and the desk's ledger.
  ReadDocuments,
  ReadLedger,
  SummarizeIndicators,
  RebuildIndicators,
  // Issue 8, mail: the outbox (the Notifier), its delivery job, its relay, the morning digest, the list.
  MailOutbox,
  DeliverNotification,
  RelayNotifications,
  SendDailyDigest,
  ListNotifications,
  DeadlineArming,
  FireDueDeadlines,
  SweepDeadlines,
  // Issue 9: the public lookup (tra cứu) by the receipt's code and key.
  LookupDossier,
  // Issue 10: the reports (Biểu II.06a, Decision 766 scores, Circular 01/2018 evaluation).
  ReadReport06a,
  ReadScores,
  // Issue 10, operators: the gauges of GET /metrics, and the apply latency the worker's histogram hears.
  ReadOperationalMetrics,
  ApplyLatencyFeed,
];

/** The reactors the worker runs over applied events, in this order (issue 8: tracker, apology, mail). */
const REACTOR_CLASSES: Array<(new (...args: never[]) => Reactor) & { NAME: string }> = [
  ApologyDrafter,
  ApologyLetterSender,
  StaffNotificationsReactor,
];

/** The key of each reactor's reactions (a tool that writes history directly records them as done). */
export const REACTOR_NAMES: readonly string[] = REACTOR_CLASSES.map((c) => c.NAME);

/**
 * The use cases and everything they need, for one app: `api` records intent and reads; `worker` applies events
 * and relays the outbox. Both fold with the same published rules (RulesProvider); only the queue connection differs.
 */
@Global()
@Module({})
export class ApplicationModule {
  static forRoot(role: 'api' | 'worker', options: AppOptions = {}): DynamicModule {
    const config = options.config ?? loadConfig();
    // The mail outbox is the Notifier; a test may bind its own (a recording one).
    const notifier = options.notifier
      ? [{ provide: Notifier, useValue: options.notifier }]
      : [{ provide: Notifier, useExisting: MailOutbox }];
    return {
      module: ApplicationModule,
      imports: [
        DatabaseModule.forRoot(config),
        QueueModule.forRoot(config, role === 'api' ? 'producer' : 'worker'),
        MailModule.forRoot(config),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: options.clock ?? shiftedClock(config.clockOffsetMs) },
        ...USE_CASES,
        ...notifier,
        ...REACTOR_CLASSES,
        {
          provide: REACTORS,
          useFactory: (...reactors: Reactor[]) => reactors,
          inject: REACTOR_CLASSES,
        },
      ],
      exports: [APP_CONFIG, CLOCK, Notifier, ...USE_CASES],
    };
  }
}
