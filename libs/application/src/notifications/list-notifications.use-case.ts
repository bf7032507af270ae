import { Injectable } from '@nestjs/common';
import { formatInstant } from '@motcua/calendar';
import {
  notificationListQuerySchema,
  parseWith,
  type FieldProblem,
  type NotificationView,
  type Principal,
} from '@motcua/contracts';
import { NotificationRepository, type NotificationRecord } from '@motcua/database';
import { AppError } from '../app-error';

/**
 * `GET /api/v1/notifications`: every mail and letter to print, newest first, paged. Managers and administrators
 * see all; other users the mails addressed to their units and those about dossiers they may read (the dossiers'
 * scope: every unit a dossier passed through).
 */
@Injectable()
export class ListNotifications {
  constructor(private readonly repo: NotificationRepository) {}

  async list(
    query: unknown,
    principal: Principal,
  ): Promise<{ items: NotificationView[]; nextCursor: string | null }> {
    const parsed = parseWith(notificationListQuerySchema, query);
    const problems: FieldProblem[] = parsed.ok ? [] : [...parsed.problems];
    const cursor = (query as { cursor?: unknown } | null)?.cursor;
    const after = typeof cursor === 'string' ? decodeCursor(cursor) : undefined;
    if (after === null && !problems.some((p) => p.field === 'cursor'))
      problems.push({ field: 'cursor', problem: 'is not a cursor this API issued' });
    if (!parsed.ok || problems.length > 0) throw AppError.invalid(problems);
    const q = parsed.value;
    const rows = await this.repo.list({
      scope: seesAll(principal) ? '*' : principal.units,
      dossierCode: q.dossierCode,
      status: q.status,
      kind: q.kind,
      after: after ?? undefined,
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      items: page.map(view),
      nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null,
    };
  }
}

function seesAll(p: Principal): boolean {
  return p.units.includes('*') || p.roles.includes('admin') || p.roles.includes('manager');
}

function view(n: NotificationRecord): NotificationView {
  return {
    id: n.id,
    dossierCode: n.dossierCode,
    kind: n.kind,
    recipient: n.recipient,
    channel: n.channel,
    unitCode: n.unitCode,
    subject: n.subject,
    status: n.status,
    attempts: n.attempts,
    ...(n.lastError !== null ? { lastError: n.lastError } : {}),
    messageId: n.messageId,
    createdAt: formatInstant(n.createdAt),
    notBefore: formatInstant(n.notBefore),
    ...(n.sentAt !== null ? { sentAt: formatInstant(n.sentAt) } : {}),
    ...(n.failedAt !== null ? { failedAt: formatInstant(n.failedAt) } : {}),
  };
}

function encodeCursor(n: NotificationRecord): string {
  return Buffer.from(JSON.stringify({ t: n.createdAt, i: n.id })).toString('base64url');
}

function decodeCursor(s: string): { createdAt: number; id: string } | null {
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString()) as { t?: unknown; i?: unknown };
    return typeof v.t === 'number' &&
      Number.isFinite(v.t) &&
      typeof v.i === 'string' &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v.i)
      ? { createdAt: v.t, id: v.i }
      : null;
  } catch {
    return null;
  }
}
