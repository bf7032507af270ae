// A sampling profile of PostgreSQL during one case (BENCH_PROFILE=1): every 50 ms, which statements of the bench's
// database are running and what they wait on; the share of samples per statement says where its time goes.
import { Pool } from 'pg';

export interface PgActivity {
  samples: number;
  /** Statement (first 90 characters, whitespace folded) → percent of samples in which it was running. */
  statements: Array<{ statement: string; percent: number }>;
  /** Wait event (or "CPU" when none) → share of the running statements' samples. */
  waits: Array<{ wait: string; percent: number }>;
}

export function samplePgActivity(databaseUrl: string): { stop(): Promise<PgActivity> } {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  const statements = new Map<string, number>();
  const waits = new Map<string, number>();
  let samples = 0;
  let running = 0;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    pool
      .query<{ query: string; wait: string | null }>(
        `SELECT query, wait_event_type || ':' || wait_event AS wait FROM pg_stat_activity
          WHERE state = 'active' AND pid <> pg_backend_pid() AND datname = current_database()`,
      )
      .then(({ rows }) => {
        samples++;
        for (const r of rows) {
          running++;
          const key = r.query.replace(/\s+/g, ' ').trim().slice(0, 90);
          statements.set(key, (statements.get(key) ?? 0) + 1);
          waits.set(r.wait ?? 'CPU', (waits.get(r.wait ?? 'CPU') ?? 0) + 1);
        }
      })
      .catch(() => undefined)
      .finally(() => (busy = false));
  }, 50);
  return {
    async stop() {
      clearInterval(timer);
      await pool.end();
      const top = <K extends string>(m: Map<string, number>, of: number, k: K) =>
        [...m]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 8)
          .map(
            ([name, c]) =>
              ({ [k]: name, percent: Math.round((c / Math.max(1, of)) * 100) }) as Record<K, string> & {
                percent: number;
              },
          );
      return {
        samples,
        statements: top(statements, samples, 'statement'),
        waits: top(waits, running, 'wait'),
      };
    },
  };
}

export function formatPgActivity(label: string, a: PgActivity): string {
  return [
    `${label}: PostgreSQL, ${a.samples} samples (50 ms) — statements running (% of samples):`,
    ...a.statements.map((s) => `    ${s.percent}%  ${s.statement}`),
    `  waits (% of running): ${a.waits.map((w) => `${w.wait} ${w.percent}%`).join(', ')}`,
  ].join('\n');
}
