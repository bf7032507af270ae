/** Helpers of the mail tests: system events through the intake, the outbox's rows, the mail queue. */
import { Queue } from 'bullmq';
import { Notifier, RecordEvents, SYSTEM_PRINCIPAL, type NotificationRequest } from '@motcua/application';
import { validateEvent } from '@motcua/contracts';
import { NOTIFICATIONS_QUEUE, queuePrefix, redisOptions } from '@motcua/queue';
import { event, type EventBody } from './events';
import type { Harness } from './harness';

/** The mail settings of the tests: fast retries (200 ms doubling), a relay pass every 100 ms. */
export function mailConfig(smtpUrl: string, base: Harness['config'] | null = null) {
  return {
    smtpUrl,
    publicBaseUrl: 'https://motcua.example',
    mail: { from: 'Bộ phận Một cửa <motcua@motcua.example>', attempts: 6, backoffMs: 200 },
    ...(base ? { worker: { ...base.worker, relayIntervalMs: 100, relayStaleMs: 1000 } } : {}),
  };
}

/** Logs an event as the engine itself (what the tracker and the apology do), through the API's intake. */
export async function logAsSystem(h: Harness, body: EventBody): Promise<void> {
  const v = validateEvent(body);
  if (!v.ok) throw new Error(`invalid event: ${JSON.stringify(v.problems)}`);
  const [o] = await h.api.get(RecordEvents).process([v.event], SYSTEM_PRINCIPAL);
  if (o.kind === 'rejected') throw new Error(`${o.error.code}: ${o.error.message}`);
}

/** `deadline_reached` as the tracker logs it: `at` is the deadline, occurredAt when it acted. */
export const deadlineReached = (
  code: string,
  occurredAt: string,
  kind: string,
  at = occurredAt,
  extra: Record<string, unknown> = {},
) => event(code, 'deadline_reached', occurredAt, { kind, at, ...extra });

/** The API app's Notifier (the port the tracker and the apology put their mails through). */
export function notifier(h: Harness): Notifier {
  return h.api.get(Notifier);
}

export const applicantMail = (code: string, email: string, key = 'k1'): NotificationRequest => ({
  dossierCode: code,
  kind: 'apology_letter',
  key,
  to: { email, name: 'Nguyễn Văn An' },
  subject: `Thư xin lỗi về hồ sơ ${code}`,
  text: 'Kính gửi Ông/Bà Nguyễn Văn An, …',
  audience: 'applicant',
});

export interface Row {
  id: string;
  dossier_code: string | null;
  kind: string;
  recipient: string;
  status: string;
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  not_before: Date;
  sent_at: Date | null;
  unit_code: string | null;
}

export function rows(h: Harness, where = 'true', params: unknown[] = []): Promise<Row[]> {
  return h.query<Row>(`SELECT * FROM notifications WHERE ${where} ORDER BY created_at, recipient`, params);
}

/** The worker's `notifications` queue of this test's database, to look at or to tamper with. */
export function mailQueue(h: Harness): Queue {
  return new Queue(NOTIFICATIONS_QUEUE, {
    connection: redisOptions(h.redisUrl, { maxRetriesPerRequest: 1 }),
    prefix: queuePrefix(h.databaseUrl),
  });
}

/** `17/03/2025 08:30` from an ISO instant with +07:00, as the templates write it. */
export function vn(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}
