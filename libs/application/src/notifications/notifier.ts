import type { MailAttachment } from '@motcua/mail';

/** One mail the engine wants delivered (issue 8): who gets it, what it says, and what makes it unique. */
export interface NotificationRequest {
  dossierCode: string;
  /** What the mail is about: `due_soon`, `overdue`, `step_overdue`, `apology_awaiting_signature`, `apology_letter`, … */
  kind: string;
  /**
   * With (dossierCode, kind, recipient), what makes this mail one: usually the deadline it is about. A request
   * with a key already requested is ignored, so a reactor that sees an event twice sends one mail.
   */
  key: string;
  /** A mailbox, or a letter to print for an applicant without one. */
  to: { email: string; name?: string } | { print: { name: string; address?: string } };
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  /** Staff mails wait for office hours (a warning at night leaves at the next opening); applicants' go at once. */
  audience: 'staff' | 'applicant';
  /** The unit a staff mail is addressed to: its users may list the mail (GET /api/v1/notifications). */
  unitCode?: string;
}

/**
 * Where use cases put the mails they want sent: stored first (unique per dossier, kind, key and recipient), then
 * delivered by the worker with retries. The mail capability binds the implementation.
 */
export abstract class Notifier {
  abstract request(req: NotificationRequest): Promise<void>;
}
