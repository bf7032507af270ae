// Pieces every stage of a dossier's life uses: the event sink, the plan decided up front, office-hours times.
import { MIN_MS, dayOf } from '../calendar';
import type { DemoCalendar } from '../calendar';
import type { Rng } from '../prng';
import type { EventType, Step } from './generator.types';

export type Emit = (type: EventType, t: number, data: Record<string, unknown>, actor: string) => void;

export type HandoverMethod = 'electronic' | 'paper' | 'postal';

/** What is decided about a dossier before it moves: its fate, handovers and working minutes per step. */
export interface LifePlan {
  late: boolean;
  stuck: boolean;
  withdrawn: boolean;
  stopped: boolean;
  supplement: boolean;
  supplementNever: boolean;
  obligation: boolean;
  apology: boolean;
  keepsNewDate: boolean;
  reappointDays: number;
  /** Handover method out of each step but the last. */
  methods: HandoverMethod[];
  /** Working minutes spent in each step. */
  w: number[];
  /** Index of the step that makes a late dossier late (null when on time). */
  culprit: number | null;
}

/** Who logs a handover out of a step: the desk officer, the division's specialist, or its head after review. */
export function forwardActor(step: Step, deskUnit: string): string {
  if (step.unitCode === deskUnit) return 'officer';
  return step.code === 'DY' ? `unit_head:${step.unitCode}` : `specialist:${step.unitCode}`;
}

/** An office-hours instant `days` calendar days after t (next working day when that one is not), after t. */
export function officeTimeAfter(cal: DemoCalendar, r: Rng, t: number, days: number): number {
  let d = dayOf(t) + days;
  if (!cal.isWorkingDay(d)) d = cal.nextWorkingDay(d);
  const x = cal.officeTime(d, r.next());
  return x > t ? Math.floor(x / MIN_MS) * MIN_MS : cal.addWorkingMinutes(t, r.int(20, 120));
}

export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
