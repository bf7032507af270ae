import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/auth.guard';
import { HealthService } from './health.service';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Public()
  @Get('health')
  async get(@Res({ passthrough: true }) res: Response) {
    const report = await this.health.check();
    res.status(report.ready ? 200 : 503);
    return report;
  }
}
