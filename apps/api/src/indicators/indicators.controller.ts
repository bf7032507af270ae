import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SummarizeIndicators } from '@motcua/application';
import {
  drilldownQuerySchema,
  drilldownSchema,
  indicatorSliceQuerySchema,
  metricsSummarySchema,
  timeseriesQuerySchema,
  timeseriesSchema,
  type Principal,
} from '@motcua/contracts';
import { ApiContract } from '../common/api-contract.decorator';
import { CurrentUser } from '../common/auth.guard';

const READERS =
  'Readers: managers and administrators (every unit), unit heads (their units: 403 for another, and without ' +
  '`unit` the answer covers theirs only); 400 names the bad field.';

@ApiTags('indicators')
@ApiBearerAuth()
@Controller('api/v1/metrics')
export class IndicatorsController {
  constructor(private readonly indicators: SummarizeIndicators) {}

  @Get('summary')
  @ApiContract({
    summary:
      'Every indicator of domain.md §7 for a slice: local dates `from`–`to` (both included), optional unit (the ' +
      'procedure’s lead unit), procedure, field, channel. Each rate is {numerator, denominator, rate in percent ' +
      '(null on an empty denominator), target of the year of `to` with met or missed, basis}. Whole months read ' +
      `the incremental rollups (source "rollup"), other periods the dossiers themselves ("dossiers"). ${READERS}`,
    query: indicatorSliceQuerySchema,
    ok: { 200: { schema: metricsSummarySchema, description: 'the indicators of the slice' } },
    errors: [400, 401, 403, 503],
  })
  summary(@Query() query: unknown, @CurrentUser() user: Principal) {
    return this.indicators.summarize(query, user);
  }

  @Get('timeseries')
  @ApiContract({
    summary: `One indicator per day, week (from Monday) or month of the slice, each point with its target. ${READERS}`,
    query: timeseriesQuerySchema,
    ok: { 200: { schema: timeseriesSchema, description: 'the points, oldest first' } },
    errors: [400, 401, 403, 503],
  })
  timeseries(@Query() query: unknown, @CurrentUser() user: Principal) {
    return this.indicators.timeseries(query, user);
  }

  @Get('dossiers')
  @ApiContract({
    summary:
      'The drill-down: the dossiers counted in an indicator’s numerator or denominator for the slice, in code ' +
      `order, \`limit\` a page, \`after\` the last code of the previous page. ${READERS}`,
    query: drilldownQuerySchema,
    ok: { 200: { schema: drilldownSchema, description: 'a page of dossiers' } },
    errors: [400, 401, 403, 503],
  })
  drilldown(@Query() query: unknown, @CurrentUser() user: Principal) {
    return this.indicators.drilldown(query, user);
  }
}
