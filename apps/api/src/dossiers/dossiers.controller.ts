import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@motcua/contracts';
import { CurrentUser } from '../common/auth.guard';
import { DossiersService, type ListQuery } from './dossiers.service';

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('api/v1/dossiers')
export class DossiersController {
  constructor(private readonly dossiers: DossiersService) {}

  @Get()
  list(@Query() q: ListQuery, @CurrentUser() user: Principal) {
    return this.dossiers.list(q, user);
  }

  @Get(':code')
  get(@Param('code') code: string, @CurrentUser() user: Principal) {
    return this.dossiers.get(code, user);
  }
}
