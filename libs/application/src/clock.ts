export const CLOCK = Symbol('CLOCK');

/** Time is an input: use cases ask the clock, tests replace it. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
