import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The outbox of mails (issue 8): each mail is claimed here before anything is sent, one row per dossier, kind,
 * key and recipient (the id is derived from those four, so a request made twice finds its row), then delivered
 * by a job of the `notifications` queue. A letter to print for an applicant without a mailbox is a row too.
 */
@Entity('notifications')
@Index('notifications_one_per_key', ['dossierCode', 'kind', 'key', 'recipient'], { unique: true })
// The relay: mails that may leave now and have no job yet, or whose job may be lost.
@Index('notifications_pending', ['notBefore'], { where: `status = 'pending'` })
// The relay: sent or failed mails whose timeline event is not logged yet.
@Index('notifications_unlogged', ['id'], {
  where: `logged_at IS NULL AND status IN ('sent', 'failed') AND dossier_code IS NOT NULL`,
})
// GET /api/v1/notifications: newest first.
@Index('notifications_created', ['createdAt', 'id'])
export class NotificationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** Null for a mail about no single dossier (the daily digest). */
  @Column({ name: 'dossier_code', type: 'text', nullable: true })
  dossierCode!: string | null;

  /** `due_soon`, `overdue`, `step_overdue`, `apology_awaiting_signature`, `reappointment_missed`, `daily_digest`, … */
  @Column({ type: 'text' })
  kind!: string;

  /** What makes this mail one for its dossier, kind and recipient: usually the deadline it is about. */
  @Column({ type: 'text' })
  key!: string;

  /** The mailbox (lower case), or for a letter to print the addressee's name and address. */
  @Column({ type: 'text' })
  recipient!: string;

  @Column({ name: 'recipient_name', type: 'text', nullable: true })
  recipientName!: string | null;

  /** `email`, or `print` for a letter to print. */
  @Column({ type: 'text' })
  channel!: string;

  /** `staff` mails wait for office hours; `applicant` ones do not. */
  @Column({ type: 'text' })
  audience!: string;

  /** The unit the mail is addressed to (staff mails): who may list it besides the dossier's readers. */
  @Column({ name: 'unit_code', type: 'text', nullable: true })
  unitCode!: string | null;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'body_text', type: 'text' })
  bodyText!: string;

  @Column({ name: 'body_html', type: 'text', nullable: true })
  bodyHtml!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  attachments!: unknown;

  /** `pending`, `sent`, `failed`, or `to_print`. */
  @Column({ type: 'text' })
  status!: string;

  /** Delivery attempts begun (counted before the relay is called, so one cut short by a crash counts). */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** The Message-ID header, derived from the id: the same on every resend. Null for a letter to print. */
  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId!: string | null;

  /** Not sent before this instant (the next opening for a staff mail requested out of office hours). */
  @Column({ name: 'not_before', type: 'timestamptz' })
  notBefore!: Date;

  /** When it was requested, by the engine's clock. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt!: Date | null;

  /** When a delivery job was last known to exist for it (enqueued, or seen by the relay); null: none yet. */
  @Column({ name: 'job_seen_at', type: 'timestamptz', nullable: true })
  jobSeenAt!: Date | null;

  /** When its `notification_sent` or `notification_failed` event was logged in the dossier's timeline. */
  @Column({ name: 'logged_at', type: 'timestamptz', nullable: true })
  loggedAt!: Date | null;
}
