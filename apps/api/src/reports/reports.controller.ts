import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReadLedger, ReadReport06a, ReadScores } from '@motcua/application';
import {
  circular01EvaluationSchema,
  csvDocumentSchema,
  decision766ScoresSchema,
  htmlDocumentSchema,
  ledgerQuerySchema,
  pdfDocumentSchema,
  report06aQuerySchema,
  report06aSchema,
  scoresQuerySchema,
  xlsxDocumentSchema,
  type Principal,
} from '@motcua/contracts';
import { ApiContract } from '../common/api-contract.decorator';
import { CurrentUser } from '../common/auth.guard';
import { sendFile, sendReport } from '../common/send-file';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportsController {
  constructor(
    private readonly ledger: ReadLedger,
    private readonly report06a: ReadReport06a,
    private readonly scores: ReadScores,
  ) {}

  @Get('ledger')
  @ApiContract({
    summary:
      'The ledger (Sổ theo dõi hồ sơ, §4.6) of one desk: the dossiers received at that unit (the first unit of ' +
      'their route) from `from` to `to` (local dates, both included, at most 366 days), in reception order. Its ' +
      'form code is the one of the rules in force on `to` (TT01_2018.M06 up to 30/06/2025, TT03_2025.M07 ' +
      'after). Readers: users of that unit, managers and administrators (403 otherwise); 400 names the bad field',
    query: ledgerQuerySchema,
    ok: {
      200: {
        schema: pdfDocumentSchema,
        description:
          'application/pdf (format=pdf), or the XLSX workbook (format=xlsx), or HTML (format=html)',
        contentType: 'application/pdf',
        also: {
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': xlsxDocumentSchema,
          'text/html': htmlDocumentSchema,
        },
      },
    },
    errors: [400, 401, 403, 503],
  })
  report(@Query() query: unknown, @CurrentUser() user: Principal, @Res() res: Response) {
    return this.ledger.report(query, user).then((f) => sendFile(res, f));
  }

  @Get('06a')
  @ApiContract({
    summary:
      'Biểu II.06a/VPCP/KSTT (§7.1), “Tình hình, kết quả giải quyết TTHC”: per field (lĩnh vực), the dossiers ' +
      'received (carried over, new online, new at the desk or by post), resolved (early, on time, late) and ' +
      'pending at the end of the period (within due, overdue), with a total row; local dates `from`–`to` ' +
      '(UTC+7, both included). `unit` keeps the procedures that unit leads, `field` and `procedure` those of the ' +
      'catalogue. Managers and administrators see every unit; a unit head sees its own units (403 for another); ' +
      'other roles 403; 400 names the bad field',
    query: report06aQuerySchema,
    ok: {
      200: {
        schema: report06aSchema,
        description:
          'JSON (format=json), CSV with a UTF-8 BOM (format=csv) or the XLSX workbook (format=xlsx)',
        contentType: 'application/json',
        also: {
          'text/csv': csvDocumentSchema,
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': xlsxDocumentSchema,
        },
      },
    },
    errors: [400, 401, 403, 503],
  })
  table06a(@Query() query: unknown, @CurrentUser() user: Principal, @Res() res: Response) {
    return this.report06a.report(query, user).then((a) => sendReport(res, a));
  }

  @Get('766')
  @ApiContract({
    summary:
      'Decision 766/QĐ-TTg scores (§7.3) of a period (local dates, both included) and optionally one responsible ' +
      'unit: each criterion our data measures, `maxPoints × min(1, rate / fullScoreAt)` with the points and ' +
      'thresholds of config/scoring.json, N/A (null) on an empty denominator; criteria our data cannot measure ' +
      '(1.1–1.4, 4.4, 4.5, the PAKN criteria 5.1–5.3) are listed with computable=false and left out of the ' +
      'totals; group totals and a total out of 100, normalised over the scored criteria. Readers as for ' +
      '/metrics/summary; 400 names the bad field',
    query: scoresQuerySchema,
    ok: { 200: { schema: decision766ScoresSchema, description: 'the scores' } },
    errors: [400, 401, 403, 503],
  })
  decision766(@Query() query: unknown, @CurrentUser() user: Principal) {
    return this.scores.decision766(query, user);
  }

  @Get('circular-01')
  @ApiContract({
    summary:
      'The Circular 01/2018 evaluation (§7.4) of a period and optionally one responsible unit: 2, 1 or 0 points ' +
      'for each index with a rule in config/scoring.json (conditions on the rates of /metrics/summary and the ' +
      'share of procedures offered online), null when a rate is N/A; the indices our data cannot measure are ' +
      'listed as not evaluated. Readers as for /metrics/summary; 400 names the bad field',
    query: scoresQuerySchema,
    ok: { 200: { schema: circular01EvaluationSchema, description: 'the evaluation' } },
    errors: [400, 401, 403, 503],
  })
  circular01(@Query() query: unknown, @CurrentUser() user: Principal) {
    return this.scores.circular01(query, user);
  }
}
