import type { DossierStatus } from './sla.types';

/**
 * The one table from internal state to the national portal's TrangThaiHoSo (domain.md §3.2 A, §9.5).
 * `NEW` (events logged but no reception yet) is "awaiting reception", code 1.
 */
export const NATIONAL_STATUS_BY_STATE: Readonly<Record<DossierStatus, number>> = Object.freeze({
  NEW: 1,
  RECEIVED: 2,
  REFUSED_AT_RECEPTION: 3,
  IN_PROCESS: 4,
  SUPPLEMENT_REQUESTED: 5,
  WAITING_FINANCIAL_OBLIGATION: 6,
  WITHDRAWN: 7,
  STOPPED: 8,
  RESULT_READY: 9,
  RETURNED: 10,
});

export { DOSSIER_STATUSES } from '@motcua/contracts';

export const TERMINAL_STATUSES: ReadonlySet<DossierStatus> = new Set<DossierStatus>([
  'REFUSED_AT_RECEPTION',
  'WITHDRAWN',
  'STOPPED',
  'RETURNED',
]);

/** States in which the dossier is still being handled: the SLA fact `open` (sla-state.ts). */
export const OPEN_STATUSES: ReadonlySet<DossierStatus> = new Set<DossierStatus>([
  'RECEIVED',
  'IN_PROCESS',
  'SUPPLEMENT_REQUESTED',
  'WAITING_FINANCIAL_OBLIGATION',
]);

/** States in which the processing clock is finished (result ready counts: processing ended, §7.1). */
export const FINISHED_STATUSES: ReadonlySet<DossierStatus> = new Set<DossierStatus>([
  'REFUSED_AT_RECEPTION',
  'WITHDRAWN',
  'STOPPED',
  'RESULT_READY',
  'RETURNED',
]);

export function nationalStatusOf(state: DossierStatus): number {
  return NATIONAL_STATUS_BY_STATE[state];
}
