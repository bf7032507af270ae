import { foldDossier } from '@motcua/sla';
import { at, context, ev, received } from '../../sla/src/testing/sla-fixtures';
import { COUNTERS, dossierFactsOf, rollupDeltas, type DossierFacts } from './dossier-facts';
import { indicatorValue, rateOf, targetOf, type CounterTotals } from './indicator-rates';

const PROCEDURE = {
  leadUnitCode: 'LDTBXH.VLATLD',
  feeVnd: 0,
  onlineLevel: 'partial' as const,
  requiresPaperResult: true,
};
const zero = () => Object.fromEntries(COUNTERS.map((c) => [c, 0])) as CounterTotals;

function factsOf(
  events: ReturnType<typeof received>[],
  now: string,
  procedure = PROCEDURE,
): DossierFacts | null {
  const state = foldDossier(events, context(at(now)));
  return dossierFactsOf({
    state,
    procedure,
    events: events.map((e) => ({ type: e.type, occurredAt: e.occurredAt, recordedAt: e.occurredAt })),
    processingMinutes: state.finishedAt === null ? null : 600,
    lateEntryHours: 24,
  });
}

describe('dossierFactsOf', () => {
  it('counts a dossier in its reception month, and in its finishing month once it ends', () => {
    const open = factsOf([received('2025-03-31 16:00')], '2025-04-01 09:00')!;
    expect(open).toMatchObject({
      rMonth: '2025-03-01',
      fMonth: null,
      unit: 'LDTBXH.VLATLD',
      channel: 'direct',
    });
    expect(open.r).toMatchObject({ received: 1, pending: 1, entries: 1 });
    expect(open.f).toEqual({});
    const done = factsOf(
      [received('2025-03-31 16:00'), ev('result_ready', '2025-04-02 08:00', { outcome: 'approved' })],
      '2025-04-03 09:00',
    )!;
    expect(done).toMatchObject({ rMonth: '2025-03-01', fMonth: '2025-04-01' });
    expect(done.r.pending).toBeUndefined();
    expect(done.f).toMatchObject({
      resolved: 1,
      early: 1,
      ended: 1,
      endedInTime: 1,
      processed: 1,
      processedMinutes: 600,
    });
  });

  it('needs the e-result where the procedure issues a paper result, and counts reuse and payment', () => {
    const events = [
      {
        ...received('2025-03-03 08:00'),
        data: {
          ...received('2025-03-03 08:00').data,
          documents: [{ name: 'Tờ khai', digitized: true, reused: true }],
        },
      },
      ev('paid', '2025-03-03 08:10', { amountVnd: 20000, method: 'online' }),
      ev('result_ready', '2025-03-05 08:00', { outcome: 'approved' }),
    ] as ReturnType<typeof received>[];
    const f = factsOf(events, '2025-03-06 08:00')!;
    expect(f.r).toMatchObject({ reused: 1, feeBearing: 1, paidOnline: 1 });
    // Components digitised, but the paper result was not: not digitised (§7.3 4.2).
    expect(f.r.digitized).toBeUndefined();
    const withResult = factsOf(
      [...events, ev('digitized', '2025-03-05 09:00', { result: true })],
      '2025-03-06 08:00',
    )!;
    expect(withResult.r.digitized).toBe(1);
  });

  it('counts an entry recorded more than lateEntryHours after it happened', () => {
    const state = foldDossier([received('2025-03-03 08:00')], context(at('2025-03-10 08:00')));
    const facts = dossierFactsOf({
      state,
      procedure: PROCEDURE,
      events: [{ type: 'received', occurredAt: at('2025-03-03 08:00'), recordedAt: at('2025-03-04 08:01') }],
      processingMinutes: null,
      lateEntryHours: 24,
    })!;
    expect(facts.r).toMatchObject({ entries: 1, lateEntries: 1 });
  });

  it('does not count a dossier refused at the desk', () => {
    const refused = ev('refused_at_reception', '2025-03-03 08:00', {
      procedureCode: '1.000001',
      channel: 'direct',
      applicant: { name: 'Nguyễn Văn An' },
      reason: 'Không thuộc thẩm quyền',
    } as never);
    expect(factsOf([refused], '2025-03-03 09:00')).toBeNull();
  });
});

describe('rollupDeltas', () => {
  const facts = (
    rMonth: string,
    r: DossierFacts['r'],
    fMonth: string | null = null,
    f: DossierFacts['f'] = {},
  ) => ({
    unit: 'U',
    procedure: 'P',
    channel: 'direct',
    rMonth,
    r,
    fMonth,
    f,
  });

  it('takes the old parts away and adds the new, dropping rows that do not move, in key order', () => {
    const before = facts('2025-03-01', { received: 1, pending: 1 });
    const after = facts('2025-03-01', { received: 1 }, '2025-04-01', { resolved: 1, late: 1 });
    expect(rollupDeltas([{ before, after }])).toEqual([
      { month: '2025-03-01', unit: 'U', procedure: 'P', channel: 'direct', counts: { pending: -1 } },
      { month: '2025-04-01', unit: 'U', procedure: 'P', channel: 'direct', counts: { resolved: 1, late: 1 } },
    ]);
    expect(rollupDeltas([{ before: after, after }])).toEqual([]);
    expect(rollupDeltas([{ before: after, after: null }])[0].counts).toEqual({ received: -1 });
  });
});

describe('rates and targets', () => {
  const targets = {
    plan: 'p',
    years: { '2022': { digitizationRate: 30 }, '2024': { digitizationRate: 70 } },
    sources: {},
  };

  it('rounds to two decimals and gives null on an empty denominator', () => {
    expect(rateOf(2, 3)).toBe(66.67);
    expect(rateOf(0, 0)).toBeNull();
  });

  it('takes the latest target at or before the year, met at or above it (below for a ceiling)', () => {
    expect(targetOf(targets, 'digitizationRate', 2023, 40)).toEqual({ value: 30, met: true, source: null });
    expect(targetOf(targets, 'digitizationRate', 2025, 40)).toEqual({ value: 70, met: false, source: null });
    expect(targetOf(targets, 'digitizationRate', 2021, 40)).toBeNull();
    expect(
      targetOf({ ...targets, years: { '2022': { pendingOverdueRate: 5 } } }, 'pendingOverdueRate', 2025, 4),
    ).toMatchObject({ met: true });
  });

  it('counts criterion 2.1 as ended in time plus open within due, over ended plus open', () => {
    const t = { ...zero(), ended: 4, endedInTime: 3, pending: 2, pendingOverdue: 1 };
    expect(
      indicatorValue('onTime766Rate', t, { feeBearing: 0, onlinePayment: 0 }, targets, 2025),
    ).toMatchObject({
      numerator: 4,
      denominator: 6,
      rate: 66.67,
      basis: 'processed',
    });
  });
});
