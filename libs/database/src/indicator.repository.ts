import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  COUNTERS,
  FINISHED_COUNTERS,
  RECEIVED_COUNTERS,
  type Counter,
  type CounterTotals,
  type RollupDelta,
} from '@motcua/indicators';
import type { DataSource } from 'typeorm';
import { counterColumn } from './entities/indicator-rollup.entity';

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** Which dossiers a query covers: local months or an instant range, and the optional filters. */
export interface IndicatorFilter {
  /** Responsible units (null: every unit). */
  units: string[] | null;
  /** Procedure codes (null: every procedure; a field filter becomes the list of its procedures). */
  procedures: string[] | null;
  channel: string | null;
}

export interface MonthRange {
  /** First month, `YYYY-MM-01`. */
  from: string;
  /** Last month, `YYYY-MM-01`, included. */
  to: string;
}

export interface InstantRange {
  from: Date;
  /** Excluded. */
  to: Date;
}

export type Interval = 'day' | 'week' | 'month';

const ZONE = `'Asia/Ho_Chi_Minh'`;
const RECEIVED = new Set<Counter>(RECEIVED_COUNTERS);
const zero = (): CounterTotals => Object.fromEntries(COUNTERS.map((c) => [c, 0])) as CounterTotals;

/** `$n` placeholders for the filters, appended to `params`. */
function filterSql(
  f: IndicatorFilter,
  params: unknown[],
  cols: { unit: string; procedure: string; channel: string },
) {
  const parts: string[] = [];
  if (f.units !== null) parts.push(`${cols.unit} = ANY($${params.push(f.units)}::text[])`);
  if (f.procedures !== null) parts.push(`${cols.procedure} = ANY($${params.push(f.procedures)}::text[])`);
  if (f.channel !== null) parts.push(`${cols.channel} = $${params.push(f.channel)}`);
  return parts.map((p) => ` AND ${p}`).join('');
}

const FACT_COLS = {
  unit: `(facts->>'unit')`,
  procedure: `(facts->>'procedure')`,
  channel: `(facts->>'channel')`,
};
const ROLLUP_COLS = { unit: 'unit_code', procedure: 'procedure_code', channel: 'channel' };
const factSum = (part: 'r' | 'f', c: Counter) => `COALESCE(sum((facts->'${part}'->>'${c}')::bigint), 0)`;

function totalsOf(row: Record<string, string | number | null> | undefined, into = zero()): CounterTotals {
  if (row) for (const c of COUNTERS) if (row[c] !== undefined) into[c] += Number(row[c] ?? 0);
  return into;
}

/** Adds rollup deltas, one multi-row upsert in key order (concurrent workers lock rows in the same order). */
export async function addToRollups(db: Queryable, deltas: RollupDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const cols = COUNTERS.map(counterColumn);
  const params: unknown[] = [];
  const values = deltas.map((d) => {
    const cells = [d.month, d.unit, d.procedure, d.channel, ...COUNTERS.map((c) => d.counts[c] ?? 0)];
    return `(${cells.map((v, i) => `$${params.push(v)}${i === 0 ? '::date' : i < 4 ? '::text' : '::bigint'}`).join(', ')})`;
  });
  await db.query(
    `INSERT INTO indicator_rollups (month, unit_code, procedure_code, channel, ${cols.join(', ')})
     VALUES ${values.join(', ')}
     ON CONFLICT (month, unit_code, procedure_code, channel) DO UPDATE SET
       ${cols.map((c) => `${c} = indicator_rollups.${c} + excluded.${c}`).join(', ')}`,
    params,
  );
}

/** The same sums as the rollups, from scratch over `dossiers.facts`: the truth the rollups must equal. */
function recomputeSql(): string {
  const r = RECEIVED_COUNTERS.map((c) => `${factSum('r', c)} AS ${counterColumn(c)}`);
  const f = FINISHED_COUNTERS.map((c) => `${factSum('f', c)} AS ${counterColumn(c)}`);
  const zeroR = RECEIVED_COUNTERS.map((c) => `0::bigint AS ${counterColumn(c)}`);
  const zeroF = FINISHED_COUNTERS.map((c) => `0::bigint AS ${counterColumn(c)}`);
  const cols = COUNTERS.map(counterColumn);
  const key = `facts->>'unit' AS unit_code, facts->>'procedure' AS procedure_code, facts->>'channel' AS channel`;
  return `SELECT month, unit_code, procedure_code, channel, ${cols.map((c) => `sum(${c})::bigint AS ${c}`).join(', ')}
    FROM (
      SELECT (facts->>'rMonth')::date AS month, ${key}, ${[...r, ...zeroF].join(', ')}
        FROM dossiers WHERE facts IS NOT NULL GROUP BY 1, 2, 3, 4
      UNION ALL
      SELECT (facts->>'fMonth')::date AS month, ${key}, ${[...zeroR, ...f].join(', ')}
        FROM dossiers WHERE facts IS NOT NULL AND facts->>'fMonth' IS NOT NULL GROUP BY 1, 2, 3, 4
    ) AS parts GROUP BY 1, 2, 3, 4`;
}

