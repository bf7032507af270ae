import type { ProcedureVersionRecord } from '@motcua/database';
import type { ProcedureRules } from '@motcua/sla';

/** The version in force at `at`: a change applies to dossiers received after it (engineering-notes §5). */
export function versionAt(versions: ProcedureVersionRecord[], at: number): ProcedureVersionRecord | null {
  let best: ProcedureVersionRecord | null = null;
  for (const v of versions) if (v.effectiveFrom <= at && (!best || v.version > best.version)) best = v;
  return best;
}

/** The part of a published procedure that the SLA clock needs. */
export function toRules(v: ProcedureVersionRecord): ProcedureRules {
  const d = v.definition;
  return {
    code: v.code,
    version: v.version,
    leadUnitCode: d.leadUnitCode,
    duration: d.duration,
    supplementPolicy: d.supplementPolicy,
    pauseOnFinancialObligation: d.pauseOnFinancialObligation === true,
    ...(d.supplementDeadlineWorkingDays === undefined
      ? {}
      : { supplementDeadlineWorkingDays: d.supplementDeadlineWorkingDays }),
    steps: d.steps,
  };
}
