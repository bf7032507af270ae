import type { DossierEventType, Role } from './vocabulary';

/** Which roles may log each event type (domain.md §2). Managers read and report; they log nothing. */
export const EVENT_ROLES: Readonly<Record<DossierEventType, readonly Role[]>> = {
  received: ['officer', 'admin'],
  refused_at_reception: ['officer', 'admin'],
  forwarded: ['officer', 'specialist', 'unit_head', 'admin'],
  supplement_requested: ['officer', 'specialist', 'unit_head', 'admin'],
  supplement_received: ['officer', 'admin'],
  obligation_requested: ['officer', 'specialist', 'unit_head', 'admin'],
  obligation_fulfilled: ['officer', 'admin'],
  paid: ['officer', 'admin'],
  digitized: ['officer', 'specialist', 'admin'],
  apology_issued: ['unit_head', 'admin'],
  result_ready: ['officer', 'specialist', 'unit_head', 'admin'],
  returned: ['officer', 'admin'],
  withdrawn: ['officer', 'unit_head', 'admin'],
  stopped: ['unit_head', 'admin'],
  rated: ['officer', 'admin'],
  rules_rebased: ['admin'],
};

/** Events the receiving desk logs for its citizens even while another unit holds the dossier. */
export const DESK_EVENTS: ReadonlySet<DossierEventType> = new Set<DossierEventType>([
  'supplement_received',
  'obligation_fulfilled',
  'paid',
  'digitized',
  'returned',
  'rated',
  'withdrawn',
]);

export interface Principal {
  username: string;
  roles: Role[];
  units: string[];
}

export function hasUnit(p: Principal, unit: string | null | undefined): boolean {
  return p.units.includes('*') || (unit !== null && unit !== undefined && p.units.includes(unit));
}

/** May `p` log `type` on a dossier held by `currentUnit` and received at `receivingUnit`? */
export function mayLog(
  p: Principal,
  type: DossierEventType,
  currentUnit: string | null,
  receivingUnit: string | null,
): boolean {
  if (!p.roles.some((r) => EVENT_ROLES[type].includes(r))) return false;
  if (hasUnit(p, currentUnit)) return true;
  return DESK_EVENTS.has(type) && hasUnit(p, receivingUnit);
}
