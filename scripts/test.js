'use strict';
// `npm test [-- jest args]`: makes PostgreSQL and Redis reachable, then runs every Jest project against them.
// Exits with Jest's own exit code; no --forceExit, so leaked handles show up as a hanging run.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureServices } = require('./services');

const RESULTS_FILE = path.join(__dirname, '..', '.data', 'jest-results.json');

/** Jest args: ours first (unless the caller chose their own), then the caller's. */
function jestArgs(userArgs) {
  const args = [];
  const has = (re) => userArgs.some((a) => re.test(a));
  // Two workers match the two-core machines (dev and CI) and keep DB/Redis contention sane.
  if (!has(/^(--maxWorkers|-w|--runInBand|-i)(=|$)/)) args.push('--maxWorkers=2');
  // A JSON report lets us print one plain "N passed, N failed" line at the end.
  if (!has(/^(--json|--outputFile)(=|$)/)) args.push('--json', `--outputFile=${RESULTS_FILE}`);
  return [...args, ...userArgs];
}

/** Prints `jest: N passed, N failed[, N skipped]` from the JSON report, when there is one. */
function printTotals() {
  try {
    const r = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8'));
    const skipped = r.numPendingTests + r.numTodoTests;
    // A suite that could not even load counts as a failure, so "0 failed" never hides it.
    const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
    console.log(`jest: ${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  } catch {
    // Jest wrote no report (e.g. it failed before running); its own output says why.
  }
}

async function main() {
  let services;
  try {
    services = await ensureServices({ log: (msg) => console.log(`[services] ${msg}`) });
  } catch (err) {
    console.error(`[services] ${err.message}`);
    console.error('Unit tests alone need no services: npm run test:unit. See docs/setup.md.');
    return 1;
  }
  for (const line of services.summary) console.log(`[services] ${line}`);

  fs.rmSync(RESULTS_FILE, { force: true }); // never report totals of an earlier run
  const env = { ...process.env, DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl };
  const args = jestArgs(process.argv.slice(2));
  // Same binary `npx jest` would run, started directly so signals and the exit code pass through cleanly.
  const jest = spawn(process.execPath, [require.resolve('jest/bin/jest'), ...args], {
    stdio: 'inherit',
    env,
  });
  // Forward Ctrl-C / kill to Jest instead of leaving it orphaned.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => jest.kill(signal));

  return new Promise((resolve) => {
    jest.on('error', (err) => {
      console.error(`could not start jest: ${err.message}`);
      resolve(1);
    });
    jest.on('exit', (code, signal) => {
      printTotals();
      resolve(code ?? 128 + (os.constants.signals[signal] || 0));
    });
  });
}

main().then((code) => process.exit(code));
