'use strict';
// Build check, child processes (API and worker) and their clean shutdown.

const childProcess = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Newest mtime of the TypeScript sources the build compiles (specs excluded: they are not in dist). */
function newestSource(dirs) {
  let newest = { mtimeMs: 0, file: null };
  const walk = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|json)$/.test(e.name) && !/\.spec\.ts$/.test(e.name)) {
        const m = fs.statSync(p).mtimeMs;
        if (m > newest.mtimeMs) newest = { mtimeMs: m, file: p };
      }
    }
  };
  dirs.forEach(walk);
  return newest;
}

/** Why a build is needed (a sentence), or null when dist is newer than every source. */
function buildReason(root, entries) {
  const missing = entries.filter((e) => !fs.existsSync(path.join(root, e)));
  if (missing.length > 0) return `${missing.join(', ')} missing`;
  const oldest = Math.min(...entries.map((e) => fs.statSync(path.join(root, e)).mtimeMs));
  const src = newestSource([path.join(root, 'apps'), path.join(root, 'libs')]);
  return src.mtimeMs > oldest ? `${path.relative(root, src.file)} is newer than dist` : null;
}

/** Runs a command with inherited output; resolves with its exit code. */
function run(cmd, args, { cwd, env } = {}) {
  return new Promise((resolve) => {
    const child = childProcess.spawn(cmd, args, { cwd, env: env || process.env, stdio: 'inherit' });
    child.on('error', () => resolve(-1));
    child.on('exit', (code, signal) => resolve(code === null ? 128 + (signal ? 1 : 0) : code));
  });
}

/** Runs a command and captures its output (for db:setup, whose one line we reprint). */
function capture(cmd, args, { cwd, env } = {}) {
  return new Promise((resolve) => {
    const child = childProcess.spawn(cmd, args, {
      cwd,
      env: env || process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    child.on('error', (err) => resolve({ code: -1, out: err.message }));
    child.on('exit', (code) => resolve({ code: code === null ? 1 : code, out }));
  });
}

/** True when nothing listens on host:port. */
function portFree(port, host = '0.0.0.0') {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

/** A port the OS says is free right now. */
function anyFreePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '0.0.0.0', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** A node child whose output goes to a log file; `exited` resolves with its exit code. */
function startChild(name, script, { cwd, env, logFile }) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'w');
  // Own process group: a terminal Ctrl-C reaches only the demo, which then stops each child with one SIGTERM
  // (the apps treat a second signal as "exit now", so a child must not get both the terminal's and ours).
  const child = childProcess.spawn(process.execPath, [script], {
    cwd,
    env,
    stdio: ['ignore', out, out],
    detached: true,
  });
  fs.closeSync(out);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return { name, child, logFile, exited, alive: () => child.exitCode === null && child.signalCode === null };
}

/** SIGTERM (Nest runs its shutdown hooks), then SIGKILL after the grace period. */
async function stopChild(c, graceMs = 10_000) {
  if (!c || !c.alive()) return 'already stopped';
  c.child.kill('SIGTERM');
  const result = await Promise.race([c.exited, sleep(graceMs).then(() => 'timeout')]);
  if (result !== 'timeout') return `exited (${result})`;
  c.child.kill('SIGKILL');
  await c.exited;
  return 'killed after timeout';
}

function tail(file, lines = 20) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

module.exports = { buildReason, run, capture, portFree, anyFreePort, startChild, stopChild, tail, sleep };
