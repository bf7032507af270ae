import { SYSTEM_EVENT_TYPES, type DossierEventType, type Role } from './vocabulary';

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
  // Logged only by the engine itself (`Principal.system`), never by a user, whatever its role.
  deadline_reached: [],
  apology_drafted: [],
  notification_sent: [],
  notification_failed: [],
};

/**
 * Events the receiving desk logs for its citizens even while another unit holds the dossier; for
 * `apology_issued` (unit heads only) that is the head of the desk signing in the centre's name (domain.md §2).
 * A withdrawal is not one of them: the applicant asks, the agency holding the dossier accepts (§3.5).
 */
export const DESK_EVENTS: ReadonlySet<DossierEventType> = new Set<DossierEventType>([
  'supplement_received',
  'obligation_fulfilled',
  'paid',
  'digitized',
  'returned',
  'rated',
  'apology_issued',
]);

/**
 * Events the unit named responsible for the delay may log while another unit holds the dossier: the agency
 * that caused the delay issues the apology (domain.md §5.1, §5.5). The caller passes that unit only when the
 * dossier passed through it.
 */
export const RESPONSIBLE_UNIT_EVENTS: ReadonlySet<DossierEventType> = new Set<DossierEventType>([
  'apology_issued',
]);

export interface Principal {
  username: string;
  roles: Role[];
  units: string[];
  /** The engine acting on its own (tracker, mail sender); no token ever carries it. */
  system?: true;
}

export function hasUnit(p: Principal, unit: string | null | undefined): boolean {
  return p.units.includes('*') || (unit !== null && unit !== undefined && p.units.includes(unit));
}

/**
 * May `p` log `type` on a dossier held by `currentUnit` and received at `receivingUnit`? `responsibleUnit` is
 * the unit an apology names as responsible for the delay, passed only when the dossier passed through it.
 */
export function mayLog(
  p: Principal,
  type: DossierEventType,
  currentUnit: string | null,
  receivingUnit: string | null,
  responsibleUnit: string | null = null,
): boolean {
  if ((SYSTEM_EVENT_TYPES as readonly string[]).includes(type)) return p.system === true;
  if (!p.roles.some((r) => EVENT_ROLES[type].includes(r))) return false;
  if (hasUnit(p, currentUnit)) return true;
  if (DESK_EVENTS.has(type) && hasUnit(p, receivingUnit)) return true;
  return RESPONSIBLE_UNIT_EVENTS.has(type) && hasUnit(p, responsibleUnit);
}

/** Roles that may date an event further back than the allowance, with `data.backdateReason` (issue 7). */
export const BACKDATE_ROLES: readonly Role[] = ['unit_head', 'admin'];

export function mayBackdate(p: Principal): boolean {
  return p.roles.some((r) => BACKDATE_ROLES.includes(r));
}
