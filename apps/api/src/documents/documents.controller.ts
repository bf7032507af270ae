import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReadDocuments } from '@motcua/application';
import { dossierDocumentListSchema, type Principal } from '@motcua/contracts';
import { ApiContract } from '../common/api-contract.decorator';
import { CurrentUser } from '../common/auth.guard';
import { sendFile } from '../common/send-file';
import { formRoute } from './documents.contract';

/** The forms of a dossier (issue 9); `…/apology` (JSON) and `…/apology.html` stay in DossiersController. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('api/v1/dossiers')
export class DocumentsController {
  constructor(private readonly documents: ReadDocuments) {}

  @Get(':code/documents')
  @ApiContract({
    summary:
      'The forms the dossier’s history calls for, each with its PDF and HTML address (404 outside your units)',
    params: { code: 'the dossier code (mã hồ sơ)' },
    ok: { 200: { schema: dossierDocumentListSchema, description: 'the forms, in the order of the history' } },
    errors: [401, 404, 503],
  })
  list(@Param('code') code: string, @CurrentUser() user: Principal) {
    return this.documents.list(code, user);
  }

  @Get(':code/receipt')
  @ApiContract({
    ...formRoute('receipt', 'pdf'),
    summary: 'The receipt (Mẫu 01) as PDF: the same answer as …/receipt.pdf (the v1 address of the receipt)',
  })
  receipt(@Param('code') c: string, @CurrentUser() u: Principal, @Res() res: Response) {
    return this.documents.file(c, 'receipt', 'pdf', u).then((f) => sendFile(res, f));
  }

  @Get(':code/receipt.pdf')
  @ApiContract(formRoute('receipt', 'pdf'))
  receiptPdf(@Param('code') c: string, @CurrentUser() u: Principal, @Res() res: Response) {
    return this.documents.file(c, 'receipt', 'pdf', u).then((f) => sendFile(res, f));
  }

  @Get(':code/receipt.html')
  @ApiContract(formRoute('receipt', 'html'))
  receiptHtml(@Param('code') c: string, @CurrentUser() u: Principal, @Res() res: Response) {
    return this.documents.file(c, 'receipt', 'html', u).then((f) => sendFile(res, f));
  }

  @Get(':code/supplement-request.pdf')
  @ApiContract(formRoute('supplement-request', 'pdf'))
  supplementPdf(@Param('code') c: string, @CurrentUser() u: Principal, @Res() res: Response) {
    return this.documents.file(c, 'supplement-request', 'pdf', u).then((f) => sendFile(res, f));
  }

  @Get(':code/supplement-request.html')
  @ApiContract(formRoute('supplement-request', 'html'))
  supplementHtml(@Param('code') c: string, @CurrentUser() u: Principal, @Res() res: Response) {
    return this.documents.file(c, 'supplement-request', 'html', u).then((f) => sendFile(res, f));
  }

  @Get(':code/refusal.pdf')
  @ApiContract(formRoute('refusal', 'pdf'))
  refusalPdf(@Param('code') c: string, @CurrentUser() u: Principal, @Res() res: Response) {
    return this.documents.file(c, 'refusal', 'pdf', u).then((f) => sendFile(res, f));
  }

  @Get(':code/refusal.html')
  @ApiContract(formRoute('refusal', 'html'))
  refusalHtml(@Param('code') c: string, @CurrentUser() u: Principal, @Res() res: Response) {
    return this.documents.file(c, 'refusal', 'html', u).then((f) => sendFile(res, f));
  }

  @Get(':code/apology.pdf')
  @ApiContract(formRoute('apology', 'pdf'))
  apologyPdf(@Param('code') c: string, @CurrentUser() u: Principal, @Res() res: Response) {
    return this.documents.file(c, 'apology', 'pdf', u).then((f) => sendFile(res, f));
  }

  @Get(':code/stop-notice.pdf')
  @ApiContract(formRoute('stop-notice', 'pdf'))
  stopPdf(@Param('code') c: string, @CurrentUser() u: Principal, @Res() res: Response) {
    return this.documents.file(c, 'stop-notice', 'pdf', u).then((f) => sendFile(res, f));
  }

  @Get(':code/stop-notice.html')
  @ApiContract(formRoute('stop-notice', 'html'))
  stopHtml(@Param('code') c: string, @CurrentUser() u: Principal, @Res() res: Response) {
    return this.documents.file(c, 'stop-notice', 'html', u).then((f) => sendFile(res, f));
  }

  @Get(':code/control-sheet.pdf')
  @ApiContract(formRoute('control-sheet', 'pdf'))
  controlSheetPdf(@Param('code') c: string, @CurrentUser() u: Principal, @Res() res: Response) {
    return this.documents.file(c, 'control-sheet', 'pdf', u).then((f) => sendFile(res, f));
  }

  @Get(':code/control-sheet.html')
  @ApiContract(formRoute('control-sheet', 'html'))
  controlSheetHtml(@Param('code') c: string, @CurrentUser() u: Principal, @Res() res: Response) {
    return this.documents.file(c, 'control-sheet', 'html', u).then((f) => sendFile(res, f));
  }
}
