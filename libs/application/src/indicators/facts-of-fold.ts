import type { IndicatorSettings } from '@motcua/contracts';
import type { StoredEvent } from '@motcua/database';
import { dossierFactsOf, type DossierFacts } from '@motcua/indicators';
import type { StoredFold } from '../dossiers/dossier-fold';
import type { Rules } from '../rules/rules.provider';

/**
 * A dossier's indicator facts from its fold: the catalogue facts of the procedure version it was received under, and
 * its processing time on the calendar its dates count with (§7.3 2.2: effective start to finish, pauses excluded).
 */
export function factsOfFold(
  fold: StoredFold,
  events: ReadonlyArray<StoredEvent>,
  rules: Rules,
  settings: IndicatorSettings,
): { leadUnit: string | null; facts: DossierFacts | null } {
  const { state } = fold;
  const version =
    state.procedureCode === null || fold.version === null
      ? null
      : ((rules.procedures.get(state.procedureCode) ?? []).find((v) => v.version === fold.version) ?? null);
  const procedure = version?.definition ?? null;
  const start = state.effectiveStartAt ?? state.receivedAt;
  const processingMinutes =
    state.finishedAt === null || start === null
      ? null
      : Math.max(
          0,
          fold.published.calendar.workingMinutesBetween(start, state.finishedAt) -
            state.pauses.reduce((n, p) => n + p.workingMinutes, 0),
        );
  const facts = dossierFactsOf({
    state,
    procedure,
    events: events.map((e) => ({
      type: e.type,
      occurredAt: e.occurredAt,
      recordedAt: e.recordedAt ?? e.occurredAt,
    })),
    processingMinutes,
    lateEntryHours: settings.lateEntryHours,
  });
  return { leadUnit: procedure?.leadUnitCode ?? null, facts };
}
