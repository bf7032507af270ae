import fc from 'fast-check';
import { foldDossier } from './dossier.fold';
import { at, context, received } from './testing/sla-fixtures';
import type { DossierEvent } from './sla.types';

describe('property: random event streams', () => {
  const types = [
    'forwarded',
    'supplement_requested',
    'supplement_received',
    'obligation_requested',
    'obligation_fulfilled',
    'paid',
    'result_ready',
    'returned',
    'withdrawn',
    'rated',
  ] as const;
  const dataFor = (type: (typeof types)[number], i: number): DossierEvent['data'] => {
    switch (type) {
      case 'forwarded':
        return i % 2
          ? { fromUnit: 'LDTBXH.MC', toUnit: 'LDTBXH.VLATLD', method: 'electronic' }
          : { fromUnit: 'LDTBXH.VLATLD', toUnit: 'LDTBXH.VP', method: 'paper' };
      case 'supplement_requested':
        return { reason: 'x' };
      case 'paid':
        return { amountVnd: 1000, method: 'online' };
      case 'result_ready':
        return { outcome: 'approved' };
      case 'returned':
        return { method: 'desk' };
      case 'withdrawn':
        return { reason: 'x' };
      case 'rated':
        return { rating: 'satisfied' };
      case 'supplement_received':
      case 'obligation_requested':
      case 'obligation_fulfilled':
        return {};
    }
  };
  const stream = fc
    .array(fc.tuple(fc.constantFrom(...types), fc.integer({ min: 0, max: 20 * 24 * 60 })), { maxLength: 12 })
    .map((items) => [
      received('2025-03-03 08:00'),
      ...items.map(
        ([type, minutes], i) =>
          ({
            id: `r${i}`,
            type,
            occurredAt: at('2025-03-03 08:00') + minutes * 60_000,
            data: dataFor(type, i),
          }) as DossierEvent,
      ),
    ]);

  it('never throws, and any permutation folds to the same state', () => {
    fc.assert(
      fc.property(stream, fc.integer(), (events, seed) => {
        const now = at('2025-04-01 09:00');
        const a = foldDossier(events, context(now));
        const shuffled = [...events]
          .sort((x, y) => ((x.id.charCodeAt(1) * seed) % 7) - ((y.id.charCodeAt(1) * seed) % 7))
          .reverse();
        expect(foldDossier(shuffled, context(now))).toEqual(a);
        expect(a.nationalStatus).toBeGreaterThanOrEqual(1);
        if (a.dueAt !== null && a.status !== 'NEW') expect(realCalendarWorking(a.dueAt)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

function realCalendarWorking(t: number): boolean {
  const cal = context(0).calendar;
  // A due instant is working time or exactly a session end.
  return cal.isWorkingTime(t) || cal.isWorkingTime(t - 1);
}
