import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ListDossiers, ReadDossier } from '@motcua/application';
import { dossierListQuerySchema, dossierPageSchema, dossierSchema, type Principal } from '@motcua/contracts';
import { ApiContract } from '../common/api-contract.decorator';
import { CurrentUser } from '../common/auth.guard';

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('api/v1/dossiers')
export class DossiersController {
  constructor(
    private readonly lists: ListDossiers,
    private readonly reader: ReadDossier,
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
}
