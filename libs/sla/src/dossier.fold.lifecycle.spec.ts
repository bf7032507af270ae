import fc from 'fast-check';
import { foldDossier } from './dossier.fold';
import { at, context, ev, fmt, received } from './testing/sla-fixtures';
import type { DossierEvent } from './sla.types';

describe('foldDossier: a dossier through its whole life', () => {
  // Due: Mon 06/01/2025 08:00 + 5 × 8 working hours = Mon 13/01/2025 08:00.
  const life = (): DossierEvent[] => [
    received('2025-01-06 08:00'),
    ev('forwarded', '2025-01-06 10:00', {
      fromUnit: 'LDTBXH.MC',
      toUnit: 'LDTBXH.VLATLD',
      method: 'electronic',
    }),
    ev('paid', '2025-01-06 10:05', { amountVnd: 600000, method: 'online' }),
    ev('forwarded', '2025-01-08 09:00', {
      fromUnit: 'LDTBXH.VLATLD',
      toUnit: 'LDTBXH.VP',
      method: 'electronic',
    }),
    ev('forwarded', '2025-01-09 09:00', { fromUnit: 'LDTBXH.VP', toUnit: 'LDTBXH.MC', method: 'electronic' }),
    ev('result_ready', '2025-01-09 10:00', { outcome: 'approved', electronicResult: true }),
    ev('digitized', '2025-01-09 10:10', { result: true, components: 3 }),
    ev('returned', '2025-01-10 08:00', { method: 'desk' }),
    ev('rated', '2025-01-10 08:05', { rating: 'very_satisfied' }),
  ];

  it('reaches RETURNED, early, with every step on its clock', () => {
    const sut = foldDossier(life(), context(at('2025-01-20 09:00')));
    expect(sut.status).toBe('RETURNED');
    expect(sut.nationalStatus).toBe(10);
    expect(fmt(sut.dueAt)).toBe('2025-01-13T08:00:00+07:00');
    expect(fmt(sut.finishedAt)).toBe('2025-01-09T10:00:00+07:00');
    expect(sut.sla).toEqual({
      state: 'closed',
      remainingWorkingMinutes: 840,
      pausedWorkingMinutes: 0,
      outcome: 'early',
      outcomeByInstant: 'early',
    });
    expect(sut.steps.map((s) => [s.code, s.unitCode, s.outcome])).toEqual([
      ['TN', 'LDTBXH.MC', 'early'],
      ['TD', 'LDTBXH.VLATLD', 'early'],
      ['KY', 'LDTBXH.VP', 'on_time'],
      ['TRA', 'LDTBXH.MC', 'early'],
    ]);
    expect(sut.responsibleUnits).toEqual([]);
    expect(sut.apology?.status).toBe('not_required');
    expect(sut.timeline.every((t) => t.status === 'applied')).toBe(true);
    expect(sut.payments).toEqual([{ at: at('2025-01-06 10:05'), amountVnd: 600000, method: 'online' }]);
    expect(sut.rating).toBe('very_satisfied');
    expect(sut.ruleSet).toBe('ND61_2018');
  });

  it('moves through the national codes as events arrive', () => {
    const events = life();
    const codes = events.map(
      (_, i) => foldDossier(events.slice(0, i + 1), context(at('2025-01-07 09:00'))).nationalStatus,
    );
    expect(codes).toEqual([2, 4, 4, 4, 4, 9, 9, 10, 10]);
  });

  it('folds any arrival order to the same state', () => {
    const events = life();
    const expected = foldDossier(events, context(at('2025-01-20 09:00')));
    fc.assert(
      fc.property(
        fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
        (shuffled) => {
          expect(foldDossier(shuffled, context(at('2025-01-20 09:00')))).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
