// Time is an input: the API, the worker and the test share one clock that only the test moves.
import type { Clock } from '@motcua/application';

/** A clock the tests move by hand. */
export class TestClock implements Clock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
  set(iso: string | number): void {
    this.t = typeof iso === 'number' ? iso : Date.parse(iso);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
