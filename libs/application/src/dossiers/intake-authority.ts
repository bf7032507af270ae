import { mayLog, type DossierEventType, type Principal } from '@motcua/contracts';
import type { DossierState } from '@motcua/sla';
import { AppError } from '../app-error';
import { routeUnits } from './dossier.presenter';

/** A reception: the caller must be a receiving officer (or admin) of the procedure's receiving unit. */
export function receptionAuthority(
  type: DossierEventType,
  principal: Principal,
  receivingUnit: string,
): AppError | null {
  if (mayLog(principal, type, receivingUnit, receivingUnit)) return null;
  return AppError.forbidden(`you may not log ${type} for unit ${receivingUnit}`);
}

/**
 * Any later event: the role × event table and its unit scope (libs/contracts `permissions.ts`, the README's
 * table): the unit holding the dossier; the receiving desk for its desk events; and for an apology, the unit it
 * names as responsible for the delay when the dossier passed through that unit (domain.md §5.1, §5.5).
 */
export function eventAuthority(
  e: { type: DossierEventType; dossierCode: string; data: unknown },
  principal: Principal,
  state: DossierState,
): AppError | null {
  const receivingUnit = state.steps[0]?.unitCode ?? state.unitCode;
  const named = e.type === 'apology_issued' ? (e.data as { responsibleUnit?: string }).responsibleUnit : null;
  const responsible = named && routeUnits(state).includes(named) ? named : null;
  if (mayLog(principal, e.type, state.unitCode, receivingUnit, responsible)) return null;
  return AppError.forbidden(
    `you may not log ${e.type} for dossier ${e.dossierCode} held by ${state.unitCode ?? 'no unit'}`,
  );
}
