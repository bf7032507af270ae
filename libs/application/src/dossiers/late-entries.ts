import type { WorkingCalendar } from '@motcua/calendar';
import type { DossierEventType } from '@motcua/contracts';
import type { StoredEvent } from '@motcua/database';
import { lateWorkingMinutes } from './intake-backdating';

export interface LateEntry {
  id: string;
  type: DossierEventType;
  occurredAt: number;
  recordedAt: number | null;
  actor: string | null;
  lateWorkingMinutes: number;
  reason: string | null;
}

/**
 * The events of a dossier recorded more than `allowance` working minutes after they happened (issue 7,
 * point 2), in recording order, with who recorded them and why (`data.backdateReason`). The lateness is the one
 * intake measured when it recorded the event; for events recorded before that was kept, it is counted now from
 * `occurredAt` to `recordedAt` on `calendarAt(recordedAt)`.
 */
export function lateEntriesOf(
  events: ReadonlyArray<StoredEvent>,
  allowance: number,
  calendarAt: (t: number) => WorkingCalendar,
): LateEntry[] {
  const out: LateEntry[] = [];
  for (const e of events) {
    const late =
      e.lateWorkingMinutes ??
      (e.recordedAt === undefined
        ? null
        : lateWorkingMinutes(e.occurredAt, e.recordedAt, calendarAt(e.recordedAt)));
    if (late === null || late <= allowance) continue;
    const reason = (e.data as { backdateReason?: unknown } | null)?.backdateReason;
    out.push({
      id: e.id,
      type: e.type as DossierEventType,
      occurredAt: e.occurredAt,
      recordedAt: e.recordedAt ?? null,
      actor: e.actor ?? null,
      lateWorkingMinutes: late,
      reason: typeof reason === 'string' ? reason : null,
    });
  }
  return out;
}
