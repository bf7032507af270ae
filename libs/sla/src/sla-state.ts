import { addDays, localInstant, toLocalDate, type Instant } from '@motcua/calendar';

import type { SlaState } from '@motcua/contracts';

export { SLA_STATES } from '@motcua/contracts';
export type { SlaState };

/** The stored, time-independent facts that decide a dossier's SLA state at any instant. */
export interface SlaFacts {
  /** Status is RECEIVED, IN_PROCESS, SUPPLEMENT_REQUESTED or WAITING_FINANCIAL_OBLIGATION. */
  open: boolean;
  /** The clock is stopped: an open supplement pause, or an open pause that moves the due date. */
  paused: boolean;
  dueAt: Instant | null;
  warningAt: Instant | null;
  apologyDeadline: Instant | null;
  apologyIssued: boolean;
}

/** One condition, in a form TypeScript and SQL can both evaluate. A null instant never counts as reached. */
export type SlaCondition =
  | { fact: 'open' | 'paused' | 'apologyIssued'; is: boolean }
  | { instant: 'dueAt' | 'warningAt'; reached: 'by_now' } // instant <= now
  | { instant: 'apologyDeadline'; reached: 'by_end_of_today' }; // instant < start of the next local day (Asia/Ho_Chi_Minh) after now

export interface SlaStateRuleEntry {
  state: SlaState;
  when: ReadonlyArray<SlaCondition>;
}

function entry(state: SlaState, ...when: SlaCondition[]): SlaStateRuleEntry {
  return Object.freeze({ state, when: Object.freeze(when.map((c) => Object.freeze(c))) });
}

/** Ordered: the first rule whose conditions all hold decides. The last one has no condition, so one always does. */
export const SLA_STATE_RULE: ReadonlyArray<SlaStateRuleEntry> = Object.freeze([
  entry('closed', { fact: 'open', is: false }),
  entry('paused', { fact: 'paused', is: true }),
  entry('overdue', { instant: 'dueAt', reached: 'by_now' }),
  // §5.2: the apology is due from the first moment of its deadline's local day until it is issued.
  entry(
    'apology_due',
    { fact: 'apologyIssued', is: false },
    { instant: 'apologyDeadline', reached: 'by_end_of_today' },
  ),
  entry('due_soon', { instant: 'warningAt', reached: 'by_now' }),
  entry('on_track'),
]);

/** The local midnight that starts the day after `now` (the 'by_end_of_today' boundary). */
export function startOfNextLocalDay(now: Instant): Instant {
  return localInstant(addDays(toLocalDate(now), 1), '00:00');
}

function holds(condition: SlaCondition, facts: SlaFacts, now: Instant): boolean {
  if ('fact' in condition) return facts[condition.fact] === condition.is;
  const t = facts[condition.instant];
  if (t === null) return false;
  return condition.reached === 'by_now' ? t <= now : t < startOfNextLocalDay(now);
}

export function slaStateOf(facts: SlaFacts, now: Instant): SlaState {
  for (const rule of SLA_STATE_RULE) {
    if (rule.when.every((c) => holds(c, facts, now))) return rule.state;
  }
  throw new Error('SLA_STATE_RULE must end with a rule without conditions');
}
