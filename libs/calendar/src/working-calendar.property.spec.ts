import { join } from 'node:path';
import fc from 'fast-check';
import {
  MS_PER_DAY,
  VN_OFFSET_MS,
  addDays,
  epochDayOfInstant,
  localInstant,
  toLocalDate,
} from './local-time.util';
import { createNaiveWalkCalendar } from './naive-walk.calendar';
import { loadOfficialYears } from '@motcua/config';
import { createWorkingCalendar } from './working-calendar';

const officialYears = loadOfficialYears(join(__dirname, '../../../config/calendars'));
const cal = createWorkingCalendar({ officialYears });
const naive = createNaiveWalkCalendar({ officialYears });

const FROM = localInstant('2019-01-01', '00:00');
const TO = localInstant('2031-12-31', '23:59:59');
const SESSION_EDGES = ['07:00', '11:30', '13:30', '17:00'].map(
  (hhmm) => localInstant('1970-01-01', hhmm) + VN_OFFSET_MS,
);
const NUM_RUNS = 1000;

/** Uniform instants plus instants within ±2 s of a session edge, where off-by-one bugs live. */
const instantArb = fc.oneof(
  fc.integer({ min: FROM, max: TO }),
  fc
    .tuple(
      fc.integer({ min: epochDayOfInstant(FROM), max: epochDayOfInstant(TO) }),
      fc.constantFrom(...SESSION_EDGES),
      fc.integer({ min: -2, max: 2 }),
    )
    .map(([day, edge, seconds]) => day * MS_PER_DAY - VN_OFFSET_MS + edge + seconds * 1000),
);
/** Whole minutes up to 30 working days, plus second-granular amounts. */
const minutesArb = fc.oneof(
  fc.integer({ min: 0, max: 30 * 480 }),
  fc.integer({ min: 0, max: 30 * 480 * 60 }).map((s) => s / 60),
);
/** A second instant near the first (the naive walk is linear in the gap), sometimes anywhere in range. */
const pairArb = fc.oneof(
  {
    arbitrary: fc.tuple(instantArb, fc.integer({ min: -400 * MS_PER_DAY, max: 400 * MS_PER_DAY })),
    weight: 9,
  },
  { arbitrary: fc.tuple(instantArb, instantArb).map(([a, b]) => [a, b - a] as [number, number]), weight: 1 },
);
const dateArb = fc.integer({ min: FROM, max: TO }).map(toLocalDate);

function msOfLocalDay(t: number): number {
  return (((t + VN_OFFSET_MS) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
}

describe('IndexedWorkingCalendar properties (2019–2031, official + statutory years)', () => {
  it('workingMinutesBetween(t, addWorkingMinutes(t, m)) === m for t at working time', () => {
    fc.assert(
      fc.property(instantArb, minutesArb, (raw, m) => {
        const t = cal.nextOpening(raw);
        expect(cal.isWorkingTime(t)).toBe(true);
        expect(cal.workingMinutesBetween(t, cal.addWorkingMinutes(t, m))).toBeCloseTo(m, 9);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('addWorkingMinutes returns working time, or exactly a session end, and is the earliest such instant', () => {
    fc.assert(
      fc.property(instantArb, minutesArb, (t, m) => {
        const due = cal.addWorkingMinutes(t, m);
        if (!cal.isWorkingTime(due)) {
          expect(cal.isWorkingDay(toLocalDate(due))).toBe(true);
          expect([SESSION_EDGES[1], SESSION_EDGES[3]]).toContain(msOfLocalDay(due));
        }
        if (m > 0) expect(cal.workingMinutesBetween(cal.nextOpening(t), due - 1)).toBeLessThan(m);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('agrees with the naive day-by-day walk', () => {
    fc.assert(
      fc.property(pairArb, minutesArb, fc.integer({ min: -40, max: 40 }), ([a, gap], m, n) => {
        const b = a + gap;
        expect(cal.addWorkingMinutes(a, m)).toBe(naive.addWorkingMinutes(a, m));
        expect(cal.nextOpening(a)).toBe(naive.nextOpening(a));
        expect(cal.isWorkingTime(a)).toBe(naive.isWorkingTime(a));
        expect(cal.workingMinutesBetween(a, b)).toBeCloseTo(naive.workingMinutesBetween(a, b), 9);
        const date = toLocalDate(a);
        expect(cal.addWorkingDays(date, n)).toBe(naive.addWorkingDays(date, n));
        expect(cal.previousWorkingDay(date)).toBe(naive.previousWorkingDay(date));
        expect(cal.nextWorkingDay(date)).toBe(naive.nextWorkingDay(date));
        expect(cal.isWorkingDay(date)).toBe(naive.isWorkingDay(date));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('workingMinutesBetween(a, b) = −workingMinutesBetween(b, a)', () => {
    fc.assert(
      fc.property(instantArb, instantArb, (a, b) => {
        expect(cal.workingMinutesBetween(a, b) + cal.workingMinutesBetween(b, a)).toBe(0);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('is monotonic in the start, the amount and the interval end', () => {
    fc.assert(
      fc.property(instantArb, instantArb, minutesArb, minutesArb, (x, y, m1, m2) => {
        const [t1, t2] = x <= y ? [x, y] : [y, x];
        const [small, large] = m1 <= m2 ? [m1, m2] : [m2, m1];
        expect(cal.addWorkingMinutes(t1, small)).toBeLessThanOrEqual(cal.addWorkingMinutes(t1, large));
        expect(cal.addWorkingMinutes(t1, small)).toBeLessThanOrEqual(cal.addWorkingMinutes(t2, small));
        expect(cal.workingMinutesBetween(t1, t2)).toBeGreaterThanOrEqual(0);
        expect(cal.nextOpening(t1)).toBeLessThanOrEqual(cal.nextOpening(t2));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('addWorkingDays is consistent with previous/next working day and day-by-day counting', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 40 }), (date, n) => {
        const due = cal.addWorkingDays(date, n);
        expect(cal.isWorkingDay(due)).toBe(true);
        let count = 0;
        for (let d = addDays(date, 1); d <= due; d = addDays(d, 1)) if (cal.isWorkingDay(d)) count++;
        expect(count).toBe(n);
        expect(cal.addWorkingDays(due, -n)).toBe(
          cal.addWorkingDays(date, 0) === date ? date : cal.previousWorkingDay(date),
        );
      }),
      { numRuns: 300 },
    );
  });
});
