import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RecordEvents } from '@motcua/application';
import type { Principal } from '@motcua/contracts';
import { CurrentUser } from '../common/auth.guard';
import { EVENT_SCHEMA, RECEIVED_EXAMPLE } from './events.openapi';

@ApiTags('events')
@ApiBearerAuth()
@Controller('api/v1/events')
export class EventsController {
  constructor(private readonly events: RecordEvents) {}

  @Post()
  @ApiOperation({ summary: 'Log one dossier event; 202 once it is durable in PostgreSQL' })
  @ApiBody({ schema: EVENT_SCHEMA, examples: { received: { value: RECEIVED_EXAMPLE } } })
  @ApiResponse({ status: 202, description: 'accepted (for received: dueAt and receiptUrl)' })
  @ApiResponse({ status: 200, description: 'the same id and body again: the first answer' })
  @ApiResponse({ status: 400, description: 'invalid, with error.details[].field' })
  @ApiResponse({ status: 409, description: 'the same id with another body' })
  @ApiResponse({ status: 422, description: 'unknown dossier, dossier already received, unknown procedure' })
  async logOne(
    @Body() body: unknown,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const out = await this.events.logOne(body, user);
    res.status(out.status);
    return out.body;
  }

  @Post('batch')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log up to 1000 events in one transaction; per-event results in input order' })
  @ApiBody({
    schema: {
      type: 'object',
      properties: { events: { type: 'array', maxItems: 1000, items: EVENT_SCHEMA } },
    },
  })
  logBatch(@Body() body: unknown, @CurrentUser() user: Principal) {
    return this.events.logBatch(body, user);
  }
}