/** Reads of the indicators: the rollups for whole months, an exact pass over `dossiers` otherwise. */
@Injectable()
export class IndicatorRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Counter totals over whole local months, from the rollups. */
  async totalsByMonths(range: MonthRange, f: IndicatorFilter): Promise<CounterTotals> {
    const params: unknown[] = [range.from, range.to];
    const rows: Array<Record<string, string>> = await this.db.query(
      `SELECT ${COUNTERS.map((c) => `COALESCE(sum(${counterColumn(c)}), 0)::bigint AS "${c}"`).join(', ')}
         FROM indicator_rollups WHERE month >= $1::date AND month <= $2::date${filterSql(f, params, ROLLUP_COLS)}`,
      params,
    );
    return totalsOf(rows[0]);
  }

  /** Counter totals over an instant range, exactly, from the dossiers received (or ended) in it. */
  async totalsExact(range: InstantRange, f: IndicatorFilter): Promise<CounterTotals> {
    const out = zero();
    for (const part of ['r', 'f'] as const) {
      const params: unknown[] = [range.from, range.to];
      const column = part === 'r' ? 'received_at' : 'finished_at';
      const counters = part === 'r' ? RECEIVED_COUNTERS : FINISHED_COUNTERS;
      const rows: Array<Record<string, string>> = await this.db.query(
        `SELECT ${counters.map((c) => `${factSum(part, c)} AS "${c}"`).join(', ')}
           FROM dossiers WHERE facts IS NOT NULL AND ${column} >= $1 AND ${column} < $2${filterSql(f, params, FACT_COLS)}`,
        params,
      );
      totalsOf(rows[0], out);
    }
    return out;
  }

  /** Counter totals per interval (first local day of each), from the rollups by month or exactly by day and week. */
  async series(range: InstantRange, months: MonthRange | null, interval: Interval, f: IndicatorFilter) {
    const out = new Map<string, CounterTotals>();
    const merge = (rows: Array<Record<string, string>>) => {
      for (const row of rows) out.set(row.period, totalsOf(row, out.get(row.period) ?? zero()));
    };
    if (interval === 'month' && months) {
      const params: unknown[] = [months.from, months.to];
      merge(
        await this.db.query(
          `SELECT to_char(month, 'YYYY-MM-DD') AS period,
                  ${COUNTERS.map((c) => `sum(${counterColumn(c)})::bigint AS "${c}"`).join(', ')}
             FROM indicator_rollups WHERE month >= $1::date AND month <= $2::date${filterSql(f, params, ROLLUP_COLS)}
            GROUP BY month`,
          params,
        ),
      );
    } else {
      for (const part of ['r', 'f'] as const) {
        const params: unknown[] = [range.from, range.to];
        const column = part === 'r' ? 'received_at' : 'finished_at';
        const counters = part === 'r' ? RECEIVED_COUNTERS : FINISHED_COUNTERS;
        merge(
          await this.db.query(
            `SELECT to_char(date_trunc('${interval}', ${column} AT TIME ZONE ${ZONE}), 'YYYY-MM-DD') AS period,
                    ${counters.map((c) => `${factSum(part, c)} AS "${c}"`).join(', ')}
               FROM dossiers WHERE facts IS NOT NULL AND ${column} >= $1 AND ${column} < $2${filterSql(f, params, FACT_COLS)}
              GROUP BY 1`,
            params,
          ),
        );
      }
    }
    return out;
  }

  /**
   * Dossiers counted by a sum of counters (those with a non-zero value of any of them), in code order after
   * `after`: the drill-down behind a numerator or a denominator.
   */
  async dossiersCounting(
    counters: readonly Counter[],
    without: readonly Counter[],
    range: InstantRange,
    f: IndicatorFilter,
    after: string | null,
    limit: number,
  ): Promise<DrilldownRow[]> {
    const nonZero = (part: 'r' | 'f', cs: readonly Counter[]) =>
      cs.map((c) => `COALESCE((facts->'${part}'->>'${c}')::bigint, 0) <> 0`).join(' OR ');
    const parts = (['r', 'f'] as const)
      .map((part) => {
        const own = counters.filter((c) => RECEIVED.has(c) === (part === 'r'));
        if (own.length === 0) return null;
        const column = part === 'r' ? 'received_at' : 'finished_at';
        const minus = without.filter((c) => RECEIVED.has(c) === (part === 'r'));
        const except = minus.length === 0 ? '' : ` AND NOT (${nonZero(part, minus)})`;
        return `(${column} >= $1 AND ${column} < $2 AND (${nonZero(part, own)})${except})`;
      })
      .filter((p): p is string => p !== null);
    if (parts.length === 0) return [];
    const params: unknown[] = [range.from, range.to];
    const filters = filterSql(f, params, FACT_COLS);
    const cursor = after === null ? '' : ` AND code > $${params.push(after)}`;
    return this.db.query(
      `SELECT code, procedure_code AS "procedureCode", facts->>'unit' AS "unitCode", channel, status,
              received_at AS "receivedAt", due_at AS "dueAt", finished_at AS "finishedAt"
         FROM dossiers WHERE facts IS NOT NULL AND (${parts.join(' OR ')})${filters}${cursor}
        ORDER BY code LIMIT $${params.push(limit)}`,
      params,
    );
  }

  /** Rollup rows that differ from a from-scratch computation over `dossiers.facts` (empty: they agree). */
  async drift(): Promise<
    Array<{ month: string; unit_code: string; procedure_code: string; channel: string }>
  > {
    const cols = COUNTERS.map(counterColumn);
    return this.db.query(
      `WITH truth AS (${recomputeSql()}),
            kept AS (SELECT * FROM indicator_rollups WHERE ${cols.map((c) => `${c} <> 0`).join(' OR ')})
       SELECT to_char(coalesce(t.month, k.month), 'YYYY-MM-DD') AS month,
              coalesce(t.unit_code, k.unit_code) AS unit_code,
              coalesce(t.procedure_code, k.procedure_code) AS procedure_code, coalesce(t.channel, k.channel) AS channel
         FROM truth t FULL JOIN kept k USING (month, unit_code, procedure_code, channel)
        WHERE ${cols.map((c) => `coalesce(t.${c}, 0) IS DISTINCT FROM coalesce(k.${c}, 0)`).join(' OR ')}`,
    );
  }

  /** Replaces the rollups by the from-scratch computation, with the table locked against the workers meanwhile. */
  async rebuild(): Promise<number> {
    const cols = COUNTERS.map(counterColumn);
    return this.db.transaction(async (em) => {
      await em.query('LOCK TABLE indicator_rollups IN EXCLUSIVE MODE');
      await em.query('DELETE FROM indicator_rollups');
      await em.query(
        `INSERT INTO indicator_rollups (month, unit_code, procedure_code, channel, ${cols.join(', ')}) ${recomputeSql()}`,
      );
      const [row] = await em.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM indicator_rollups');
      return row.n;
    });
  }

  /**
   * Received dossiers in code order after `after`: all of them, or only those whose facts were never computed
   * (received before the indicators existed).
   */
  async receivedCodes(after: string | null, limit: number, withoutFactsOnly: boolean): Promise<string[]> {
    const rows: Array<{ code: string }> = await this.db.query(
      `SELECT code FROM dossiers
        WHERE received_at IS NOT NULL AND status NOT IN ('NEW', 'REFUSED_AT_RECEPTION')
          AND ($1::text IS NULL OR code > $1) AND (NOT $3 OR facts IS NULL)
        ORDER BY code LIMIT $2`,
      [after, limit, withoutFactsOnly],
    );
    return rows.map((r) => r.code);
  }
}

export interface DrilldownRow {
  code: string;
  procedureCode: string | null;
  unitCode: string | null;
  channel: string | null;
  status: string;
  receivedAt: Date | null;
  dueAt: Date | null;
  finishedAt: Date | null;
}
