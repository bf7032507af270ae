import { Inject, Injectable } from '@nestjs/common';
import { instantOfEpochDay, parseLocalDate } from '@motcua/calendar';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import {
  parseWith,
  scoresQuerySchema,
  type Circular01Evaluation,
  type Decision766Scores,
  type Principal,
  type ScoresQuery,
} from '@motcua/contracts';
import { ReportsRepository } from '@motcua/database';
import {
  circular01Evaluation,
  decision766Scores,
  type ProcedureUsage,
  type ScoringInputs,
} from '@motcua/indicators';
import { AppError } from '../app-error';
import { SummarizeIndicators } from '../indicators/summarize-indicators.use-case';
import { RulesProvider } from '../rules/rules.provider';
import { reportProcedures } from './report-scope';

/**
 * `GET /api/v1/reports/766` and `/circular-01` (domain.md §7.3, §7.4): the scores of a slice from the indicators'
 * summary (which checks the caller: managers and admins every unit, a unit head its own), with the catalogue and
 * per-procedure counts the summary does not hold; points and thresholds from config/scoring.json.
 */
@Injectable()
export class ReadScores {
  constructor(
    private readonly summaries: SummarizeIndicators,
    private readonly reports: ReportsRepository,
    private readonly rules: RulesProvider,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'scoring'>,
  ) {}

  async decision766(query: unknown, principal: Principal): Promise<Decision766Scores> {
    return decision766Scores(await this.inputs(query, principal), this.config.scoring.decision766);
  }

  async circular01(query: unknown, principal: Principal): Promise<Circular01Evaluation> {
    return circular01Evaluation(await this.inputs(query, principal), this.config.scoring.circular01);
  }

  private async inputs(query: unknown, principal: Principal): Promise<ScoringInputs> {
    const parsed = parseWith(scoresQuerySchema, query);
    if (!parsed.ok) throw AppError.invalid(parsed.problems);
    const q = parsed.value;
    const summary = await this.summaries.summary(principal, { from: q.from, to: q.to, unit: q.unit });
    const units = q.unit !== undefined ? [q.unit] : summary.slice.units;
    return { summary, usage: await this.usage(q, units) };
  }

  /**
   * The catalogue of the slice as published at the period's end (as the summary counts online-payment
   * availability), and what its procedures' dossiers did in the period, each under the version it was received
   * under.
   */
  private async usage(q: ScoresQuery, units: string[] | null): Promise<ProcedureUsage> {
    const from = instantOfEpochDay(parseLocalDate(q.from));
    const end = instantOfEpochDay(parseLocalDate(q.to) + 1);
    const rules = await this.rules.snapshot();
    const catalogue = [...rules.procedures.keys()]
      .map((code) => rules.procedureAt(code, end - 1) ?? rules.procedures.get(code)?.[0] ?? null)
      .filter((v) => v !== null)
      .filter((v) => units === null || units.includes(v.definition.leadUnitCode));
    const scope = reportProcedures(rules, { units });
    const rows = scope.codes.length === 0 ? [] : await this.reports.procedureUsage(scope, from, end);
    const codesWith = (has: (r: (typeof rows)[number]) => boolean) =>
      new Set(rows.filter(has).map((r) => r.procedureCode));
    const usedOnline = codesWith((r) => r.online > 0);
    const paidOnline = codesWith((r) => r.paidOnline > 0);
    const online = catalogue.filter((v) => v.definition.onlineLevel !== 'none');
    const fee = catalogue.filter((v) => v.definition.feeVnd > 0);
    const paper = rows.filter(
      (r) => scope.definitionOf(r.procedureCode, r.procedureVersion)?.requiresPaperResult === true,
    );
    return {
      procedures: catalogue.length,
      onlineProcedures: online.length,
      onlineProceduresUsed: online.filter((v) => usedOnline.has(v.code)).length,
      feeProcedures: fee.length,
      feeProceduresPaidOnline: fee.filter((v) => paidOnline.has(v.code)).length,
      paperResultDossiers: paper.reduce((n, r) => n + r.results, 0),
      electronicResultDossiers: paper.reduce((n, r) => n + r.electronicResults, 0),
    };
  }
}
