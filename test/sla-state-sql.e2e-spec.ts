/**
 * The worklist query and the fold decide a dossier's SLA state with one rule: the SQL generated from
 * SLA_STATE_RULE gives, for random projection rows in real PostgreSQL, the same state as `slaStateOf`.
 */
import fc from 'fast-check';
import { Client } from 'pg';
import { slaStateSql } from '@motcua/database';
import { SLA_STATES, slaStateOf, startOfNextLocalDay, type SlaFacts } from '@motcua/sla';
import { BASE_DATABASE_URL } from './support/harness';

let db: Client;

beforeAll(async () => {
  db = new Client({ connectionString: BASE_DATABASE_URL });
  await db.connect();
  // A session-local table with the projection's SLA columns: nothing outside this connection sees it.
  await db.query(`CREATE TEMP TABLE sla_rows (
    code text PRIMARY KEY, is_open boolean NOT NULL, is_paused boolean NOT NULL, due_at timestamptz,
    warning_at timestamptz, apology_deadline timestamptz, apology_issued boolean NOT NULL)`);
});

afterAll(async () => {
  await db?.end();
});

const BASE = Date.parse('2025-03-14T09:00:00+07:00');
const HOUR = 3_600_000;

/** Instants near `now`, with the boundaries themselves (now, local midnight) drawn often. */
const instantNear = (now: number) =>
  fc.option(
    fc.oneof(
      fc.constant(now),
      fc.constant(startOfNextLocalDay(now)),
      fc.constant(startOfNextLocalDay(now) - 1),
      fc.integer({ min: -72, max: 72 }).map((h) => now + h * HOUR),
      fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 }).map((m) => now + m * 60_000),
    ),
    { nil: null },
  );

const factsNear = (now: number): fc.Arbitrary<SlaFacts> =>
  fc.record({
    open: fc.boolean(),
    paused: fc.boolean(),
    dueAt: instantNear(now),
    warningAt: instantNear(now),
    apologyDeadline: instantNear(now),
    apologyIssued: fc.boolean(),
  });

const scenario = fc
  .integer({ min: -48 * 60, max: 48 * 60 })
  .map((m) => BASE + m * 60_000)
  .chain((now) => fc.tuple(fc.constant(now), fc.array(factsNear(now), { minLength: 1, maxLength: 40 })));

async function sqlStates(now: number, rows: SlaFacts[]): Promise<string[]> {
  await db.query('TRUNCATE sla_rows');
  const date = (t: number | null) => (t === null ? null : new Date(t));
  for (const [i, f] of rows.entries()) {
    await db.query('INSERT INTO sla_rows VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      String(i).padStart(3, '0'),
      f.open,
      f.paused,
      date(f.dueAt),
      date(f.warningAt),
      date(f.apologyDeadline),
      f.apologyIssued,
    ]);
  }
  const out: string[] = rows.map(() => '');
  for (const state of SLA_STATES) {
    const params: unknown[] = [];
    const bind = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    let n: string | undefined;
    let t: string | undefined;
    const predicate = slaStateSql(
      state,
      () => (n ??= bind(new Date(now))),
      () => (t ??= bind(new Date(startOfNextLocalDay(now)))),
    );
    const { rows: hits } = await db.query<{ code: string }>(
      `SELECT code FROM sla_rows WHERE ${predicate}`,
      params,
    );
    for (const h of hits) {
      const i = Number(h.code);
      // Each row must fall in exactly one state.
      expect(out[i]).toBe('');
      out[i] = state;
    }
  }
  return out;
}

describe('the SLA state in SQL and in TypeScript', () => {
  it('agree on random rows, boundaries included, and every row has exactly one state', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ([now, rows]) => {
        expect(await sqlStates(now, rows)).toEqual(rows.map((f) => slaStateOf(f, now)));
      }),
      { numRuns: 150 },
    );
  });
});
