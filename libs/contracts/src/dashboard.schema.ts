import { z } from 'zod';

/** The files of the managers' page (`GET /dashboard/assets/:file`), built by `npm run build:dashboard`. */
export const DASHBOARD_ASSET_TYPES = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
} as const;
export type DashboardAssetExtension = keyof typeof DASHBOARD_ASSET_TYPES;

/** An asset's name: lower-case letters, digits and dashes, then one of the known extensions; nothing else is served. */
export const DASHBOARD_ASSET_NAME = /^[a-z0-9][a-z0-9-]*\.(js|css|svg|js\.map|css\.map)$/;

export const dashboardAssetSchema = z.string().meta({
  id: 'DashboardAsset',
  description: 'A script, style, source map or icon of the dashboard page (UTF-8)',
});
