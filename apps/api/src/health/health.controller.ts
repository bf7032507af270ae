import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { healthDetailsSchema, healthResponseSchema, livenessResponseSchema } from '@motcua/contracts';
import { ApiContract, type RouteContract } from '../common/api-contract.decorator';
import { Public, Roles, TokenOnlyWhenStoreDown } from '../common/auth.guard';
import { HealthService } from './health.service';

const READINESS: RouteContract = {
  summary: 'Readiness: PostgreSQL and Redis answer (no details; administrators see them at /api/v1/health)',
  ok: {
    200: { schema: healthResponseSchema, description: 'ready: PostgreSQL and Redis answer' },
    503: { schema: healthResponseSchema, description: 'not ready: PostgreSQL or Redis is down' },
  },
  errors: [],
};

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Public: up or down only; which dependency failed and why is for administrators. */
  @Public()
  @Get('health')
  @ApiContract(READINESS)
  get(@Res({ passthrough: true }) res: Response) {
    return this.readiness(res);
  }

  /** The same readiness under the name orchestrators expect beside /health/live. */
  @Public()
  @Get('health/ready')
  @ApiContract(READINESS)
  ready(@Res({ passthrough: true }) res: Response) {
    return this.readiness(res);
  }

  /** Liveness probes nothing: a PostgreSQL or Redis outage must take the API out of rotation, not restart it. */
  @Public()
  @Get('health/live')
  @ApiContract({
    summary: 'Liveness: the process serves HTTP (no dependency probed; readiness is /health)',
    ok: { 200: { schema: livenessResponseSchema, description: 'the process serves HTTP' } },
    errors: [],
  })
  live() {
    return { status: 'ok', live: true } as const;
  }

  /** Every probe with its latency and error; answers with a valid admin token even while PostgreSQL is down. */
  @ApiBearerAuth()
  @Roles('admin')
  @TokenOnlyWhenStoreDown()
  @Get('api/v1/health')
  @ApiContract({
    summary: 'Each dependency’s probe: status, latency, error (admin); SMTP does not gate readiness',
    ok: {
      200: { schema: healthDetailsSchema, description: 'ready: PostgreSQL and Redis answer' },
      503: { schema: healthDetailsSchema, description: 'not ready: PostgreSQL or Redis is down' },
    },
    errors: [401, 403],
  })
  async details(@Res({ passthrough: true }) res: Response) {
    const report = await this.health.check();
    res.status(report.ready ? 200 : 503);
    return report;
  }

  private async readiness(res: Response) {
    const report = await this.health.check();
    res.status(report.ready ? 200 : 503);
    return { status: report.status, ready: report.ready };
  }
}
