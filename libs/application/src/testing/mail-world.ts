/** One engine in memory for the mail use cases' unit tests: real use cases over in-memory fakes. */
import type { AppConfig } from '@motcua/config';
import type {
  DossierCodeSequences,
  EventStore,
  NotificationRepository,
  WorklistRepository,
} from '@motcua/database';
import type { MailTransport } from '@motcua/mail';
import type { DossierEventQueue, NotificationQueue } from '@motcua/queue';
import type { CatalogueService } from '../catalogue/catalogue.service';
import { RecordEvents } from '../dossiers/record-events.use-case';
import { SYSTEM_PRINCIPAL } from '../rules/rebase-dossiers.use-case';
import type { RulesProvider } from '../rules/rules.provider';
import {
  FixedCatalogue,
  FixedClock,
  fixedRulesProvider,
  InMemoryCodeSequences,
  InMemoryEventStore,
  RecordingQueue,
} from './in-memory.fakes';
import {
  DOSSIER,
  InMemoryNotifications,
  InMemorySmtp,
  RecordingNotificationQueue,
  UNITS,
} from './mail.fakes';
import { SendDailyDigest } from '../notifications/daily-digest.use-case';
import { DeliverNotification } from '../notifications/deliver-notification.use-case';
import { MailOutbox } from '../notifications/mail-outbox';
import { RelayNotifications } from '../notifications/relay-notifications.use-case';
import { StaffNotificationsReactor } from '../notifications/staff-notifications.reactor';

let n = 0;
export const uuid = () => `7a1c2a9e-2222-4c8e-9a3a-${String(++n).padStart(12, '0')}`;

export function mailWorld(
  now = '2025-03-05T09:00:00+07:00',
  recipients: Record<string, string[]> = {},
  worklist: WorklistRepository = { list: async () => [] } as unknown as WorklistRepository,
) {
  const clock = new FixedClock(Date.parse(now));
  const store = new InMemoryEventStore();
  const notifications = new InMemoryNotifications();
  const queue = new RecordingNotificationQueue();
  const smtp = new InMemorySmtp();
  const rules = fixedRulesProvider(undefined, UNITS);
  const config = {
    intake: { backdateAllowanceWorkingMinutes: 525_600, agencyCode: 'H57.12' },
    mail: { from: smtp.from, attempts: 3, backoffMs: 100 },
    notifications: { recipients },
    publicBaseUrl: 'https://motcua.example',
    worker: { relayStaleMs: 1000 },
    calendar: {
      profile: {
        name: 'default',
        sessions: [
          { start: '07:00', end: '11:30' },
          { start: '13:30', end: '17:00' },
        ],
      },
    },
  } as unknown as AppConfig;
  const intake = new RecordEvents(
    store as unknown as EventStore,
    new RecordingQueue() as unknown as DossierEventQueue,
    rules as unknown as RulesProvider,
    clock,
    new FixedCatalogue() as unknown as CatalogueService,
    new InMemoryCodeSequences() as unknown as DossierCodeSequences,
    config,
  );
  const repo = notifications as unknown as NotificationRepository;
  const q = queue as unknown as NotificationQueue;
  const outbox = new MailOutbox(repo, q, rules as unknown as RulesProvider, clock, config);
  const deliver = new DeliverNotification(
    repo,
    smtp as unknown as MailTransport,
    intake,
    rules as unknown as RulesProvider,
    clock,
  );
  const relay = new RelayNotifications(repo, q, deliver, clock, config);
  const reactor = new StaffNotificationsReactor(
    store as unknown as EventStore,
    rules as unknown as RulesProvider,
    outbox,
    clock,
    config,
  );
  const digest = new SendDailyDigest(worklist, rules as unknown as RulesProvider, outbox, q, clock, config);

  /** Logs events as the engine (or as admin for what people log) through the real intake. */
  const log = async (type: string, occurredAt: string, data: Record<string, unknown>, system = true) => {
    const [o] = await intake.process(
      [{ id: uuid(), dossierCode: DOSSIER, type, occurredAt: Date.parse(occurredAt), data } as never],
      system ? SYSTEM_PRINCIPAL : { username: 'admin', roles: ['admin'], units: ['*'] },
    );
    if (o.kind === 'rejected') throw o.error;
    return store.rows.at(-1)!;
  };
  /** Received Monday 2025-03-03 08:30 at the desk, forwarded to the division at 10:00: due Thu 06/03 08:30. */
  const receive = async () => {
    await log(
      'received',
      '2025-03-03T08:30:00+07:00',
      { procedureCode: 'P.1', channel: 'direct', applicant: { name: 'Nguyễn Văn An' } },
      false,
    );
    await log(
      'forwarded',
      '2025-03-03T10:00:00+07:00',
      { fromUnit: 'LDTBXH.MC', toUnit: 'LDTBXH.VLATLD', method: 'electronic' },
      false,
    );
  };
  return {
    clock,
    store,
    notifications,
    queue,
    smtp,
    config,
    intake,
    outbox,
    deliver,
    relay,
    reactor,
    digest,
    log,
    receive,
  };
}
