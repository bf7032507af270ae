import { z } from 'zod';
import { indicatorSliceSchema, INDICATOR_KEYS, MAX_INDICATOR_DAYS } from './indicators.schema';
import { CODE_PATTERN, localDateSchema, periodRefinement, text } from './primitives';

/** The criteria of Decision 766/QĐ-TTg (domain.md §7.3), in the decision's order. */
export const DECISION_766_CRITERIA = [
  '1.1',
  '1.2',
  '1.3',
  '1.4',
  '2.1',
  '2.2',
  '3.1',
  '3.2',
  '3.3',
  '3.4',
  '3.5',
  '3.6',
  '4.1',
  '4.2',
  '4.3',
  '4.4',
  '4.5',
  '5.1',
  '5.2',
  '5.3',
  '5.4',
] as const;
export type Decision766Criterion = (typeof DECISION_766_CRITERIA)[number];
export const DECISION_766_GROUPS = ['1', '2', '3', '4', '5'] as const;
export type Decision766Group = (typeof DECISION_766_GROUPS)[number];

/** The nine indices of the Circular 01/2018 evaluation (domain.md §7.4). */
export const CIRCULAR_01_INDICES = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
export type Circular01Index = (typeof CIRCULAR_01_INDICES)[number];

/** What a Circular 01 condition may look at: a rate of the summary, or the share of procedures offered online. */
export const SCORING_MEASURES = [...INDICATOR_KEYS, 'onlineProcedureShare'] as const;
export type ScoringMeasure = (typeof SCORING_MEASURES)[number];

const percent = z.number().min(0).max(100);
const points = z.number().min(0).max(100);

const criterionConfigSchema = z.strictObject({
  maxPoints: points.nullable().describe('null: the sources do not give the points'),
  fullScoreAt: z
    .number()
    .gt(0)
    .max(100)
    .nullable()
    .describe('X of “score = maxPoints × min(1, rate / X)”; 100 is proportional; null: not scored'),
});

const conditionSchema = z.strictObject({
  measure: z.enum(SCORING_MEASURES),
  op: z.enum(['>=', '<=', '>']),
  value: percent,
});
export type ScoringCondition = z.output<typeof conditionSchema>;

const indexRuleSchema = z.strictObject({
  /** Every condition holds: 2 points; else every `one` condition holds: 1 point; else 0. */
  two: z.array(conditionSchema).min(1),
  one: z.array(conditionSchema).min(1),
  note: text(500).optional(),
});
export type Circular01Rule = z.output<typeof indexRuleSchema>;

/** config/scoring.json: the points and thresholds of Decision 766 and the Circular 01/2018 evaluation. */
export const scoringFileSchema = z
  .strictObject({
    decision766: z.strictObject({
      source: text(500),
      groups: z.record(z.enum(DECISION_766_GROUPS), points),
      criteria: z.record(z.enum(DECISION_766_CRITERIA), criterionConfigSchema),
    }),
    circular01: z.strictObject({
      source: text(500),
      /** Only the indices our data can measure have a rule; the others are reported as not evaluated. */
      indices: z.partialRecord(z.enum(CIRCULAR_01_INDICES), indexRuleSchema),
    }),
  })
  .superRefine((f, ctx) => {
    const { groups, criteria } = f.decision766;
    const sum = DECISION_766_GROUPS.reduce((n, g) => n + groups[g], 0);
    if (Math.abs(sum - 100) > 1e-9)
      ctx.addIssue({
        code: 'custom',
        path: ['decision766', 'groups'],
        message: `the groups must add up to 100 points, not ${sum}`,
      });
    for (const g of DECISION_766_GROUPS) {
      const inGroup = DECISION_766_CRITERIA.filter((c) => c.startsWith(`${g}.`));
      const used = inGroup.reduce((n, c) => n + (criteria[c].maxPoints ?? 0), 0);
      if (used > groups[g] + 1e-9)
        ctx.addIssue({
          code: 'custom',
          path: ['decision766', 'criteria'],
          message: `the criteria of group ${g} give ${used} points, more than the group's ${groups[g]}`,
        });
    }
  });
export type ScoringFile = z.output<typeof scoringFileSchema>;

/** `GET /api/v1/reports/766` and `/circular-01`: a period of local dates and an optional responsible unit. */
export const scoresQuerySchema = z
  .object({
    from: localDateSchema.describe('first day of the period (local date, included)'),
    to: localDateSchema.describe('last day of the period (local date, included)'),
    unit: text(64, { pattern: CODE_PATTERN })
      .optional()
      .describe('the responsible unit (the procedures it leads)'),
  })
  .superRefine(periodRefinement(MAX_INDICATOR_DAYS));
export type ScoresQuery = z.output<typeof scoresQuerySchema>;

const rate = z.number().nullable();
const scored = z.number().nullable();

export const decision766ScoresSchema = z
  .object({
    slice: indicatorSliceSchema,
    source: z.string(),
    criteria: z.array(
      z.object({
        id: z.enum(DECISION_766_CRITERIA),
        group: z.enum(DECISION_766_GROUPS),
        name: z.string(),
        computable: z.boolean().describe('false: our data cannot measure it; left out of every total'),
        numerator: z.number().nullable(),
        denominator: z.number().nullable(),
        rate: rate.describe('percent, 2 decimals; null: N/A (empty denominator) or not computable'),
        maxPoints: z.number().nullable(),
        fullScoreAt: z.number().nullable(),
        points: scored.describe('maxPoints × min(1, rate / fullScoreAt), 2 decimals; null: N/A'),
        note: z.string().nullable(),
      }),
    ),
    groups: z.array(
      z.object({
        id: z.enum(DECISION_766_GROUPS),
        name: z.string(),
        maxPoints: z.number(),
        points: z.number().describe('the points of its scored criteria'),
        scoredMaxPoints: z.number().describe('the maximum of its scored criteria'),
      }),
    ),
    total: z.object({
      points: z.number().describe('the points of every scored criterion, out of 100'),
      scoredMaxPoints: z.number().describe('the most the scored criteria could give'),
      normalized: scored.describe('points / scoredMaxPoints × 100; null when nothing was scored'),
    }),
    avgProcessingWorkingHours: z.number().nullable().describe('criterion 2.2, shown, not scored'),
  })
  .meta({
    id: 'Decision766Scores',
    description:
      'Decision 766/QĐ-TTg scores (domain.md §7.3) of a slice, over the criteria our data measures',
  });
export type Decision766Scores = z.output<typeof decision766ScoresSchema>;

export const circular01EvaluationSchema = z
  .object({
    slice: indicatorSliceSchema,
    source: z.string(),
    indices: z.array(
      z.object({
        id: z.enum(CIRCULAR_01_INDICES),
        name: z.string(),
        evaluated: z.boolean().describe('false: no rule in config/scoring.json (our data cannot measure it)'),
        points: z.number().int().min(0).max(2).nullable().describe('2, 1 or 0; null: N/A or not evaluated'),
        measures: z.array(z.object({ measure: z.enum(SCORING_MEASURES), value: rate })),
        note: z.string().nullable(),
      }),
    ),
    total: z.object({
      points: z.number().int(),
      maxPoints: z.number().int().describe('2 per index with points'),
      evaluated: z.number().int().describe('indices with points'),
    }),
  })
  .meta({
    id: 'Circular01Evaluation',
    description: 'The Circular 01/2018 evaluation (domain.md §7.4): 2/1/0 points per index our data measures',
  });
export type Circular01Evaluation = z.output<typeof circular01EvaluationSchema>;
