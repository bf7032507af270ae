// `npm test [-- jest args]`: makes PostgreSQL and Redis reachable and the PDF tools and Chromium present, then runs
// every Jest project against them.
// Exits with Jest's own exit code; no --forceExit, so leaked handles show up as a hanging run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execa } from 'execa';
import { z } from 'zod';
import { buildDashboard, describeBuild } from './build-dashboard';
import { type EnsuredServices, ensureBrowser, ensurePdfTools, ensureServices } from './services';
import { errorMessage } from './support/errors';
import { DATA_DIR } from './support/paths';

const RESULTS_FILE = path.join(DATA_DIR, 'jest-results.json');

/** The counts of Jest's --json report that the closing line needs. */
const jestReport = z.object({
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numPendingTests: z.number(),
  numTodoTests: z.number(),
  numRuntimeErrorTestSuites: z.number(),
});

/** Jest args: ours first (unless the caller chose their own), then the caller's. */
function jestArgs(userArgs: readonly string[]): string[] {
  const args: string[] = [];
  const has = (re: RegExp): boolean => userArgs.some((a) => re.test(a));
  // Two workers match the two-core machines (dev and CI) and keep DB/Redis contention sane.
  if (!has(/^(--maxWorkers|-w|--runInBand|-i)(=|$)/)) args.push('--maxWorkers=2');
  // A JSON report lets us print one plain "N passed, N failed" line at the end.
  if (!has(/^(--json|--outputFile)(=|$)/)) args.push('--json', `--outputFile=${RESULTS_FILE}`);
  return [...args, ...userArgs];
}

/** Prints `jest: N passed, N failed[, N skipped]` from the JSON report, when there is one. */
function printTotals(): void {
  try {
    const r = jestReport.parse(JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')));
    const skipped = r.numPendingTests + r.numTodoTests;
    // A suite that could not even load counts as a failure, so "0 failed" never hides it.
    const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
    console.log(`jest: ${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  } catch {
    // Jest wrote no report (e.g. it failed before running); its own output says why.
  }
}

async function main(): Promise<number> {
  let services: EnsuredServices;
  try {
    services = await ensureServices({ log: (msg) => console.log(`[services] ${msg}`) });
  } catch (err) {
    console.error(`[services] ${errorMessage(err)}`);
    console.error('Unit tests alone need no services: npm run test:unit. See docs/setup.md.');
    return 1;
  }
  for (const line of services.summary) console.log(`[services] ${line}`);
  // libs/documents specs read their PDFs back with pdftotext/pdftoppm (poppler-utils).
  // The page specs (test/*.browser.e2e-spec.ts) drive Chromium through playwright-core, at CHROMIUM_PATH.
  let chromiumPath: string;
  try {
    console.log(`[services] ${await ensurePdfTools((msg) => console.log(`[services] ${msg}`))}`);
    const browser = await ensureBrowser((msg) => console.log(`[services] ${msg}`));
    console.log(`[services] ${browser.line}`);
    chromiumPath = browser.path;
  } catch (err) {
    console.error(`[services] ${errorMessage(err)}`);
    return 1;
  }

  // The API the specs start serves /dashboard from dist/dashboard: built here, so a fresh clone passes.
  try {
    console.log(`[build] ${describeBuild(await buildDashboard())}`);
  } catch (err) {
    console.error(`[build] ${errorMessage(err)}`);
    return 1;
  }

  fs.rmSync(RESULTS_FILE, { force: true }); // never report totals of an earlier run
  const env = {
    ...process.env,
    DATABASE_URL: services.databaseUrl,
    REDIS_URL: services.redisUrl,
    CHROMIUM_PATH: chromiumPath,
  };
  // Same binary `npx jest` would run, started directly so signals and the exit code pass through cleanly.
  const jest = execa(
    process.execPath,
    [require.resolve('jest/bin/jest'), ...jestArgs(process.argv.slice(2))],
    {
      stdio: 'inherit',
      env,
      reject: false,
      forceKillAfterDelay: false, // Jest handles a second Ctrl-C itself
    },
  );
  // Forward Ctrl-C / kill to Jest instead of leaving it orphaned.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => jest.kill(signal));

  const res = await jest;
  if (res.exitCode === undefined && res.signal === undefined) {
    console.error(`could not start jest: ${res.originalMessage ?? res.shortMessage}`);
    return 1;
  }
  printTotals();
  return res.exitCode ?? 128 + (res.signal ? os.constants.signals[res.signal] : 0);
}

void main().then((code) => process.exit(code));
