import { Inject, Injectable, Logger } from '@nestjs/common';
import { formatInstant } from '@motcua/calendar';
import { validateEvent, type DossierEventInput } from '@motcua/contracts';
import { NotificationRepository, type AttemptOutcome, type NotificationRecord } from '@motcua/database';
import { deliveryError, MailDeliveryError, MailTransport } from '@motcua/mail';
import { CLOCK, type Clock } from '../clock';
import { RecordEvents } from '../dossiers/record-events.use-case';
import { SYSTEM_PRINCIPAL } from '../rules/rebase-dossiers.use-case';
import { RulesProvider } from '../rules/rules.provider';
import { notificationEventId } from './notification-ids';
import { officeOpening } from './office-hours';

/**
 * The relay did not take the mail this time (a 4xx answer, unreachable, the connection lost), or another worker
 * is sending it now: the job is retried with backoff.
 */
export class DeliveryDeferred extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeliveryDeferred';
  }
}

/** Which attempt of its job this is: the last one records a transient failure as final. */
export interface AttemptOf {
  /** 1 for the first. */
  number: number;
  last: boolean;
}

/** `held`: a staff mail whose attempt fell outside office hours waits for the next opening. */
export type DeliveryResult = 'sent' | 'failed' | 'to_print' | 'missing' | 'held';

const text = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/**
 * Delivers one mail of the outbox (the `notifications` queue's job): hands it to the SMTP relay with its
 * deterministic Message-ID, and records the outcome. A 5xx answer is a permanent failure; a 4xx answer, a relay
 * that cannot be reached or a connection lost before the answer is retried with backoff, up to MAIL_ATTEMPTS.
 * A staff mail is sent inside office hours only: an attempt that falls outside them holds it until the next
 * opening (the relay enqueues it then). On success `notification_sent`, on a permanent failure `notification_failed`, is logged in the dossier's
 * timeline through the intake as the system, with an id derived from the mail (logged twice, stored once).
 */
@Injectable()
export class DeliverNotification {
  private readonly log = new Logger('mail');

  constructor(
    private readonly repo: NotificationRepository,
    private readonly transport: MailTransport,
    private readonly intake: RecordEvents,
    private readonly rules: RulesProvider,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** One attempt; throws DeliveryDeferred when the job should be retried. */
  async deliver(notificationId: string, attempt: AttemptOf): Promise<DeliveryResult> {
    // A staff mail whose retry falls at night or on a holiday waits for the next opening, as its first try did.
    const pending = await this.repo.find(notificationId);
    if (pending?.status === 'pending' && pending.audience === 'staff') {
      const now = this.clock.now();
      const opening = await officeOpening(this.rules, now, this.log);
      if (opening > now) {
        await this.repo.hold(notificationId, opening);
        return 'held';
      }
    }
    const result = await this.repo.attempt(notificationId, (n) => this.send(n, attempt));
    switch (result.kind) {
      case 'missing':
        return 'missing';
      case 'busy':
        throw new DeliveryDeferred(`notification ${notificationId} is being sent by another worker`);
      case 'settled':
        // Sent or failed by an earlier attempt (a crash before its job ended): only its event may be missing.
        await this.logOutcomes([result.record]);
        return result.record.status === 'pending' ? 'missing' : result.record.status;
      case 'attempted':
        if (result.outcome.status === 'pending') throw new DeliveryDeferred(result.outcome.error);
        await this.logOutcomes([result.record]);
        return result.outcome.status;
    }
  }

  private async send(n: NotificationRecord, attempt: AttemptOf): Promise<AttemptOutcome> {
    try {
      await this.transport.send({
        messageId: n.messageId!,
        to: { address: n.recipient, name: n.recipientName ?? undefined },
        subject: n.subject,
        text: n.bodyText,
        html: n.bodyHtml ?? undefined,
        attachments: n.attachments ?? undefined,
        date: new Date(this.clock.now()),
      });
      return { status: 'sent', at: this.clock.now() };
    } catch (err) {
      const e = err instanceof MailDeliveryError ? err : deliveryError(err);
      if (e.permanent) {
        this.log.warn(`mail ${n.id} (${n.kind}) refused for good: ${e.message}`);
        return { status: 'failed', at: this.clock.now(), error: e.message };
      }
      if (attempt.last) {
        const error = `gave up after ${n.attempts} attempt(s): ${e.message}`;
        this.log.warn(`mail ${n.id} (${n.kind}) ${error}`);
        return { status: 'failed', at: this.clock.now(), error };
      }
      return { status: 'pending', error: e.message };
    }
  }

  /**
   * Logs the timeline event of each sent or failed mail about a dossier, then marks it logged. Never throws for
   * one mail the intake refuses for good (it is logged as a warning and marked, so it is not retried forever).
   */
  async logOutcomes(records: NotificationRecord[]): Promise<number> {
    const done: string[] = [];
    const todo: Array<{ r: NotificationRecord; e: DossierEventInput }> = [];
    for (const r of records) {
      if (r.dossierCode === null || r.loggedAt !== null || (r.status !== 'sent' && r.status !== 'failed'))
        continue;
      const e = eventOf(r);
      if (e) todo.push({ r, e });
      else {
        this.log.warn(`mail ${r.id} names no dossier the timeline can hold (${r.dossierCode})`);
        done.push(r.id);
      }
    }
    const late: typeof todo = [];
    const outcomes =
      todo.length > 0
        ? await this.intake.process(
            todo.map((t) => t.e),
            SYSTEM_PRINCIPAL,
          )
        : [];
    outcomes.forEach((o, i) => {
      const { r, e } = todo[i];
      // A 409 is the same id with another body: the event is on record already.
      if (o.kind !== 'rejected' || o.error.status === 409) done.push(r.id);
      else if (o.error.code === 'backdate_not_allowed') late.push({ r, e: eventOf(r, true)! });
      else {
        this.log.warn(`the timeline refused ${e.type} of mail ${r.id}: ${o.error.message}`);
        done.push(r.id);
      }
    });
    // Logged long after it happened (the worker was down): the engine says why, as any late entry must.
    if (late.length > 0) {
      const again = await this.intake.process(
        late.map((t) => t.e),
        SYSTEM_PRINCIPAL,
      );
      again.forEach((o, i) => {
        if (o.kind === 'rejected' && o.error.status !== 409)
          this.log.warn(`the timeline refused ${late[i].e.type} of mail ${late[i].r.id}: ${o.error.message}`);
        done.push(late[i].r.id);
      });
    }
    await this.repo.markLogged(done);
    return done.length;
  }
}

/** The `notification_sent` / `notification_failed` event of a settled mail, dated when it settled. */
function eventOf(r: NotificationRecord, late = false): DossierEventInput | null {
  const sent = r.status === 'sent';
  const at = (sent ? r.sentAt : r.failedAt) ?? r.createdAt;
  const data: Record<string, unknown> = {
    notificationId: r.id,
    kind: text(r.kind, 64),
    recipient: text(r.recipient, 320),
    ...(sent ? { messageId: text(r.messageId ?? '', 998) } : { error: text(r.lastError ?? 'failed', 2000) }),
    ...(late ? { backdateReason: 'Hệ thống ghi nhận muộn kết quả gửi thư (worker khởi động lại)' } : {}),
  };
  const v = validateEvent({
    id: notificationEventId(r.id, sent ? 'sent' : 'failed'),
    dossierCode: r.dossierCode,
    type: sent ? 'notification_sent' : 'notification_failed',
    occurredAt: formatInstant(at),
    data,
  });
  return v.ok ? v.event : null;
}
