import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CalendarQueries } from '@motcua/application';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('api/v1/calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarQueries) {}

  /** A preview of the appointment for a receipt at `receivedAt`; stores nothing. */
  @Get('due')
  due(@Query() query: unknown) {
    return this.calendar.due(query);
  }

  @Get('days')
  days(@Query() query: unknown) {
    return this.calendar.days(query);
  }
}
