import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { dashboardAssetSchema, htmlDocumentSchema } from '@motcua/contracts';
import { ApiContract } from '../common/api-contract.decorator';
import { Public } from '../common/auth.guard';
import { type AssetFile, DASHBOARD_CSP, DashboardAssets } from './dashboard.assets';

/**
 * Sends a built file with a strong ETag: `no-cache` makes the browser ask each time (a rebuild changes the bytes),
 * and a browser holding the same bytes gets 304.
 */
function send(req: Request, res: Response, file: AssetFile): void {
  res.setHeader('Content-Security-Policy', DASHBOARD_CSP);
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('ETag', file.etag);
  if (req.headers['if-none-match']?.split(',').some((t) => t.trim() === file.etag)) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Type', file.contentType);
  res.end(file.body);
}

/**
 * The managers' page (issue 10): static files of apps/dashboard, built into dist/dashboard. No login here: the page
 * logs in with POST /api/v1/auth/token and every number it shows comes from the authorised API.
 */
@ApiTags('dashboard')
@Public()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly assets: DashboardAssets) {}

  @Get()
  @ApiContract({
    summary:
      'The managers’ dashboard page in Vietnamese (login with the API’s own accounts; indicators, trends, league ' +
      'table, Biểu II.06a, worklists); strict CSP, no inline script or style; 503 until `npm run build:dashboard` ran',
    ok: { 200: { schema: htmlDocumentSchema, description: 'the page', contentType: 'text/html' } },
    errors: [503],
  })
  page(@Req() req: Request, @Res() res: Response) {
    // The page's links are relative to /dashboard: from /dashboard/ they would miss, so it goes back there.
    if (req.path.endsWith('/')) return res.redirect(301, `../dashboard${req.url.slice(req.path.length)}`);
    send(req, res, this.assets.page());
  }

  @Get('assets/:file')
  @ApiContract({
    summary: 'A script, style, source map or icon of the dashboard page (404 for any other name)',
    params: { file: 'the file name, e.g. dashboard.js' },
    ok: {
      200: {
        schema: dashboardAssetSchema,
        description: 'the file',
        contentType: 'text/javascript',
        also: {
          'text/css': dashboardAssetSchema,
          'application/json': dashboardAssetSchema,
          'image/svg+xml': dashboardAssetSchema,
        },
      },
    },
    errors: [404, 503],
  })
  asset(@Param('file') file: string, @Req() req: Request, @Res() res: Response) {
    send(req, res, this.assets.asset(file));
  }
}
