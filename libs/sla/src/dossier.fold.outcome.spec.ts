import { foldDossier } from './dossier.fold';
import { FIVE_DAY_PROCEDURE, at, context, ev, received } from './testing/sla-fixtures';
import type { SlaSettings } from './sla.settings';
import type { DossierEvent, ProcedureRules } from './sla.types';

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

describe('§7.1 datetime granularity: early needs a whole working day before the due instant', () => {
  // Hour-based: received Mon 06/01/2025 08:00, due Mon 13/01 08:00.
  const finishAt = (t: string, granularity: 'date' | 'datetime') =>
    foldDossier(
      [received('2025-01-06 08:00'), ev('result_ready', t, { outcome: 'approved' })],
      context(at('2025-01-20 09:00'), FIVE_DAY_PROCEDURE, { outcomeGranularity: granularity }),
    ).sla.outcome;

  it('one working day (480 min) ahead is early; less is on time, even on an earlier date', () => {
    expect(finishAt('2025-01-10 08:00', 'datetime')).toBe('early');
    expect(finishAt('2025-01-10 08:01', 'datetime')).toBe('on_time');
    expect(finishAt('2025-01-10 16:00', 'datetime')).toBe('on_time');
    expect(finishAt('2025-01-13 08:00', 'datetime')).toBe('on_time');
    expect(finishAt('2025-01-13 08:01', 'datetime')).toBe('late');
    // The date mode decides by local date alone.
    expect(finishAt('2025-01-10 16:00', 'date')).toBe('early');
    expect(finishAt('2025-01-13 16:00', 'date')).toBe('on_time');
  });
});

describe('§7.2 Decision 766 criterion 2.1: outcomeByInstant', () => {
  const fold = (events: DossierEvent[], settings: Partial<SlaSettings> = {}, rules = FIVE_DAY_PROCEDURE) =>
    foldDossier([received('2025-01-06 08:00'), ...events], context(at('2025-01-20 09:00'), rules, settings))
      .sla;
  const ready = (t: string) => ev('result_ready', t, { outcome: 'approved' });

  it('compares the finish with the due instant: after it is late, even on the due day', () => {
    expect(fold([ready('2025-01-13 08:01')])).toMatchObject({ outcome: 'on_time', outcomeByInstant: 'late' });
    expect(fold([ready('2025-01-13 08:00')])).toMatchObject({
      outcome: 'on_time',
      outcomeByInstant: 'on_time',
    });
    expect(fold([ready('2025-01-13 07:00')]).outcomeByInstant).toBe('on_time');
    expect(fold([ready('2025-01-10 16:59')])).toMatchObject({ outcome: 'early', outcomeByInstant: 'early' });
  });

  it('more than one supplement request is late, whatever extraSupplementCountsLate says', () => {
    const sut = fold(
      [
        ev('supplement_requested', '2025-01-06 09:00', { reason: 'x' }),
        ev('supplement_received', '2025-01-06 10:00', {}),
        ev('supplement_requested', '2025-01-06 11:00', { reason: 'y', override: true }),
        ev('supplement_received', '2025-01-06 13:30', {}),
        ready('2025-01-07 09:00'),
      ],
      { extraSupplementCountsLate: false },
    );
    expect(sut).toMatchObject({ outcome: 'early', outcomeByInstant: 'late' });
  });

  it('a dossier without a deadline follows noDeadlineCountsOnTime', () => {
    const none: ProcedureRules = { ...FIVE_DAY_PROCEDURE, duration: { value: 0, unit: 'none' } };
    expect(fold([ready('2025-03-01 09:00')], {}, none).outcomeByInstant).toBe('on_time');
    expect(
      fold([ready('2025-03-01 09:00')], { noDeadlineCountsOnTime: false }, none).outcomeByInstant,
    ).toBeNull();
  });

  it('withdrawal and stop end processing too (the 06a outcome leaves them out)', () => {
    const late = fold([ev('withdrawn', '2025-01-14 09:00', { reason: 'Công dân xin rút' })]);
    expect(late).toMatchObject({ outcome: null, outcomeByInstant: 'late' });
    expect(fold([ev('stopped', '2025-01-08 09:00', { reason: 'x' })]).outcomeByInstant).toBe('early');
  });

  it('an open dossier has none yet', () => {
    expect(fold([]).outcomeByInstant).toBeNull();
  });
});
