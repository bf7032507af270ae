import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export type NotificationStatus = 'pending' | 'sent' | 'failed' | 'to_print';
export type NotificationChannel = 'email' | 'print';

export interface NotificationAttachment {
  filename: string;
  contentType: string;
  content: string;
  encoding?: 'base64' | 'utf8';
}

/** A notification as stored; instants as epoch ms. */
export interface NotificationRecord {
  id: string;
  dossierCode: string | null;
  kind: string;
  key: string;
  recipient: string;
  recipientName: string | null;
  channel: NotificationChannel;
  audience: 'staff' | 'applicant';
  unitCode: string | null;
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  attachments: NotificationAttachment[] | null;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  notBefore: number;
  createdAt: number;
  sentAt: number | null;
  failedAt: number | null;
  loggedAt: number | null;
}

/** A claim: the row as requested (`attempts`, `lastError`, the instants of delivery start empty). */
export type NewNotification = Omit<
  NotificationRecord,
  'attempts' | 'lastError' | 'sentAt' | 'failedAt' | 'loggedAt'
>;

/** What one delivery attempt ended with. */
export type AttemptOutcome =
  | { status: 'sent'; at: number }
  | { status: 'failed'; at: number; error: string }
  | { status: 'pending'; error: string };

export type AttemptResult =
  /** Another process holds the row (it is sending it now). */
  | { kind: 'busy' }
  | { kind: 'missing' }
  /** Not pending any more: sent, failed or a letter to print. */
  | { kind: 'settled'; record: NotificationRecord }
  | { kind: 'attempted'; record: NotificationRecord; outcome: AttemptOutcome };

export interface NotificationFilter {
  /** `*`, or the caller's units: mails addressed to them, or about dossiers that passed through them. */
  scope: '*' | string[];
  dossierCode?: string;
  status?: NotificationStatus;
  kind?: string;
  /** Resume after this row (the previous page's last). */
  after?: { createdAt: number; id: string };
  limit: number;
}

type Row = {
  id: string;
  dossier_code: string | null;
  kind: string;
  key: string;
  recipient: string;
  recipient_name: string | null;
  channel: NotificationChannel;
  audience: 'staff' | 'applicant';
  unit_code: string | null;
  subject: string;
  body_text: string;
  body_html: string | null;
  attachments: NotificationAttachment[] | null;
  status: NotificationStatus;
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  not_before: Date;
  created_at: Date;
  sent_at: Date | null;
  failed_at: Date | null;
  logged_at: Date | null;
};

const COLUMNS = `id, dossier_code, kind, key, recipient, recipient_name, channel, audience, unit_code, subject,
  body_text, body_html, attachments, status, attempts, last_error, message_id, not_before, created_at, sent_at,
  failed_at, logged_at`;

const ms = (d: Date | null) => (d === null ? null : d.getTime());

function recordOf(r: Row): NotificationRecord {
  return {
    id: r.id,
    dossierCode: r.dossier_code,
    kind: r.kind,
    key: r.key,
    recipient: r.recipient,
    recipientName: r.recipient_name,
    channel: r.channel,
    audience: r.audience,
    unitCode: r.unit_code,
    subject: r.subject,
    bodyText: r.body_text,
    bodyHtml: r.body_html,
    attachments: r.attachments,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    messageId: r.message_id,
    notBefore: r.not_before.getTime(),
    createdAt: r.created_at.getTime(),
    sentAt: ms(r.sent_at),
    failedAt: ms(r.failed_at),
    loggedAt: ms(r.logged_at),
  };
}

/** The advisory-lock class of a notification being sent (the second key is hashtext(id)). */
const SENDING_LOCK = 8_008;

/**
 * The outbox of mails. A request is claimed by inserting its row (the id is derived from dossier, kind, key and
 * recipient, so claiming twice inserts once); delivery jobs then send it. An attempt holds a session advisory
 * lock on the row for as long as it talks to the relay: a second worker that got the same job (a stall) finds it
 * busy, and a worker that dies releases it with its connection.
 */
