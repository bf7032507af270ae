import { Body, Controller, HttpCode, Logger, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RecordEvents } from '@motcua/application';
import {
  dossierEventSchema,
  eventAcceptedSchema,
  eventBatchRequestSchema,
  eventBatchResponseSchema,
  type Principal,
} from '@motcua/contracts';
import { IntakeThrottleGuard } from '../auth/intake.throttle';
import { ApiContract } from '../common/api-contract.decorator';
import { CurrentUser } from '../common/auth.guard';
import { requestIdOf } from '../common/request-id.middleware';

@ApiTags('events')
@ApiBearerAuth()
// Per-user intake throttle (INTAKE_RATE_LIMIT per minute, both routes on one counter): 429 with Retry-After.
@UseGuards(IntakeThrottleGuard)
@Controller('api/v1/events')
export class EventsController {
  private readonly log = new Logger('events');

  constructor(private readonly events: RecordEvents) {}

  @Post()
  @ApiContract({
    summary:
      'Log one dossier event; 202 once it is durable in PostgreSQL (a reception without dossierCode gets one ' +
      'issued). 422: unknown_dossier, dossier_exists, unknown_procedure, transition_not_allowed, unknown_unit, ' +
      'backdate_not_allowed, instant_out_of_range',
    body: dossierEventSchema,
    ok: {
      202: { schema: eventAcceptedSchema, description: 'accepted (for received: dueAt and receiptUrl)' },
      200: { schema: eventAcceptedSchema, description: 'the same id and body again: the first answer' },
    },
    errors: [400, 401, 403, 409, 422, 429, 503],
  })
  async logOne(
    @Body() body: unknown,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const out = await this.events.logOne(body, user, requestIdOf(res));
    if (out.status === 202) this.recorded([out.body as { id?: unknown; dossierCode?: unknown }]);
    res.status(out.status);
    return out.body;
  }

  @Post('batch')
  @HttpCode(200)
  @ApiContract({
    summary: 'Log up to 1000 events in one transaction; per-event results in input order',
    body: eventBatchRequestSchema,
    ok: { 200: { schema: eventBatchResponseSchema, description: 'one result per event, in input order' } },
    errors: [400, 401, 429, 503],
  })
  async logBatch(
    @Body() body: unknown,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const out = await this.events.logBatch(body, user, requestIdOf(res));
    this.recorded(out.results.filter((r) => r.status === 'accepted'));
    return out;
  }

  /** One debug line per event accepted (the logger adds the request's id): where an event's trace starts. */
  private recorded(accepted: Array<{ id?: unknown; dossierCode?: unknown }>): void {
    for (const a of accepted) this.log.debug('event recorded', { eventId: a.id, dossierCode: a.dossierCode });
  }
}
