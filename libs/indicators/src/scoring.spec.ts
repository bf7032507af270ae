import { DEFAULT_SCORING, INDICATOR_KEYS, type IndicatorKey, type MetricsSummary } from '@motcua/contracts';
import { circular01Evaluation, indexPoints } from './circular-01';
import { decision766Scores, thresholdScore } from './decision-766';
import { rateOf } from './indicator-rates';
import type { ProcedureUsage } from './scoring-inputs';

/** A summary whose indicators are the given numerator/denominator pairs (every other one 0/0, so N/A). */
function summaryOf(pairs: Partial<Record<IndicatorKey, [number, number]>>, avg: number | null = 31.5) {
  const indicators = Object.fromEntries(
    INDICATOR_KEYS.map((k) => {
      const [numerator, denominator] = pairs[k] ?? [0, 0];
      return [
        k,
        { numerator, denominator, rate: rateOf(numerator, denominator), target: null, basis: 'received' },
      ];
    }),
  ) as MetricsSummary['indicators'];
  const slice = {
    from: '2025-06-01',
    to: '2025-06-30',
    unit: null,
    procedure: null,
    field: null,
    channel: null,
    units: null,
  };
  return {
    slice,
    source: 'dossiers',
    targetYear: 2025,
    indicators,
    avgProcessingWorkingHours: avg,
    counts: { received: 50, resolved: 20, pendingWithinDue: 0, pendingOverdue: 0 },
  } satisfies MetricsSummary;
}

// Hand-computed slice: 50 dossiers received or processed, 45 in time; 20 online; 2 of 10 ratings dissatisfied.
const SUMMARY = summaryOf({
  onTime766Rate: [45, 50],
  onTimeRate: [19, 20],
  onlineSubmissionRate: [20, 50],
  onlinePaymentAvailability: [3, 4],
  onlinePaymentRate: [6, 10],
  digitizationRate: [0, 50],
  satisfactionRate: [8, 10],
  supplementRate: [5, 50],
  multipleSupplementRate: [0, 50],
});
const USAGE: ProcedureUsage = {
  procedures: 10,
  onlineProcedures: 6,
  onlineProceduresUsed: 3,
  feeProcedures: 4,
  feeProceduresPaidOnline: 1,
  paperResultDossiers: 0,
  electronicResultDossiers: 0,
};

