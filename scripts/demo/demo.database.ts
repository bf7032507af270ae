// The demo database: dropped for a fresh run, and read directly for the progress display (events pending).
import { Client } from 'pg';
import { parsePostgresUrl, withDatabase } from '../services';

export async function dropDatabase(url: string): Promise<void> {
  const name = parsePostgresUrl(url).database;
  const client = new Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export interface EventCounts {
  total: number;
  pending: number;
}

export interface ProgressReader {
  /** Events committed, and those still waiting for the worker. */
  read(): Promise<EventCounts>;
  /** Events the engine's fold kept but could not apply (timeline status "rejected"); null if unreadable. */
  foldRejected(): Promise<number | null>;
  /** The deadline tracker: events it logged by kind, and dossiers with a deadline due and not acted at yet. */
  tracker(): Promise<{ byKind: Array<[string, number]>; reached: number; due: number; pending: number }>;
  close(): Promise<void>;
}

/** Events committed and still waiting for the worker, read straight from PostgreSQL (progress display only). */
export async function openProgressReader(databaseUrl: string): Promise<ProgressReader> {
  const client = new Client({ connectionString: databaseUrl });
  client.on('error', () => {});
  await client.connect();
  return {
    async read() {
      const { rows } = await client.query<EventCounts>(
        'SELECT count(*)::int AS total, count(*) FILTER (WHERE applied_at IS NULL)::int AS pending FROM dossier_events',
      );
      return rows[0];
    },
    async foldRejected() {
      try {
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM dossiers, jsonb_array_elements(state->'timeline') t WHERE t->>'status' = 'rejected'`,
        );
        return rows[0].n;
      } catch {
        return null;
      }
    },
    async tracker() {
      const kinds = await client.query<{ kind: string; n: number }>(
        `SELECT data->>'kind' AS kind, count(*)::int AS n FROM dossier_events
          WHERE type = 'deadline_reached' GROUP BY 1 ORDER BY 2 DESC`,
      );
      const { rows } = await client.query<{ due: number; pending: number }>(
        `SELECT (SELECT count(*)::int FROM dossiers WHERE next_deadline_at <= now()) AS due,
                (SELECT count(*)::int FROM dossier_events WHERE applied_at IS NULL) AS pending`,
      );
      const byKind = kinds.rows.map((r): [string, number] => [r.kind, r.n]);
      return { byKind, reached: byKind.reduce((n, [, k]) => n + k, 0), ...rows[0] };
    },
    close: () => client.end().catch(() => {}),
  };
}
