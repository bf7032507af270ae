import { foldDossier } from './dossier.fold';
import { FIVE_DAY_PROCEDURE, at, context, ev, received } from './testing/sla-fixtures';
import type { ProcedureRules } from './sla.types';

describe('outcome granularity (§7.1, §10.10)', () => {
  const dayBased = { workingDayModel: 'day_based' as const };
  const finishAt = (t: string, granularity: 'date' | 'datetime') =>
    foldDossier(
      [received('2025-01-06 08:00'), ev('result_ready', t, { outcome: 'approved' })],
      context(at('2025-01-20 09:00'), FIVE_DAY_PROCEDURE, { ...dayBased, outcomeGranularity: granularity }),
    ).sla.outcome;

  it('date granularity: 16:59 and 17:01 on the due day are both on time', () => {
    expect(finishAt('2025-01-13 16:59', 'date')).toBe('on_time');
    expect(finishAt('2025-01-13 17:01', 'date')).toBe('on_time');
    expect(finishAt('2025-01-10 17:01', 'date')).toBe('early');
    expect(finishAt('2025-01-14 07:01', 'date')).toBe('late');
  });

  it('datetime granularity: 17:01 on the due day is late', () => {
    expect(finishAt('2025-01-13 16:59', 'datetime')).toBe('on_time');
    expect(finishAt('2025-01-13 17:01', 'datetime')).toBe('late');
  });

  it('a procedure without a deadline counts as on time by default', () => {
    const none: ProcedureRules = { ...FIVE_DAY_PROCEDURE, duration: { value: 0, unit: 'none' } };
    const sut = foldDossier(
      [received('2025-01-06 08:00'), ev('result_ready', '2025-03-01 09:00', { outcome: 'approved' })],
      context(at('2025-03-02 09:00'), none),
    );
    expect(sut.dueAt).toBeNull();
    expect(sut.apology).toBeNull();
    expect(sut.sla.outcome).toBe('on_time');
  });
});
