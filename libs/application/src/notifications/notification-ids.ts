import { createHash } from 'node:crypto';

/** An RFC 9562 version-8 (custom) UUID made of the SHA-256 of `name`: the same name, the same id. */
export function nameUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The row id of a mail: one per dossier, kind, key and recipient (the outbox's uniqueness, as an id). */
export function notificationId(
  dossierCode: string | null,
  kind: string,
  key: string,
  recipient: string,
): string {
  return nameUuid(`notification:${JSON.stringify([dossierCode, kind, key, recipient])}`);
}

/** The id of the timeline event that records a mail's outcome: logging it twice logs it once. */
export function notificationEventId(id: string, outcome: 'sent' | 'failed'): string {
  return nameUuid(`notification_${outcome}:${id}`);
}
