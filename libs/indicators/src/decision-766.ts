import type {
  Decision766Criterion,
  Decision766Group,
  Decision766Scores,
  ScoringFile,
} from '@motcua/contracts';
import { DECISION_766_CRITERIA, DECISION_766_GROUPS } from '@motcua/contracts';
import { ratioRate, round2, summaryRatio, type Ratio, type ScoringInputs } from './scoring-inputs';

export const DECISION_766_GROUP_NAMES: Record<Decision766Group, string> = {
  '1': 'Công khai, minh bạch',
  '2': 'Tiến độ, kết quả giải quyết',
  '3': 'Cung cấp dịch vụ trực tuyến',
  '4': 'Số hóa hồ sơ',
  '5': 'Mức độ hài lòng',
};

interface CriterionDef {
  name: string;
  /** The ratio from our data; absent: the criterion is not computable from it (`note` says why). */
  measure?: (i: ScoringInputs) => Ratio | null;
  /** Measured but shown rather than scored (2.2, `avgProcessingWorkingHours`). */
  shown?: true;
  note: string | null;
}

const usage =
  <K extends keyof NonNullable<ScoringInputs['usage']>>(n: K, d: K) =>
  (i: ScoringInputs) =>
    i.usage ? { numerator: i.usage[n], denominator: i.usage[d] } : null;

/** Every criterion of domain.md §7.3: its name, how our data measures it, or why it cannot. */
export const DECISION_766_DEFINITIONS: Record<Decision766Criterion, CriterionDef> = {
  '1.1': {
    name: 'Tỷ lệ TTHC công bố đúng hạn',
    note: 'not computable: publication decisions of procedures are not kept (province or ministry level)',
  },
  '1.2': {
    name: 'Tỷ lệ TTHC được cập nhật, công khai đúng hạn',
    note: 'not computable: the national TTHC database is not connected',
  },
  '1.3': {
    name: 'Tỷ lệ TTHC công khai đầy đủ bộ phận tạo thành',
    note: 'not computable: the published components of procedures are not kept',
  },
  '1.4': {
    name: 'Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG',
    note: 'not computable: no synchronisation with the national portal yet',
  },
  '2.1': {
    name: 'Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn',
    measure: (i) => summaryRatio(i.summary, 'onTime766Rate'),
    note: 'onTime766Rate (§7.2): ended by the due instant, or pending within due, among dossiers received or processed',
  },
  '2.2': {
    name: 'Thời gian giải quyết TTHC trung bình',
    shown: true,
    note: 'shown, not scored: avgProcessingWorkingHours',
  },
  '3.1': {
    name: 'Tỷ lệ TTHC cung cấp DVCTT',
    measure: usage('onlineProcedures', 'procedures'),
    note: 'procedures with a full or partial online service, among the procedures of the slice',
  },
  '3.2': {
    name: 'Tỷ lệ DVCTT có phát sinh hồ sơ',
    measure: usage('onlineProceduresUsed', 'onlineProcedures'),
    note: 'online services with at least one online dossier received in the period',
  },
  '3.3': {
    name: 'Tỷ lệ hồ sơ TTHC nộp trực tuyến',
    measure: (i) => summaryRatio(i.summary, 'onlineSubmissionRate'),
    note: 'onlineSubmissionRate; the sync rate with the national portal taken as 100%, the e-result condition not checked',
  },
  '3.4': {
    name: 'Tỷ lệ TTHC có phát sinh giao dịch thanh toán trực tuyến',
    measure: usage('feeProceduresPaidOnline', 'feeProcedures'),
    note: 'fee-bearing procedures with at least one dossier received in the period and paid online',
  },
  '3.5': {
    name: 'Tỷ lệ TTHC có nghĩa vụ tài chính được tích hợp thanh toán trực tuyến',
    measure: (i) => summaryRatio(i.summary, 'onlinePaymentAvailability'),
    note: 'onlinePaymentAvailability: fee-bearing procedures offering online payment',
  },
  '3.6': {
    name: 'Tỷ lệ hồ sơ thanh toán trực tuyến',
    measure: (i) => summaryRatio(i.summary, 'onlinePaymentRate'),
    note: 'onlinePaymentRate: dossiers of fee-bearing procedures paid online',
  },
  '4.1': {
    name: 'Tỷ lệ hồ sơ có cấp kết quả điện tử',
    measure: usage('electronicResultDossiers', 'paperResultDossiers'),
    note: 'dossiers with a result in the period, of procedures that issue a paper result, with an electronic one',
  },
  '4.2': {
    name: 'Tỷ lệ hồ sơ thực hiện số hóa',
    measure: (i) => summaryRatio(i.summary, 'digitizationRate'),
    note: 'digitizationRate: digitised components, and the e-result where a paper result is issued',
  },
  '4.3': {
    name: 'Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa',
    measure: (i) => summaryRatio(i.summary, 'reuseRate'),
    note: 'reuseRate: dossiers with at least one reused component',
  },
  '4.4': {
    name: 'Tỷ lệ hồ sơ số hóa có kết nối, chia sẻ dữ liệu',
    note: 'not computable: components taken from the national data repository are not recorded',
  },
  '4.5': {
    name: 'Ứng dụng dữ liệu dân cư',
    note: 'not computable: VNeID authentication and population-database use are not recorded',
  },
  '5.1': { name: 'Tỷ lệ PAKN theo phân loại', note: 'not computable: feedback (PAKN) is not recorded' },
  '5.2': { name: 'Tiến độ xử lý PAKN', note: 'not computable: feedback (PAKN) is not recorded' },
  '5.3': {
    name: 'Tỷ lệ hài lòng trong xử lý PAKN',
    note: 'not computable: feedback (PAKN) is not recorded',
  },
  '5.4': {
    name: 'Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC',
    measure: satisfaction54,
    note: '100% − (late rate of 2.1 + dissatisfied ratings among the same dossiers); no feedback (PAKN) counted',
  },
};

