import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ListDossiers, ReadApology, ReadDocuments, ReadDossier } from '@motcua/application';
import {
  apologyLetterSchema,
  dossierListQuerySchema,
  dossierPageSchema,
  dossierSchema,
  htmlDocumentSchema,
  type Principal,
} from '@motcua/contracts';
import { ApiContract } from '../common/api-contract.decorator';
import { CurrentUser } from '../common/auth.guard';
import { sendFile } from '../common/send-file';

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('api/v1/dossiers')
export class DossiersController {
  constructor(
    private readonly lists: ListDossiers,
    private readonly reader: ReadDossier,
    private readonly apologies: ReadApology,
    private readonly documents: ReadDocuments,
  ) {}

  @Get()
  @ApiContract({
    summary: 'Worklists from the projection, scoped to the caller’s units, ordered by due date',
    query: dossierListQuerySchema,
    ok: { 200: { schema: dossierPageSchema, description: 'a page; follow nextCursor for the next one' } },
    errors: [400, 401, 503],
  })
  list(@Query() query: unknown, @CurrentUser() user: Principal) {
    return this.lists.list(query, user);
  }

  @Get(':code')
  @ApiContract({
    summary:
      'One dossier folded from its committed events at this instant, with its late entries (404 outside your ' +
      'units, or for a path that cannot be a dossier code)',
    params: { code: 'the dossier code (mã hồ sơ)' },
    ok: { 200: { schema: dossierSchema, description: 'the dossier, its deadlines and its timeline' } },
    errors: [401, 404, 503],
  })
  get(@Param('code') code: string, @CurrentUser() user: Principal) {
    return this.reader.get(code, user);
  }

  @Get(':code/apology')
  @ApiContract({
    summary:
      'The apology letter (Mẫu 04 of the dossier’s rules: TT01_2018.M04 or TT03_2025.M04): the issued letter, the ' +
      'draft awaiting a signature, a cancelled draft, or a preview while an apology is due, with its §5.2 ' +
      'classification (404 when none is due, drafted or issued, or outside your units)',
    params: { code: 'the dossier code (mã hồ sơ)' },
    ok: { 200: { schema: apologyLetterSchema, description: 'every field of the letter (domain.md §4.4)' } },
    errors: [401, 404, 503],
  })
  apology(@Param('code') code: string, @CurrentUser() user: Principal) {
    return this.apologies.get(code, user);
  }

  @Get(':code/apology.html')
  @ApiContract({
    summary:
      'The apology letter rendered in Vietnamese, to print or attach: what the data cannot fill is a dotted line; ' +
      'an issued letter exactly as stored when it was sent (404 as for …/apology)',
    params: { code: 'the dossier code (mã hồ sơ)' },
    ok: {
      200: { schema: htmlDocumentSchema, description: 'an HTML document (UTF-8)', contentType: 'text/html' },
    },
    errors: [401, 404, 503],
  })
  apologyHtml(@Param('code') code: string, @CurrentUser() user: Principal, @Res() res: Response) {
    return this.documents.file(code, 'apology', 'html', user).then((f) => sendFile(res, f));
  }
}
