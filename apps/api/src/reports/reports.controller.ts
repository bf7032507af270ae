import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReadLedger } from '@motcua/application';
import {
  htmlDocumentSchema,
  ledgerQuerySchema,
  pdfDocumentSchema,
  xlsxDocumentSchema,
  type Principal,
} from '@motcua/contracts';
import { ApiContract } from '../common/api-contract.decorator';
import { CurrentUser } from '../common/auth.guard';
import { sendFile } from '../common/send-file';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly ledger: ReadLedger) {}

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
}
