import { Inject, Injectable } from '@nestjs/common';
import {
  parseWith,
  REPORT_06A_FORM,
  report06aQuerySchema,
  type Principal,
  type Report06a,
  type Report06aQuery,
} from '@motcua/contracts';
import { ReportsRepository } from '@motcua/database';
import { renderReport06aCsv, renderReport06aXlsx, REPORT_06A_TITLE } from '@motcua/documents';
import { report06aNotes, report06aPeriod, report06aTable } from '@motcua/indicators';
import { AppError } from '../app-error';
import { CLOCK, type Clock } from '../clock';
import { sha256Of } from '../documents/issued-documents';
import { documentFile, type DocumentFile } from '../documents/read-documents.use-case';
import { RulesProvider } from '../rules/rules.provider';
import { checkCatalogueFilters, reportProcedures, reportUnits } from './report-scope';

/** A report answers JSON, or a file to download. */
export type ReportAnswer = { json: Report06a; file?: undefined } | { file: DocumentFile; json?: undefined };

/**
 * `GET /api/v1/reports/06a` (Biểu II.06a/VPCP/KSTT, domain.md §7.1): the received, resolved and pending dossiers of
 * a period by field, in one SQL pass over the projection grouped by procedure version; the catalogue maps each
 * version to its field and lead unit. JSON, CSV or XLSX from the same table.
 */
@Injectable()
export class ReadReport06a {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly rules: RulesProvider,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async report(query: unknown, principal: Principal): Promise<ReportAnswer> {
    const parsed = parseWith(report06aQuerySchema, query);
    if (!parsed.ok) throw AppError.invalid(parsed.problems);
    const table = await this.table(parsed.value, principal);
    const stem = `bieu-II.06a-${parsed.value.from}-${parsed.value.to}`;
    if (parsed.value.format === 'xlsx')
      return { file: documentFile(await renderReport06aXlsx(table), stem, 'xlsx') };
    if (parsed.value.format === 'csv') {
      const body = renderReport06aCsv(table);
      return {
        file: {
          body,
          contentType: 'text/csv; charset=utf-8',
          filename: `${stem}.csv`,
          etag: `"${sha256Of(body)}"`,
        },
      };
    }
    return { json: table };
  }

  /** The table the caller may see: 400 for a filter the catalogue does not know, 403 outside their units. */
  async table(q: Report06aQuery, principal: Principal): Promise<Report06a> {
    const [rules, units] = await Promise.all([this.rules.snapshot(), this.rules.units()]);
    checkCatalogueFilters(
      rules,
      units.map((u) => u.code),
      q,
    );
    const scopeUnits = reportUnits(principal, q.unit);
    const procedures = reportProcedures(rules, { units: scopeUnits, procedure: q.procedure, field: q.field });
    const granularity = rules.latest().settings.outcomeGranularity;
    const period = report06aPeriod(q.from, q.to, this.clock.now(), granularity);
    const buckets = procedures.codes.length === 0 ? [] : await this.reports.report06a(procedures, period);
    const { rows, total } = report06aTable(
      buckets,
      (code, version) => procedures.definitionOf(code, version)?.field ?? null,
      procedures.fields,
    );
    return {
      formCode: REPORT_06A_FORM,
      title: REPORT_06A_TITLE,
      from: q.from,
      to: q.to,
      unit: q.unit ?? null,
      unitName: units.find((u) => u.code === q.unit)?.name ?? null,
      procedure: q.procedure ?? null,
      field: q.field ?? null,
      units: scopeUnits,
      granularity,
      rows,
      total,
      notes: report06aNotes(granularity, period.asOfDate, period.running),
    };
  }
}
