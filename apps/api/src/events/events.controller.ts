import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '@motcua/contracts';
import { CurrentUser } from '../common/auth.guard';
import { EventsService } from './events.service';

@ApiTags('events')
@ApiBearerAuth()
@Controller('api/v1/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post()
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
  logBatch(@Body() body: unknown, @CurrentUser() user: Principal) {
    return this.events.logBatch(body, user);
  }
}
