// Build check, child processes (API and worker) and their clean shutdown, through execa; free ports via get-port.
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execa } from 'execa';
import getPort from 'get-port';

/** Newest mtime of the TypeScript sources the build compiles (specs excluded: they are not in dist). */
function newestSource(dirs: readonly string[]): { mtimeMs: number; file: string | null } {
  let newest: { mtimeMs: number; file: string | null } = { mtimeMs: 0, file: null };
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
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
export function buildReason(root: string, entries: readonly string[]): string | null {
  const missing = entries.filter((e) => !fs.existsSync(path.join(root, e)));
  if (missing.length > 0) return `${missing.join(', ')} missing`;
  const oldest = Math.min(...entries.map((e) => fs.statSync(path.join(root, e)).mtimeMs));
  const src = newestSource([path.join(root, 'apps'), path.join(root, 'libs')]);
  return src.mtimeMs > oldest && src.file ? `${path.relative(root, src.file)} is newer than dist` : null;
}

/** The conventional exit status of a command: its code, 128 + signal number when killed, -1 when it never ran. */
function exitStatus(res: { exitCode?: number; signal?: string }): number {
  if (res.exitCode !== undefined) return res.exitCode;
  if (res.signal !== undefined) return 128 + (os.constants.signals[res.signal as NodeJS.Signals] ?? 0);
  return -1;
}

/** Runs a command with inherited output (npm run build); resolves with its exit status. */
export async function run(cmd: string, args: readonly string[], { cwd }: { cwd: string }): Promise<number> {
  return exitStatus(await execa(cmd, args, { cwd, stdio: 'inherit', reject: false }));
}

/** Runs a command and captures its interleaved output (for db:setup, whose last line we reprint). */
export async function capture(
  cmd: string,
  args: readonly string[],
  { cwd, env }: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ code: number; out: string }> {
  const res = await execa(cmd, args, { cwd, env, stdin: 'ignore', all: true, reject: false });
  if (res.exitCode === undefined && res.signal === undefined)
    return { code: -1, out: res.originalMessage ?? res.shortMessage ?? '' };
  return { code: res.exitCode ?? 1, out: res.all ?? '' };
}

/** `wanted` when nothing listens on it, else a port the OS says is free right now. */
export async function freePort(wanted: number): Promise<number> {
  return getPort({ port: wanted });
}

export interface Child {
  name: string;
  pid: number | undefined;
  logFile: string;
  /** Resolves with the exit code, or the signal that ended it. */
  exited: Promise<number | string>;
  alive(): boolean;
  /** SIGTERM (Nest runs its shutdown hooks), then SIGKILL after the grace period; how it ended. */
  stop(): Promise<string>;
  /** Last resort on exit: SIGTERM without waiting. */
  kill(): void;
}

/** A node child whose output goes to a log file. */
export async function startChild(
  name: string,
  script: string,
  {
    cwd,
    env,
    logFile,
    graceMs = 10_000,
    args = [],
  }: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; graceMs?: number; args?: readonly string[] },
): Promise<Child> {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  // An open file stream is handed to the child as its fd: it writes straight to the file, not through us.
  const log = fs.createWriteStream(logFile);
  await once(log, 'open');
  // Own process group: a terminal Ctrl-C reaches only the demo, which then stops each child with one SIGTERM
  // (the apps treat a second signal as "exit now", so a child must not get both the terminal's and ours).
  const child = execa(process.execPath, [script, ...args], {
    cwd,
    env,
    stdin: 'ignore',
    stdout: log,
    stderr: log,
    detached: true,
    reject: false,
    forceKillAfterDelay: graceMs,
  });
  log.close();
  const exited = child.then((res) => res.exitCode ?? res.signal ?? 'unknown');
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;
  return {
    name,
    pid: child.pid,
    logFile,
    exited,
    alive,
    kill: () => void child.kill('SIGTERM'),
    async stop() {
      if (!alive()) return 'already stopped';
      child.kill('SIGTERM');
      const res = await child;
      return res.isForcefullyTerminated ? 'killed after timeout' : `exited (${res.exitCode ?? res.signal})`;
    },
  };
}

/** Last lines of a log file, for error messages. */
export function tail(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
