import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { healthResponseSchema } from '@motcua/contracts';
import { ApiContract } from '../common/api-contract.decorator';
import { Public } from '../common/auth.guard';
import { HealthService } from './health.service';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Public()
  @Get('health')
  @ApiContract({
    summary: 'Liveness and readiness of PostgreSQL, Redis and SMTP',
    ok: {
      200: { schema: healthResponseSchema, description: 'ready: PostgreSQL and Redis answer' },
      503: { schema: healthResponseSchema, description: 'not ready: PostgreSQL or Redis is down' },
    },
    errors: [],
  })
  async get(@Res({ passthrough: true }) res: Response) {
    const report = await this.health.check();
    res.status(report.ready ? 200 : 503);
    return report;
  }
}
