import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CalendarQueries } from '@motcua/application';
import {
  calendarDaysQuerySchema,
  calendarDaysSchema,
  calendarDueQuerySchema,
  duePreviewSchema,
} from '@motcua/contracts';
import { ApiContract } from '../common/api-contract.decorator';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('api/v1/calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarQueries) {}

  @Get('due')
  @ApiContract({
    summary:
      'A preview of the appointment for a receipt at receivedAt (2000-01-01 to five years ahead; 422 ' +
      'instant_out_of_range otherwise); stores nothing',
    query: calendarDueQuerySchema,
    ok: {
      200: {
        schema: duePreviewSchema,
        description: 'the due date, warning, apology deadline and days skipped',
      },
    },
    errors: [400, 401, 404, 422, 503],
  })
  due(@Query() query: unknown) {
    return this.calendar.due(query);
  }

  @Get('days')
  @ApiContract({
    summary: 'The working calendar of a date range (at most 366 days)',
    query: calendarDaysQuerySchema,
    ok: { 200: { schema: calendarDaysSchema, description: 'one entry per date' } },
    errors: [400, 401],
  })
  days(@Query() query: unknown) {
    return this.calendar.days(query);
  }
}
