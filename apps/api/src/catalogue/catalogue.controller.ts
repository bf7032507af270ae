import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CatalogueService } from '@motcua/application';
import {
  procedureDefinitionSchema,
  procedureListSchema,
  procedureVersionSchema,
  unitBodySchema,
  unitListSchema,
  unitSchema,
} from '@motcua/contracts';
import { ApiContract } from '../common/api-contract.decorator';
import { Roles } from '../common/auth.guard';

@ApiTags('catalogue')
@ApiBearerAuth()
@Controller('api/v1')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get('units')
  @ApiContract({
    summary: 'The units of the department',
    ok: { 200: { schema: unitListSchema, description: 'every unit, by code' } },
    errors: [401, 503],
  })
  units() {
    return this.catalogue.units();
  }

  @Roles('admin')
  @Put('units/:code')
  @ApiContract({
    summary: 'Create or change a unit (admin)',
    params: { code: 'the unit code, e.g. LDTBXH.VP' },
    body: unitBodySchema,
    ok: { 200: { schema: unitSchema, description: 'the unit as stored' } },
    errors: [400, 401, 403, 503],
  })
  putUnit(@Param('code') code: string, @Body() body: unknown) {
    return this.catalogue.putUnit(code, body);
  }

  @Get('procedures')
  @ApiContract({
    summary: 'Every procedure, at the version in force now',
    ok: { 200: { schema: procedureListSchema, description: 'by procedure code' } },
    errors: [401, 503],
  })
  procedures() {
    return this.catalogue.procedures();
  }

  @Get('procedures/:code')
  @ApiContract({
    summary: 'One procedure at the version in force now, with every version',
    params: { code: 'the national procedure code, e.g. 1.014199' },
    ok: {
      200: { schema: procedureVersionSchema, description: 'the version in force and the list of versions' },
    },
    errors: [401, 404, 503],
  })
  procedure(@Param('code') code: string) {
    return this.catalogue.procedure(code);
  }

  @Roles('admin')
  @Put('procedures/:code')
  @ApiContract({
    summary: 'Publish a procedure version (admin); it governs receipts from now on',
    params: { code: 'the national procedure code, e.g. 1.014199' },
    body: procedureDefinitionSchema,
    ok: { 200: { schema: procedureVersionSchema, description: 'the version in force after publishing' } },
    errors: [400, 401, 403, 503],
  })
  putProcedure(@Param('code') code: string, @Body() body: unknown) {
    return this.catalogue.putProcedure(code, body);
  }
}
