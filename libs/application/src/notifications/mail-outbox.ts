import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import { NotificationRepository, type NewNotification } from '@motcua/database';
import { messageIdFor } from '@motcua/mail';
import { NotificationQueue } from '@motcua/queue';
import { CLOCK, type Clock } from '../clock';
import { RulesProvider } from '../rules/rules.provider';
import { notificationId } from './notification-ids';
import { Notifier, type NotificationRequest } from './notifier';
import { officeOpening } from './office-hours';

/** A request as the engine's own use cases make it: the daily digest is about no single dossier. */
export type OutboxRequest = Omit<NotificationRequest, 'dossierCode'> & { dossierCode: string | null };

/** The mailbox as stored: trimmed, lower case (one row per mailbox, however it was written). */
export function mailbox(email: string): string {
  return email.trim().toLowerCase();
}

/** A letter to print: the addressee and the address, as the list shows it. */
function printLabel(p: { name: string; address?: string }): string {
  return p.address ? `${p.name.trim()} — ${p.address.trim()}` : p.name.trim();
}

/**
 * The Notifier: every mail is claimed as a row first (the outbox, unique per dossier, kind, key and recipient),
 * then delivered by a job of the `notifications` queue. Staff mails wait for office hours: one requested at night
 * or on a holiday is not sent before the next opening of the published calendar (the relay enqueues it then).
 * A letter for an applicant without a mailbox is stored to print (`to_print`) and never mailed.
 */
@Injectable()
export class MailOutbox extends Notifier {
  private readonly log = new Logger('mail');

  constructor(
    private readonly repo: NotificationRepository,
    private readonly queue: NotificationQueue,
    private readonly rules: RulesProvider,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async request(req: NotificationRequest): Promise<void> {
    await this.requestMany([req]);
  }

  /** Claims every request (those claimed before are ignored) and enqueues those that may leave now. */
  async requestMany(requests: OutboxRequest[]): Promise<{ claimed: string[] }> {
    if (requests.length === 0) return { claimed: [] };
    const now = this.clock.now();
    const opening = requests.some((r) => r.audience === 'staff') ? await this.openingAfter(now) : now;
    const rows = new Map<string, NewNotification>();
    for (const r of requests) {
      const row = this.rowOf(r, r.audience === 'staff' ? opening : now, now);
      if (!rows.has(row.id)) rows.set(row.id, row);
    }
    const claimed = await this.repo.claim([...rows.values()]);
    const ready = claimed.filter((id) => {
      const row = rows.get(id)!;
      return row.channel === 'email' && row.notBefore <= now;
    });
    if (ready.length > 0) {
      try {
        await this.queue.enqueue(ready);
        await this.repo.markJobSeen(ready);
      } catch (err) {
        // Claimed is safe: the relay enqueues rows that have no job.
        this.log.warn(`enqueue deferred to the relay: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return { claimed };
  }

  private openingAfter(now: number): Promise<number> {
    return officeOpening(this.rules, now, this.log);
  }

  private rowOf(r: OutboxRequest, notBefore: number, now: number): NewNotification {
    const email = 'email' in r.to;
    const recipient = 'email' in r.to ? mailbox(r.to.email) : printLabel(r.to.print);
    const id = notificationId(r.dossierCode, r.kind, r.key, recipient);
    return {
      id,
      dossierCode: r.dossierCode,
      kind: r.kind,
      key: r.key,
      recipient,
      recipientName: 'email' in r.to ? (r.to.name ?? null) : r.to.print.name,
      channel: email ? 'email' : 'print',
      audience: r.audience,
      unitCode: r.unitCode ?? null,
      subject: r.subject,
      bodyText: r.text,
      bodyHtml: r.html ?? null,
      attachments: r.attachments ?? null,
      status: email ? 'pending' : 'to_print',
      messageId: email ? messageIdFor(id, this.config.mail.from) : null,
      notBefore: email ? notBefore : now,
      createdAt: now,
    };
  }
}
