import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth.guard';
import { present } from '../common/instant.presenter';
import { CatalogueService } from './catalogue.service';

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
  async procedures() {
    return present(await this.catalogue.procedures(), ['effectiveFrom']);
  }

  @Get('procedures/:code')
  async procedure(@Param('code') code: string) {
    return present(await this.catalogue.procedure(code), ['effectiveFrom']);
  }

  @Roles('admin')
  @Put('procedures/:code')
  async putProcedure(@Param('code') code: string, @Body() body: unknown) {
    return present(await this.catalogue.putProcedure(code, body), ['effectiveFrom']);
  }
}
