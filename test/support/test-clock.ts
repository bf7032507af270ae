// Time is an input: the API, the worker and the test share one clock that only the test moves.
import type { Clock } from '@motcua/application';

/**
 * A clock the tests move by hand. Stopped by default; `run()` lets it follow real time from its reading (for the
 * deadline tracker's timers, which BullMQ runs in real time: a deadline a few seconds ahead of a running clock
 * comes after those seconds), `stop()` freezes it again.
 */
export class TestClock implements Clock {
  private runningSince: number | null = null;

  constructor(public t: number) {}
  now(): number {
    return this.runningSince === null ? this.t : this.t + (Date.now() - this.runningSince);
  }
  set(iso: string | number): void {
    this.t = typeof iso === 'number' ? iso : Date.parse(iso);
    if (this.runningSince !== null) this.runningSince = Date.now();
  }
  advance(ms: number): void {
    this.set(this.now() + ms);
  }
  /** Follows real time from now on, starting at the current reading. */
  run(): void {
    if (this.runningSince !== null) return;
    this.runningSince = Date.now();
  }
  /** Stops at the current reading. */
  stop(): void {
    this.t = this.now();
    this.runningSince = null;
  }
  get running(): boolean {
    return this.runningSince !== null;
  }
}
