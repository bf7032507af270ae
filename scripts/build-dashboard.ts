// `npm run build:dashboard`: bundles the managers' page (apps/dashboard) with esbuild into dist/dashboard/, which
// the API serves at /dashboard. Also run by `npm run build`, `npm test` and `npm run demo`, so a fresh clone works.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { errorMessage } from './support/errors';
import { ROOT, rel } from './support/paths';

export const DASHBOARD_SRC = path.join(ROOT, 'apps', 'dashboard');
export const DASHBOARD_OUT = path.join(ROOT, 'dist', 'dashboard');

export interface DashboardBuild {
  outDir: string;
  files: { name: string; bytes: number }[];
  ms: number;
}

/** Bundles the script (chart.js from node_modules) and the style, and copies the page; one pass, no watch. */
export async function buildDashboard(outDir = DASHBOARD_OUT): Promise<DashboardBuild> {
  const start = Date.now();
  // Built beside, then swapped in: an API serving the old files never sees a half-written folder.
  const next = `${outDir}.next`;
  fs.rmSync(next, { recursive: true, force: true });
  fs.mkdirSync(next, { recursive: true });
  await build({
    entryPoints: {
      dashboard: path.join(DASHBOARD_SRC, 'src', 'main.ts'),
      'dashboard-style': path.join(DASHBOARD_SRC, 'dashboard.css'),
    },
    outdir: next,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    // The browsers a department's staff run: any Chromium, Firefox or Safari of the last few years.
    target: ['es2022', 'chrome100', 'firefox100', 'safari15'],
    minify: true,
    sourcemap: 'linked',
    tsconfig: path.join(DASHBOARD_SRC, 'tsconfig.json'),
    legalComments: 'eof',
    logLevel: 'silent',
  }).then((result) => {
    // A warning (a missing export, a duplicate key) is a bug in the page: fail the build rather than ship it.
    if (result.warnings.length > 0)
      throw new Error(result.warnings.map((w) => `${w.location?.file ?? ''}: ${w.text}`).join('\n'));
  });
  for (const file of ['index.html', 'favicon.svg'])
    fs.copyFileSync(path.join(DASHBOARD_SRC, file), path.join(next, file));
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.renameSync(next, outDir);
  const files = fs
    .readdirSync(outDir)
    .sort()
    .map((name) => ({ name, bytes: fs.statSync(path.join(outDir, name)).size }));
  return { outDir, files, ms: Date.now() - start };
}

/** One line for the scripts' logs: where and how big. */
export function describeBuild(b: DashboardBuild): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  const shown = b.files.filter((f) => !f.name.endsWith('.map'));
  return `dashboard: ${shown.map((f) => `${f.name} ${kb(f.bytes)}`).join(', ')} in ${rel(b.outDir)}/ (${b.ms} ms)`;
}

if (require.main === module)
  buildDashboard().then(
    (b) => console.log(describeBuild(b)),
    (err: unknown) => {
      console.error(`build:dashboard: ${errorMessage(err)}`);
      process.exit(1);
    },
  );