describe('Decision 766 scores (§7.3)', () => {
  const scores = decision766Scores({ summary: SUMMARY, usage: USAGE }, DEFAULT_SCORING.decision766);
  const by = (id: string) => scores.criteria.find((c) => c.id === id)!;

  it('score = maxPoints × min(1, rate / X), 2 decimals', () => {
    expect(thresholdScore(90, 20, 100)).toBe(18);
    expect(thresholdScore(75, 2, 80)).toBe(1.88);
    expect(thresholdScore(60, 6, 30)).toBe(6);
    expect(thresholdScore(0, 4, 80)).toBe(0);
  });

  it('scores each computable criterion from the hand-computed rates', () => {
    const points = Object.fromEntries(scores.criteria.map((c) => [c.id, c.points]));
    expect(points).toEqual({
      '1.1': null,
      '1.2': null,
      '1.3': null,
      '1.4': null,
      '2.1': 18, // 45/50 = 90% × 20, proportional
      '2.2': null, // shown, not scored
      '3.1': 1.5, // 6/10 = 60% of 80% × 2
      '3.2': 2, // 3/6 = 50% × 4, proportional
      '3.3': 4.8, // 20/50 = 40% of 50% × 6
      '3.4': 1, // 1/4 = 25% of 50% × 2
      '3.5': 1.88, // 3/4 = 75% of 80% × 2
      '3.6': 6, // 6/10 = 60% ≥ 30%: full
      '4.1': null, // 0/0: N/A
      '4.2': 0, // 0/50
      '4.3': null, // 0/0: N/A
      '4.4': null,
      '4.5': null,
      '5.1': null,
      '5.2': null,
      '5.3': null,
      '5.4': 5.73, // (45 − 2 dissatisfied)/50 = 86% of 90% × 6
    });
    expect(by('5.4')).toMatchObject({ numerator: 43, denominator: 50, rate: 86 });
    expect(by('4.1')).toMatchObject({ computable: true, rate: null, points: null });
    expect(by('1.1')).toMatchObject({
      computable: false,
      rate: null,
      note: expect.stringMatching(/^not computable/),
    });
    expect(by('2.2')).toMatchObject({ computable: true, points: null });
    expect(scores.avgProcessingWorkingHours).toBe(31.5);
  });

  it('adds the scored criteria into groups and a total out of 100, normalised over what was scored', () => {
    expect(scores.groups.map((g) => [g.id, g.maxPoints, g.points, g.scoredMaxPoints])).toEqual([
      ['1', 18, 0, 0],
      ['2', 20, 18, 20],
      ['3', 22, 17.18, 22],
      ['4', 22, 0, 4],
      ['5', 18, 5.73, 6],
    ]);
    expect(scores.total).toEqual({ points: 40.91, scoredMaxPoints: 52, normalized: 78.67 });
  });

  it('without the per-procedure usage, 3.1, 3.2, 3.4 and 4.1 are N/A; with nothing scored, normalized is null', () => {
    const bare = decision766Scores({ summary: SUMMARY }, DEFAULT_SCORING.decision766);
    expect(bare.criteria.filter((c) => c.computable && c.points === null).map((c) => c.id)).toEqual([
      '2.2',
      '3.1',
      '3.2',
      '3.4',
      '4.1',
      '4.3',
    ]);
    expect(bare.total.scoredMaxPoints).toBe(44);
    const empty = decision766Scores({ summary: summaryOf({}) }, DEFAULT_SCORING.decision766);
    expect(empty.total).toEqual({ points: 0, scoredMaxPoints: 0, normalized: null });
  });
});

describe('Circular 01/2018 evaluation (§7.4)', () => {
  it('gives 2/1/0 points by the configured thresholds, N/A when a measure is', () => {
    const ev = circular01Evaluation({ summary: SUMMARY, usage: USAGE }, DEFAULT_SCORING.circular01);
    expect(ev.indices.map((i) => [i.id, i.evaluated, i.points])).toEqual([
      ['1', true, 1], // 95% on time: ≥ 90
      ['2', false, null],
      ['3', true, 2], // 10% supplemented, none twice
      ['4', false, null],
      ['5', false, null],
      ['6', false, null],
      ['7', false, null],
      ['8', false, null],
      ['9', true, 2], // 60% of procedures online, 40% of dossiers
    ]);
    expect(ev.indices[8].measures).toEqual([
      { measure: 'onlineProcedureShare', value: 60 },
      { measure: 'onlineSubmissionRate', value: 40 },
    ]);
    expect(ev.total).toEqual({ points: 5, maxPoints: 6, evaluated: 3 });
    const bare = circular01Evaluation({ summary: SUMMARY }, DEFAULT_SCORING.circular01);
    expect(bare.indices[8].points).toBeNull();
    expect(bare.total).toEqual({ points: 3, maxPoints: 4, evaluated: 2 });
  });

  it('index thresholds at their edges', () => {
    const rule = DEFAULT_SCORING.circular01.indices['1']!;
    const at = (v: number | null) => indexPoints(rule, () => v);
    expect([at(100), at(99.99), at(90), at(89.99), at(null)]).toEqual([2, 1, 1, 0, null]);
    const nine = DEFAULT_SCORING.circular01.indices['9']!;
    const with9 = (share: number, online: number) =>
      indexPoints(nine, (m) => (m === 'onlineProcedureShare' ? share : online));
    expect([with9(20, 30), with9(19.99, 30), with9(5, 15), with9(0, 50), with9(50, 14.99)]).toEqual([
      2, 1, 1, 0, 0,
    ]);
  });
});
