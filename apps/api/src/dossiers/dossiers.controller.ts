import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ListDossiers, ReadDossier, type ListQuery } from '@motcua/application';
import type { Principal } from '@motcua/contracts';
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
  @ApiOperation({
    summary: 'Worklists from the projection, scoped to the caller’s units, ordered by due date',
  })
  @ApiQuery({
    name: 'sla',
    required: false,
    enum: ['on_track', 'due_soon', 'apology_due', 'overdue', 'paused', 'closed'],
  })
  @ApiQuery({
    name: 'status',
    required: false,
    description: 'internal status (e.g. IN_PROCESS) or national code 1–10',
  })
  @ApiQuery({ name: 'unit', required: false })
  @ApiQuery({ name: 'procedure', required: false })
  @ApiQuery({ name: 'dueBefore', required: false, description: 'ISO 8601 with offset' })
  @ApiQuery({ name: 'limit', required: false, description: '1–200, default 50' })
  @ApiQuery({ name: 'cursor', required: false })
  list(@Query() q: ListQuery, @CurrentUser() user: Principal) {
    return this.lists.list(q, user);
  }

  @Get(':code')
  @ApiOperation({
    summary: 'One dossier folded from its committed events at this instant (404 outside your units)',
  })
  get(@Param('code') code: string, @CurrentUser() user: Principal) {
    return this.reader.get(code, user);
  }
}
