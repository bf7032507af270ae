// What the demo must undo however it ends (Ctrl-C, --exit, an error, a child dying): stop the API and the
// worker, then release the Redis db claim. Stopping happens once, whoever asks first.
import * as path from 'node:path';
import { ROOT } from '../support/paths';
import { say, step } from './demo.output';
import { type Child, tail } from './processes';

export class DemoLifecycle {
  private readonly children: Child[] = [];
  private readonly releases: (() => Promise<void>)[] = [];
  private stopping: Promise<void> | null = null;

  constructor() {
    // Last resort if the demo dies without stopping them: children live in their own process group.
    process.on('exit', () => {
      for (const c of this.children) if (c.alive()) c.kill();
    });
  }

  /** Ctrl-C / kill: stop everything, then exit 130 / 143. */
  handleSignals(): void {
    const onSignal = (signal: NodeJS.Signals): void =>
      void this.stopAll(signal).then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }

  onStop(release: () => Promise<void>): void {
    this.releases.push(release);
  }

  /** Stops the child with the others; if it exits on its own before that, shows its log and stops the demo. */
  watch(c: Child): void {
    this.children.push(c);
    void c.exited.then((code) => {
      if (this.stopping || !this.children.includes(c)) return;
      console.error(
        `\n${c.name} exited unexpectedly (${code}); last lines of ${path.relative(ROOT, c.logFile)}:`,
      );
      console.error(tail(c.logFile));
      void this.stopAll(`${c.name} died`).then(() => process.exit(1));
    });
  }

  /** Stops a watched child on purpose (it is replaced): its exit does not stop the demo. */
  async retire(c: Child): Promise<string> {
    const i = this.children.indexOf(c);
    if (i >= 0) this.children.splice(i, 1);
    return c.stop();
  }

  async stopAll(reason: string): Promise<void> {
    this.stopping ??= (async () => {
      if (this.children.length > 0) {
        step(`stopping (${reason})`);
        for (const c of [...this.children].reverse()) say(`  ${c.name}: ${await c.stop()}`);
      }
      for (const release of this.releases) await release();
    })();
    return this.stopping;
  }
}
