import { createHash } from 'node:crypto';
import type { Milestone } from '@motcua/sla';

/** RFC 9562 name-based UUID, version 5 (SHA-1), of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`not a UUID: ${namespace}`);
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** The namespace of the deadline tracker's event ids (a fixed random UUID: never change it). */
export const DEADLINE_EVENT_NAMESPACE = '3f6d8c2a-51b7-4e09-9a4d-7c1e2b8f0d53';

/**
 * The id of the `deadline_reached` event of one dossier, kind, step and deadline instant: the same on every
 * attempt (timer, sweep, another worker), so the event log stores it once and a second attempt finds it there.
 */
export function deadlineEventId(
  dossierCode: string,
  m: Pick<Milestone, 'kind' | 'at'> & { stepCode?: string | null },
): string {
  return uuidV5(
    `deadline_reached:${dossierCode}:${m.kind}:${m.stepCode ?? ''}:${m.at}`,
    DEADLINE_EVENT_NAMESPACE,
  );
}
