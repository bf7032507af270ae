import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { prometheusTextSchema } from '@motcua/contracts';
import { ApiContract } from '../common/api-contract.decorator';
import { Public } from '../common/auth.guard';
import { ApiMetrics } from './api-metrics.registry';
import { MetricsTokenGuard } from './metrics-token.guard';

@ApiTags('operations')
@Controller()
export class MetricsController {
  constructor(private readonly metrics: ApiMetrics) {}

  /** No user token: Prometheus scrapes with METRICS_TOKEN, when one is set. */
  @Public()
  @UseGuards(MetricsTokenGuard)
  @ApiBearerAuth()
  @Get('metrics')
  @ApiContract({
    summary:
      'Operators’ metrics in Prometheus text format: queue depths, timers armed, projection lag, apply latency, ' +
      'overdue dossiers, mails by status, HTTP latency by route pattern, the process. Counts only, no personal ' +
      'data. Bearer METRICS_TOKEN when it is set, public otherwise',
    ok: {
      200: {
        schema: prometheusTextSchema,
        description: 'the metrics, read at scrape time',
        contentType: 'text/plain',
      },
    },
    errors: [401],
  })
  async scrape(@Res({ passthrough: true }) res: Response) {
    const { contentType, text } = await this.metrics.scrape();
    res.setHeader('Content-Type', contentType).setHeader('Cache-Control', 'no-store');
    return text;
  }
}
