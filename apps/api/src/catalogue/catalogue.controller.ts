import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CatalogueService } from '@motcua/application';
import { Roles } from '../common/auth.guard';

@ApiTags('catalogue')
@ApiBearerAuth()
@Controller('api/v1')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get('units')
  units() {
    return this.catalogue.units();
  }

  @Roles('admin')
  @Put('units/:code')
  putUnit(@Param('code') code: string, @Body() body: unknown) {
    return this.catalogue.putUnit(code, body);
  }

  @Get('procedures')
  procedures() {
    return this.catalogue.procedures();
  }

  @Get('procedures/:code')
  procedure(@Param('code') code: string) {
    return this.catalogue.procedure(code);
  }

  @Roles('admin')
  @Put('procedures/:code')
  putProcedure(@Param('code') code: string, @Body() body: unknown) {
    return this.catalogue.putProcedure(code, body);
  }
}
