import { Controller, Get, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { htmlDocumentSchema, lookupAnswerSchema, lookupQuerySchema } from '@motcua/contracts';
import { ApiContract } from '../common/api-contract.decorator';
import { Public } from '../common/auth.guard';
import { LookupErrorFilter } from './lookup-error.filter';
import { LookupResponder } from './lookup.responder';
import { LookupThrottleGuard } from './lookup.throttle';

@ApiTags('public lookup')
@Public()
// Per client address (LOOKUP_RATE_LIMIT a minute), a wrong key counting as a right one: 429 with Retry-After.
@UseGuards(LookupThrottleGuard)
@UseFilters(LookupErrorFilter)
@Controller('tra-cuu')
export class LookupController {
  constructor(private readonly responder: LookupResponder) {}

  @Get()
  @ApiContract({
    summary:
      'Public lookup (tra cứu) by the code and key printed on the receipt, no login: a page in Vietnamese (the ' +
      'form without parameters), or JSON with Accept: application/json. Status in words, appointment, late or ' +
      'not, apology or not; no personal data (initials only). 404 alike for a wrong key and an unknown code; ' +
      'throttled per client address (LOOKUP_RATE_LIMIT a minute)',
    query: lookupQuerySchema,
    ok: {
      200: {
        schema: lookupAnswerSchema,
        description: 'the dossier as the public may see it',
        contentType: 'application/json',
        also: { 'text/html': htmlDocumentSchema },
      },
    },
    errors: [400, 404, 429, 503],
  })
  lookup(
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.responder.answer(query, req, res);
  }
}
