import fc from 'fast-check';
import {
  SLA_STATES,
  SLA_STATE_RULE,
  slaStateOf,
  startOfNextLocalDay,
  type SlaFacts,
  type SlaState,
} from './sla-state';
import { at, fmt } from './testing/sla-fixtures';

// The dossier of the fold's example: received Mon 06/01/2025 08:00, five working days.
const running: SlaFacts = {
  open: true,
  paused: false,
  dueAt: at('2025-01-13 08:00'),
  warningAt: at('2025-01-10 08:00'),
  apologyDeadline: at('2025-01-10 17:00'),
  apologyIssued: false,
};
const noDeadline: SlaFacts = { ...running, dueAt: null, warningAt: null, apologyDeadline: null };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('slaStateOf: one state per dossier and instant', () => {
  it.each<[string, number, Partial<SlaFacts>, SlaState]>([
    ['well before any deadline', at('2025-01-09 12:00'), {}, 'on_track'],
    ['the last instant before the apology deadline’s local day', at('2025-01-10 00:00') - 1, {}, 'on_track'],
    ['local midnight starting the apology deadline’s day', at('2025-01-10 00:00'), {}, 'apology_due'],
    ['after the apology deadline itself, before the due', at('2025-01-12 10:00'), {}, 'apology_due'],
    ['one millisecond before the due', at('2025-01-13 08:00') - 1, {}, 'apology_due'],
    ['exactly at the due', at('2025-01-13 08:00'), {}, 'overdue'],
    ['exactly at the due, apology issued', at('2025-01-13 08:00'), { apologyIssued: true }, 'overdue'],
    [
      'one millisecond before the warning, apology issued',
      at('2025-01-10 08:00') - 1,
      { apologyIssued: true },
      'on_track',
    ],
    ['exactly at the warning, apology issued', at('2025-01-10 08:00'), { apologyIssued: true }, 'due_soon'],
    ['paused, even long after the due', at('2025-02-01 08:00'), { paused: true }, 'paused'],
    ['closed, even while a pause is open', at('2025-02-01 08:00'), { open: false, paused: true }, 'closed'],
    ['closed before any deadline', at('2025-01-07 08:00'), { open: false }, 'closed'],
  ])('%s', (_, now, facts, expected) => {
    expect(slaStateOf({ ...running, ...facts }, now)).toBe(expected);
  });

  it('an apology deadline counts by the local day (UTC+7), not the UTC day', () => {
    const facts = { ...running, apologyDeadline: at('2025-01-10 17:00') };
    // Fri 10/01 01:00 local is still Thu 09/01 in UTC.
    expect(slaStateOf(facts, Date.parse('2025-01-09T18:00:00Z'))).toBe('apology_due');
    // Thu 09/01 23:59 local is already Thu 09/01 16:59 UTC, a day before the deadline's local day.
    expect(slaStateOf(facts, Date.parse('2025-01-09T16:59:00Z'))).toBe('on_track');
    // A deadline late in its local day is due from that day's first instant.
    const late = { ...running, apologyDeadline: at('2025-01-10 23:59') };
    expect(slaStateOf(late, at('2025-01-10 00:00'))).toBe('apology_due');
  });

  it('null instants are never reached: an open, running dossier without a deadline is on track', () => {
    expect(slaStateOf(noDeadline, at('2099-01-01 00:00'))).toBe('on_track');
    expect(slaStateOf({ ...noDeadline, warningAt: at('2025-01-10 08:00') }, at('2025-01-11 08:00'))).toBe(
      'due_soon',
    );
    expect(slaStateOf({ ...noDeadline, dueAt: at('2025-01-13 08:00') }, at('2025-01-13 08:00'))).toBe(
      'overdue',
    );
  });

  it('the rule names every state and always decides', () => {
    expect([...SLA_STATE_RULE.map((r) => r.state)].sort()).toEqual([...SLA_STATES].sort());
    expect(SLA_STATE_RULE.at(-1)?.when).toEqual([]);
  });
});

describe('startOfNextLocalDay', () => {
  it.each([
    ['2025-01-09 23:59', '2025-01-10T00:00:00+07:00'],
    ['2025-01-10 00:00', '2025-01-11T00:00:00+07:00'],
    ['2025-12-31 07:00', '2026-01-01T00:00:00+07:00'],
    ['2024-02-28 12:00', '2024-02-29T00:00:00+07:00'],
  ])('after %s it is %s', (now, expected) => {
    expect(fmt(startOfNextLocalDay(at(now)))).toBe(expected);
  });
});

/** The local (UTC+7) day number of an instant, by plain arithmetic: independent of the calendar library. */
const localDay = (t: number) => Math.floor((t + 7 * HOUR) / DAY);

/** The precedence of the brief, restated as straight-line code. */
function expectedState(f: SlaFacts, now: number): SlaState {
  if (!f.open) return 'closed';
  if (f.paused) return 'paused';
  if (f.dueAt !== null && f.dueAt <= now) return 'overdue';
  if (!f.apologyIssued && f.apologyDeadline !== null && localDay(f.apologyDeadline) <= localDay(now))
    return 'apology_due';
  if (f.warningAt !== null && f.warningAt <= now) return 'due_soon';
  return 'on_track';
}

// Instants near `now` and near local midnights, where an off-by-one or a UTC day would show.
const nowArb = fc
  .tuple(
    fc.integer({ min: localDay(at('2024-01-01 00:00')), max: localDay(at('2027-01-01 00:00')) }),
    fc.oneof(fc.constantFrom(0, 1, DAY - 1, 17 * HOUR, 17 * HOUR - 1), fc.integer({ min: 0, max: DAY - 1 })),
  )
  .map(([day, ms]) => day * DAY - 7 * HOUR + ms);
const offsetArb = fc.oneof(
  fc.constant(null),
  fc.constantFrom(-1, 0, 1),
  fc.integer({ min: -5 * DAY, max: 5 * DAY }),
  fc.integer({ min: -5, max: 5 }).map((d) => d * DAY),
);
const factsAt = (now: number) =>
  fc
    .record({
      open: fc.boolean(),
      paused: fc.boolean(),
      dueAt: offsetArb,
      warningAt: offsetArb,
      apologyDeadline: offsetArb,
      apologyIssued: fc.boolean(),
    })
    .map((r): SlaFacts => ({
      ...r,
      dueAt: r.dueAt === null ? null : now + r.dueAt,
      warningAt: r.warningAt === null ? null : now + r.warningAt,
      // Offsets from the next local midnight exercise the 'by_end_of_today' boundary.
      apologyDeadline:
        r.apologyDeadline === null ? null : (localDay(now) + 1) * DAY - 7 * HOUR + r.apologyDeadline,
    }));
const factsAndNow = nowArb.chain((now) => factsAt(now).map((facts) => ({ facts, now })));

describe('property: the rule and its restatement agree', () => {
  it('slaStateOf equals the straightforward precedence for any facts and instant', () => {
    fc.assert(
      fc.property(factsAndNow, ({ facts, now }) => {
        expect(slaStateOf(facts, now)).toBe(expectedState(facts, now));
      }),
      { numRuns: 5000 },
    );
  });

  it('startOfNextLocalDay is the local midnight within a day after now', () => {
    fc.assert(
      fc.property(nowArb, (now) => {
        const next = startOfNextLocalDay(now);
        expect((next + 7 * HOUR) % DAY).toBe(0);
        expect(next).toBeGreaterThan(now);
        expect(next - now).toBeLessThanOrEqual(DAY);
      }),
    );
  });
});
