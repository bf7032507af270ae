import type {
  Circular01Evaluation,
  Circular01Index,
  Circular01Rule,
  ScoringCondition,
  ScoringFile,
  ScoringMeasure,
} from '@motcua/contracts';
import { CIRCULAR_01_INDICES } from '@motcua/contracts';
import { rateOf } from './indicator-rates';
import type { ScoringInputs } from './scoring-inputs';

interface IndexDef {
  name: string;
  /** Why our data cannot measure it, when config/scoring.json gives it no rule. */
  unmeasured: string;
}

/** The nine indices of domain.md §7.4. */
export const CIRCULAR_01_DEFINITIONS: Record<Circular01Index, IndexDef> = {
  '1': {
    name: 'Tổng thời gian giải quyết TTHC so với thời gian quy định',
    unmeasured: 'no rule configured',
  },
  '2': {
    name: 'Thời gian thực hiện của từng cơ quan, đơn vị (kể cả phối hợp) so với quy định',
    unmeasured: 'not evaluated: step times are kept per dossier, not in the summary',
  },
  '3': {
    name: 'Số lần liên hệ với Bộ phận Một cửa để hoàn thiện hồ sơ (kể cả trực tuyến)',
    unmeasured: 'no rule configured',
  },
  '4': {
    name: 'Số lượng cơ quan, đơn vị mà tổ chức, cá nhân phải liên hệ',
    unmeasured: 'not evaluated: the applicant’s contacts with other agencies are not recorded',
  },
  '5': {
    name: 'Thực hiện tiếp nhận, giải quyết, trả kết quả tại Bộ phận Một cửa',
    unmeasured: 'not evaluated: which listed procedures the desk resolves itself is not recorded',
  },
  '6': {
    name: 'Công khai thủ tục hành chính',
    unmeasured: 'not evaluated: how procedures are published is not recorded',
  },
  '7': {
    name: 'Thái độ của cán bộ, công chức, viên chức',
    unmeasured: 'not evaluated: complaints of harassment or misconduct are not recorded',
  },
  '8': {
    name: 'Tiếp nhận, xử lý phản ánh, kiến nghị',
    unmeasured: 'not evaluated: feedback (PAKN) is not recorded',
  },
  '9': {
    name: 'Tiến độ, chất lượng cung cấp dịch vụ công trực tuyến',
    unmeasured: 'no rule configured',
  },
};

/** A measure's value in percent (null: N/A or not available). */
export function measureValue(inputs: ScoringInputs, measure: ScoringMeasure): number | null {
  if (measure === 'onlineProcedureShare')
    return inputs.usage ? rateOf(inputs.usage.onlineProcedures, inputs.usage.procedures) : null;
  return inputs.summary.indicators[measure]?.rate ?? null;
}

function holds(c: ScoringCondition, value: number): boolean {
  if (c.op === '>=') return value >= c.value;
  if (c.op === '<=') return value <= c.value;
  return value > c.value;
}

/** 2 when every `two` condition holds, else 1 when every `one` condition holds, else 0; null when a measure is N/A. */
export function indexPoints(
  rule: Circular01Rule,
  value: (m: ScoringMeasure) => number | null,
): 0 | 1 | 2 | null {
  const all = (conditions: ScoringCondition[]) =>
    conditions.every((c) => {
      const v = value(c.measure);
      return v !== null && holds(c, v);
    });
  if ([...rule.two, ...rule.one].some((c) => value(c.measure) === null)) return null;
  return all(rule.two) ? 2 : all(rule.one) ? 1 : 0;
}

/**
 * The Circular 01/2018 evaluation of a slice (§7.4): each index with a rule in config/scoring.json gets 2, 1 or 0
 * points from the rates of the summary; the others are reported as not evaluated, with the reason.
 */
export function circular01Evaluation(
  inputs: ScoringInputs,
  config: ScoringFile['circular01'],
): Circular01Evaluation {
  const value = (m: ScoringMeasure) => measureValue(inputs, m);
  const indices = CIRCULAR_01_INDICES.map((id) => {
    const def = CIRCULAR_01_DEFINITIONS[id];
    const rule = config.indices[id];
    if (!rule)
      return { id, name: def.name, evaluated: false, points: null, measures: [], note: def.unmeasured };
    const used = [...new Set([...rule.two, ...rule.one].map((c) => c.measure))];
    return {
      id,
      name: def.name,
      evaluated: true,
      points: indexPoints(rule, value),
      measures: used.map((measure) => ({ measure, value: value(measure) })),
      note: rule.note ?? null,
    };
  });
  const scored = indices.filter((i) => i.points !== null);
  return {
    slice: inputs.summary.slice,
    source: config.source,
    indices,
    total: {
      points: scored.reduce((n, i) => n + (i.points ?? 0), 0),
      maxPoints: 2 * scored.length,
      evaluated: scored.length,
    },
  };
}
