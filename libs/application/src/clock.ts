export const CLOCK = Symbol('CLOCK');

/** Time is an input: use cases ask the clock, tests replace it. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** The system clock moved by `offsetMs` (a demo's working afternoon at any real hour); the system clock for 0. */
export function shiftedClock(offsetMs: number): Clock {
  return offsetMs === 0 ? systemClock : { now: () => Date.now() + offsetMs };
}
