// Crash tests need the worker as a real child process: only then can a test SIGKILL it mid-batch.
import { type ChildProcess, spawn } from 'node:child_process';
import { ROOT } from './settings';

/** What a spawned child carries for the tests: its recent output and a promise of its pipes' close. */
type TrackedChild = ChildProcess & { output?: () => string; closed?: Promise<void> };

/** The worker as a child process (`node -r @swc-node/register apps/worker/src/main.ts`) with `env`. */
export function spawnWorker(env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Only the tail is kept: enough to explain a failure, bounded for long runs.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  Object.assign(child, { output: () => output, closed });
  return child;
}

/** Sends `signal` and resolves once the child has exited and its output pipes are closed. */
export function killChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  const closed = (child as TrackedChild).closed ?? Promise.resolve();
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  return closed;
}

/** The last 20 000 characters the child wrote to stdout and stderr. */
export function childOutput(child: ChildProcess): string {
  return (child as TrackedChild).output?.() ?? '';
}

/** The children still running, so that one failed test cannot leave a worker feeding the next. */
export class Children {
  private readonly running = new Set<ChildProcess>();

  add(child: ChildProcess): ChildProcess {
    this.running.add(child);
    void ((child as TrackedChild).closed ?? Promise.resolve()).then(() => this.running.delete(child));
    return child;
  }

  /** SIGKILLs each child still running and waits for it to close. */
  async killAll(): Promise<void> {
    for (const child of [...this.running]) await killChild(child, 'SIGKILL');
  }
}