/**
 * §7.3 5.4, “100% − (late-dossier rate + rate of dossiers with a PAKN or a dislike)”, over 2.1's dossiers: the
 * dossiers ended in time or pending within due, less the dissatisfied ratings (none below zero).
 */
function satisfaction54(i: ScoringInputs): Ratio | null {
  const onTime = summaryRatio(i.summary, 'onTime766Rate');
  const ratings = summaryRatio(i.summary, 'satisfactionRate');
  if (!onTime || !ratings) return null;
  const dissatisfied = ratings.denominator - ratings.numerator;
  return { numerator: Math.max(0, onTime.numerator - dissatisfied), denominator: onTime.denominator };
}

/** `maxPoints × min(1, rate / fullScoreAt)` (§7.3 scoring pattern), 2 decimals. */
export function thresholdScore(rate: number, maxPoints: number, fullScoreAt: number): number {
  return round2(maxPoints * Math.min(1, Math.max(0, rate) / fullScoreAt));
}

/**
 * The Decision 766 scores of a slice: each criterion our data measures, scored with the points and threshold of
 * config/scoring.json; N/A (null) for an empty denominator. Totals add the scored criteria only, out of 100, and
 * normalised over the points those criteria could give.
 */
export function decision766Scores(
  inputs: ScoringInputs,
  config: ScoringFile['decision766'],
): Decision766Scores {
  const criteria = DECISION_766_CRITERIA.map((id) => {
    const def = DECISION_766_DEFINITIONS[id];
    const { maxPoints, fullScoreAt } = config.criteria[id];
    const ratio = def.measure ? def.measure(inputs) : null;
    const rate = ratioRate(ratio);
    const points =
      rate === null || maxPoints === null || fullScoreAt === null
        ? null
        : thresholdScore(rate, maxPoints, fullScoreAt);
    return {
      id,
      group: id.slice(0, 1) as Decision766Group,
      name: def.name,
      computable: def.measure !== undefined || def.shown === true,
      numerator: ratio?.numerator ?? null,
      denominator: ratio?.denominator ?? null,
      rate,
      maxPoints,
      fullScoreAt,
      points,
      note: def.note,
    };
  });
  const sums = (list: typeof criteria) =>
    list.reduce(
      (s, c) => (c.points === null ? s : { points: s.points + c.points, max: s.max + (c.maxPoints ?? 0) }),
      { points: 0, max: 0 },
    );
  const groups = DECISION_766_GROUPS.map((id) => {
    const s = sums(criteria.filter((c) => c.group === id));
    return {
      id,
      name: DECISION_766_GROUP_NAMES[id],
      maxPoints: config.groups[id],
      points: round2(s.points),
      scoredMaxPoints: round2(s.max),
    };
  });
  const all = sums(criteria);
  return {
    slice: inputs.summary.slice,
    source: config.source,
    criteria,
    groups,
    total: {
      points: round2(all.points),
      scoredMaxPoints: round2(all.max),
      normalized: all.max > 0 ? round2((all.points / all.max) * 100) : null,
    },
    avgProcessingWorkingHours: inputs.summary.avgProcessingWorkingHours,
  };
}
