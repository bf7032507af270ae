import { type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';

/** A file sent with a mail; `content` is text unless `encoding` says base64 (e.g. a PDF). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
  encoding?: 'base64' | 'utf8';
}

/** One mail as the transport hands it to the SMTP relay. */
export interface OutgoingMail {
  /** `<id@domain>`: the same on every attempt of one notification (messageIdFor). */
  messageId: string;
  to: { address: string; name?: string };
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  /** The Date header (the engine's clock). */
  date: Date;
}

/** The relay's acceptance ("250 …") of one mail. */
export interface Accepted {
  response: string;
}

/**
 * Why a mail was not accepted. `permanent`: the relay refused it for good (a 5xx answer other than 503, or a
 * mail that can never be sent as it is); otherwise retrying may succeed (a 4xx answer, the relay unreachable,
 * the connection lost before the answer).
 */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode: number | null,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

/** What nodemailer attaches to its errors (nodemailer's NodemailerError, read defensively). */
interface SmtpErrorFields {
  code?: unknown;
  response?: unknown;
  responseCode?: unknown;
  permanent?: unknown;
  message?: unknown;
}

/** Errors without an SMTP answer that no retry can mend: the mail itself cannot be sent as it is. */
const UNSENDABLE = new Set(['EENVELOPE', 'ECONFIG', 'EMAXRECIPIENTS', 'EFILEACCESS', 'EURLACCESS', 'EOTP']);

/** Classifies what nodemailer threw: RFC 5321 reply classes (5xx permanent except 503, 4xx transient). */
export function deliveryError(err: unknown): MailDeliveryError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SmtpErrorFields;
  const code = typeof e.code === 'string' ? e.code : null;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const response = typeof e.response === 'string' ? e.response.trim() : '';
  const message = typeof e.message === 'string' ? e.message : String(err);
  let permanent: boolean;
  if (responseCode !== null)
    permanent =
      typeof e.permanent === 'boolean'
        ? e.permanent
        : responseCode >= 500 && responseCode < 600 && responseCode !== 503;
  else permanent = code !== null && UNSENDABLE.has(code);
  const text = response || [code, message].filter(Boolean).join(': ');
  return new MailDeliveryError(text.slice(0, 1900), permanent, responseCode, code);
}

/** The Message-ID of a notification: derived from its row id, so every resend carries the same one. */
export function messageIdFor(notificationId: string, from: string): string {
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
  const domain = address.slice(address.lastIndexOf('@') + 1) || 'motcua.invalid';
  return `<${notificationId}@${domain}>`;
}

/** A bare address from `Name <address>` or an address. */
export function addressOf(mailbox: string): string {
  return /<([^<>]+)>\s*$/.exec(mailbox)?.[1] ?? mailbox.trim();
}

/**
 * SMTP through nodemailer (SMTP_URL): the one place that talks to the mail relay. No pool: each mail opens its
 * own connection, so a relay that restarts costs nothing but the attempt under way.
 */
export class MailTransport implements OnModuleDestroy {
  private readonly transporter: Transporter;

  constructor(
    smtpUrl: string,
    readonly from: string,
  ) {
    this.transporter = createTransport({
      url: smtpUrl,
      // A relay that does not answer must not hold a job for minutes: the attempt fails and is retried.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 60_000,
      dnsTimeout: 10_000,
    });
  }

  /** Hands the mail to the relay; resolves on its "250", throws a MailDeliveryError otherwise. */
  async send(mail: OutgoingMail): Promise<Accepted> {
    try {
      const info = (await this.transporter.sendMail({
        from: this.from,
        to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        date: mail.date,
        headers: { 'Auto-Submitted': 'auto-generated' },
        attachments: mail.attachments?.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
          encoding: a.encoding,
        })),
      })) as { response?: unknown };
      return { response: typeof info.response === 'string' ? info.response : '250' };
    } catch (err) {
      throw deliveryError(err);
    }
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }
}
