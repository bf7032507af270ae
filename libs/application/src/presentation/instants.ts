import { formatInstant } from '@motcua/calendar';

const INSTANT_KEYS = new Set([
  'receivedAt',
  'submittedAt',
  'receptionDueAt',
  'effectiveStartAt',
  'dueAt',
  'rescheduledDueAt',
  'warningAt',
  'finishedAt',
  'returnedAt',
  'startedAt',
  'endedAt',
  'issuedAt',
  'newDueAt',
  'deadline',
  'occurredAt',
  'at',
  'apologyDeadline',
  'effectiveFrom',
  'supplementDueAt',
  'nextDeadlineAt',
]);

/** Turns epoch-ms fields (by name) into ISO instants with +07:00, deeply; everything else passes through. */
export function present<T>(value: T, extraKeys: string[] = []): T {
  const keys = new Set([...INSTANT_KEYS, ...extraKeys]);
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'number' && key !== undefined && keys.has(key)) return formatInstant(v);
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, k);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}