@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Inserts the rows not claimed yet; returns the ids of those inserted now. */
  async claim(rows: NewNotification[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const inserted: Array<{ id: string }> = await this.db.query(
      `INSERT INTO notifications (id, dossier_code, kind, key, recipient, recipient_name, channel, audience,
              unit_code, subject, body_text, body_html, attachments, status, message_id, not_before, created_at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, dossier_code text, kind text, key text,
              recipient text, recipient_name text, channel text, audience text, unit_code text, subject text,
              body_text text, body_html text, attachments jsonb, status text, message_id text,
              not_before timestamptz, created_at timestamptz)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        JSON.stringify(
          rows.map((r) => ({
            id: r.id,
            dossier_code: r.dossierCode,
            kind: r.kind,
            key: r.key,
            recipient: r.recipient,
            recipient_name: r.recipientName,
            channel: r.channel,
            audience: r.audience,
            unit_code: r.unitCode,
            subject: r.subject,
            body_text: r.bodyText,
            body_html: r.bodyHtml,
            attachments: r.attachments,
            status: r.status,
            message_id: r.messageId,
            not_before: new Date(r.notBefore).toISOString(),
            created_at: new Date(r.createdAt).toISOString(),
          })),
        ),
      ],
    );
    return inserted.map((r) => r.id);
  }

  async find(id: string): Promise<NotificationRecord | null> {
    const rows: Row[] = await this.db.query(`SELECT ${COLUMNS} FROM notifications WHERE id = $1`, [id]);
    return rows.length > 0 ? recordOf(rows[0]) : null;
  }

  /** Records that a delivery job exists for these rows (just enqueued, or seen alive by the relay). */
  async markJobSeen(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(`UPDATE notifications SET job_seen_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Mails that may leave at `now` and never got a job (their time came, or the enqueue after the claim failed). */
  async dueWithoutJob(now: number, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM notifications
        WHERE status = 'pending' AND channel = 'email' AND job_seen_at IS NULL AND not_before <= $1
        ORDER BY not_before, id LIMIT $2`,
      [new Date(now), limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Holds a pending mail until `notBefore` (a staff mail whose retry fell outside office hours): its job ends,
   * and the relay enqueues it again when the time comes.
   */
  async hold(id: string, notBefore: number): Promise<void> {
    await this.db.query(
      `UPDATE notifications SET not_before = $2, job_seen_at = NULL WHERE id = $1 AND status = 'pending'`,
      [id, new Date(notBefore)],
    );
  }

  /** Pending mails whose job was last known to exist more than `olderThanMs` ago: the relay asks the queue. */
  async jobsToCheck(olderThanMs: number, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM notifications
        WHERE status = 'pending' AND channel = 'email'
          AND job_seen_at < now() - make_interval(secs => $1::double precision / 1000)
        ORDER BY job_seen_at LIMIT $2`,
      [olderThanMs, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Those of these mails still pending and not held (read after their job was seen finished, which settles a sent
   * row, or holds a staff mail until the office opens, first): only these lost their job.
   */
  async pendingWithJob(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM notifications WHERE id = ANY($1::uuid[]) AND status = 'pending' AND job_seen_at IS NOT NULL`,
      [ids],
    );
    return rows.map((r) => r.id);
  }

  /** The relay saw these rows' jobs (alive, or re-driven); a row held meanwhile stays held (job_seen_at NULL). */
  async markChecked(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(
      `UPDATE notifications SET job_seen_at = now() WHERE id = ANY($1::uuid[]) AND job_seen_at IS NOT NULL`,
      [ids],
    );
  }

  /**
   * One delivery attempt of a pending mail: counts it, runs `send` while holding the row's sending lock, and
   * stores what it ended with. A crash after the relay's "250" and before the store leaves the row pending: the
   * next attempt sends it again, with the same Message-ID.
   */
  async attempt(
    id: string,
    send: (record: NotificationRecord) => Promise<AttemptOutcome>,
  ): Promise<AttemptResult> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [lock] = (await runner.query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [
        SENDING_LOCK,
        id,
      ])) as Array<{ locked: boolean }>;
      if (!lock.locked) return { kind: 'busy' };
      try {
        const counted = (await runner.query(
          `WITH counted AS (
             UPDATE notifications SET attempts = attempts + 1
              WHERE id = $1 AND status = 'pending' AND channel = 'email'
             RETURNING ${COLUMNS})
           SELECT * FROM counted`,
          [id],
        )) as Row[];
        if (counted.length === 0) {
          const record = await this.find(id);
          return record ? { kind: 'settled', record } : { kind: 'missing' };
        }
        const outcome = await send(recordOf(counted[0]));
        const stored = (await runner.query(
          `WITH done AS (
             UPDATE notifications
                SET status = $2,
                    sent_at = CASE WHEN $2 = 'sent' THEN $3::timestamptz ELSE sent_at END,
                    failed_at = CASE WHEN $2 = 'failed' THEN $3::timestamptz ELSE failed_at END,
                    last_error = $4
              WHERE id = $1
             RETURNING ${COLUMNS})
           SELECT * FROM done`,
          [
            id,
            outcome.status,
            outcome.status === 'pending' ? null : new Date(outcome.at),
            outcome.status === 'sent' ? counted[0].last_error : outcome.error,
          ],
        )) as Row[];
        return { kind: 'attempted', record: recordOf(stored[0]), outcome };
      } finally {
        await runner
          .query('SELECT pg_advisory_unlock($1, hashtext($2))', [SENDING_LOCK, id])
          .catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  }

  /** Sent or failed mails about a dossier whose timeline event is not logged yet, oldest first. */
  async unlogged(limit: number): Promise<NotificationRecord[]> {
    const rows: Row[] = await this.db.query(
      `SELECT ${COLUMNS} FROM notifications
        WHERE logged_at IS NULL AND status IN ('sent', 'failed') AND dossier_code IS NOT NULL
        ORDER BY created_at, id LIMIT $1`,
      [limit],
    );
    return rows.map(recordOf);
  }

  async markLogged(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(
      `UPDATE notifications SET logged_at = now() WHERE id = ANY($1::uuid[]) AND logged_at IS NULL`,
      [ids],
    );
  }

  /** A page of notifications, newest first, within the caller's scope. */
  async list(f: NotificationFilter): Promise<NotificationRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (f.scope !== '*') {
      const units = param(f.scope);
      where.push(
        `(n.unit_code = ANY(${units}::text[]) OR EXISTS (
           SELECT 1 FROM dossiers d WHERE d.code = n.dossier_code AND d.units && ${units}::text[]))`,
      );
    }
    if (f.dossierCode !== undefined) where.push(`n.dossier_code = ${param(f.dossierCode)}`);
    if (f.status !== undefined) where.push(`n.status = ${param(f.status)}`);
    if (f.kind !== undefined) where.push(`n.kind = ${param(f.kind)}`);
    if (f.after)
      where.push(
        `(n.created_at, n.id) < (${param(new Date(f.after.createdAt).toISOString())}::timestamptz, ${param(f.after.id)}::uuid)`,
      );
    const rows: Row[] = await this.db.query(
      `SELECT ${COLUMNS.split(',')
        .map((c) => `n.${c.trim()}`)
        .join(', ')}
         FROM notifications n ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY n.created_at DESC, n.id DESC LIMIT ${param(f.limit)}`,
      params,
    );
    return rows.map(recordOf);
  }
}
