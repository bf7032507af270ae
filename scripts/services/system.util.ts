// Child commands without stdin (CI has none), executables on PATH, pids and polling: the OS side of services.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { errorCode } from '../support/errors';
import { ROOT } from '../support/paths';

export interface RunOptions {
  timeout?: number;
  env?: NodeJS.ProcessEnv;
  /** Runs the command as this user through runuser (initdb/pg_ctl refuse to run as root). */
  asUser?: string;
  /** Shows the command's output on stderr (apt, docker: progress) instead of capturing it. */
  echo?: boolean;
}

export interface RunResult {
  /** Exit code; -1 when it could not start, timed out or died of a signal. */
  code: number;
  out: string;
}

export const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a command to completion and returns its code and (unless echoed) its stdout then stderr, trimmed. */
export async function run(
  cmd: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const { timeout = 30000, env, asUser, echo = false } = options;
  const [file, argv] = asUser ? ['runuser', ['-u', asUser, '--', cmd, ...args]] : [cmd, args];
  const output = echo ? 2 : 'pipe';
  const res = await execa(file, argv, {
    cwd: asUser ? '/' : ROOT, // the other user may not be allowed into the checkout
    env: env ?? process.env,
    timeout,
    stdin: 'ignore',
    stdout: output,
    stderr: output,
    reject: false,
  });
  const out = `${res.stdout ?? ''}${res.stderr ?? ''}`.trim();
  if (res.exitCode !== undefined) return { code: res.exitCode, out };
  return { code: -1, out: `${res.originalMessage || res.shortMessage}\n${out}` };
}

/** Full path of an executable found on PATH or in the extra directories, else null. */
export function findExecutable(name: string, extraDirs: readonly string[] = []): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...extraDirs].filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/** Polls `check` until it reports ok or fatal; throws with the last error after the timeout. */
export async function waitFor<T extends { ok: boolean; error?: string; fatal?: string }>(
  check: () => Promise<T>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last.ok || last.fatal !== undefined) return last;
    await sleep(500);
  }
  throw new Error(`${what} did not become reachable within ${timeoutMs / 1000}s (${last?.error})`);
}

/** Last lines of a log file, for error messages. */
export function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** True while pid runs; a zombie (exited, not yet reaped by its parent) counts as gone. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return errorCode(err) === 'EPERM';
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (macOS): kill(0) is all we can tell
  }
}

/** The pid written in a pid file, or 0. */
export function readPid(file: string): number {
  try {
    return Number(fs.readFileSync(file, 'utf8').trim()) || 0;
  } catch {
    return 0;
  }
}

/** SIGTERM, then waits for the pid to go; true when it did within the timeout. */
export async function stopPid(pid: number, timeoutMs = 15000): Promise<boolean> {
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (pidAlive(pid) && Date.now() < deadline) await sleep(200);
  return !pidAlive(pid);
}
