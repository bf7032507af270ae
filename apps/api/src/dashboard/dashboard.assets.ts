// The dashboard's built files (dist/dashboard/, from `npm run build:dashboard`), read from disk and kept in memory
// while their modification time stays the same; a rebuild is picked up on the next request.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { AppError } from '@motcua/application';
import { DASHBOARD_ASSET_NAME, DASHBOARD_ASSET_TYPES, type DashboardAssetExtension } from '@motcua/contracts';

export interface AssetFile {
  body: Buffer;
  etag: string;
  contentType: string;
}

/**
 * The page's CSP: its script and style are files of this site, its calls go to this site; nothing inline, nothing
 * external (chart.js is bundled), no frames, no plugins.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** dist/dashboard above this file, whether it runs from apps/api/src (swc) or dist/apps/api/src. */
export function findDashboardDir(start = __dirname): string | null {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'dist', 'dashboard');
    if (statSync(join(candidate, 'index.html'), { throwIfNoEntry: false })?.isFile()) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

const typeOf = (name: string): string =>
  DASHBOARD_ASSET_TYPES[(name.endsWith('.map') ? 'map' : name.split('.').pop()) as DashboardAssetExtension];

@Injectable()
export class DashboardAssets {
  private dir: string | null = null;
  private readonly cache = new Map<string, AssetFile & { mtimeMs: number }>();

  /** The page itself. */
  page(): AssetFile {
    return this.read('index.html', 'text/html; charset=utf-8');
  }

  /** A script, style or source map by name; 404 for any other name, or one the build did not write. */
  asset(name: string): AssetFile {
    if (!DASHBOARD_ASSET_NAME.test(name)) throw notFound();
    return this.read(name, typeOf(name));
  }

  private read(name: string, contentType: string): AssetFile {
    // Looked up until found, so an API started before the first build serves the page once it is built.
    this.dir ??= findDashboardDir();
    if (!this.dir)
      throw new AppError(
        503,
        'dashboard_not_built',
        'The dashboard is not built: run npm run build:dashboard',
      );
    const path = join(this.dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat?.isFile()) throw notFound();
    const cached = this.cache.get(name);
    if (cached && cached.mtimeMs === stat.mtimeMs) return cached;
    const body = readFileSync(path);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const file = { body, etag, contentType, mtimeMs: stat.mtimeMs };
    this.cache.set(name, file);
    return file;
  }
}

const notFound = () => new AppError(404, 'not_found', 'No such dashboard file');
