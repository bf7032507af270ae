import fc from 'fast-check';
import { foldDossier } from './dossier.fold';
import { at, context, received } from './testing/sla-fixtures';
import type { DossierEvent } from './sla.types';
import { timelessState } from './timeless-state';

const DAY = 24 * 3_600_000;

describe('timelessState: what the projection stores does not depend on the reading instant', () => {
  const types = [
    'forwarded',
    'supplement_requested',
    'supplement_received',
    'obligation_requested',
    'obligation_fulfilled',
    'apology_issued',
    'result_ready',
    'returned',
    'withdrawn',
  ] as const;
  const dataFor = (type: (typeof types)[number], i: number, t: number): DossierEvent['data'] => {
    switch (type) {
      case 'forwarded':
        return i % 2
          ? { fromUnit: 'LDTBXH.MC', toUnit: 'LDTBXH.VLATLD', method: 'electronic' }
          : { fromUnit: 'LDTBXH.VLATLD', toUnit: 'LDTBXH.VP', method: 'paper' };
      case 'supplement_requested':
        return { reason: 'x' };
      case 'apology_issued':
        return {
          reason: 'x',
          newDueAt: t + 10 * DAY,
          signer: { name: 'Nguyễn Văn A', title: 'Giám đốc' },
          responsibleUnit: 'LDTBXH.VLATLD',
        };
      case 'result_ready':
        return { outcome: 'approved' };
      case 'returned':
        return { method: 'desk' };
      case 'withdrawn':
        return { reason: 'x' };
      case 'supplement_received':
      case 'obligation_requested':
      case 'obligation_fulfilled':
        return {};
    }
  };
  const start = at('2025-03-03 08:00');
  const stream = fc
    .array(fc.tuple(fc.constantFrom(...types), fc.integer({ min: 0, max: 20 * 24 * 60 })), { maxLength: 10 })
    .map((items) => [
      received('2025-03-03 08:00'),
      ...items.map(([type, minutes], i) => {
        const t = start + minutes * 60_000;
        return { id: `r${i}`, type, occurredAt: t, data: dataFor(type, i, t) } as DossierEvent;
      }),
    ]);

  it('folds at any two later instants to the same stored state', () => {
    fc.assert(
      fc.property(stream, fc.integer({ min: 0, max: 60 * 24 * 60 }), (events, minutes) => {
        const first = at('2025-03-25 09:00');
        const later = first + minutes * 60_000;
        const a = timelessState(foldDossier(events, context(first)));
        const b = timelessState(foldDossier(events, context(later)));
        expect(b).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out the SLA state and the open pause minutes, keeps the dates and the facts', () => {
    const events: DossierEvent[] = [
      received('2025-03-03 08:00'),
      { id: 's1', type: 'supplement_requested', occurredAt: at('2025-03-04 08:00'), data: { reason: 'x' } },
    ];
    const state = foldDossier(events, context(at('2025-03-10 09:00')));
    const stored = timelessState(state);
    expect(stored.sla).toEqual({ outcome: null, outcomeByInstant: null });
    expect(stored.pauses[0]).not.toHaveProperty('workingMinutes');
    expect(stored.dueAt).toBe(state.dueAt);
    expect(stored.slaFacts).toEqual(state.slaFacts);
    expect(JSON.stringify(stored)).not.toContain('remainingWorkingMinutes');
  });
});
