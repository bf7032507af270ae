// The demo database: dropped for a fresh run, and read directly for the progress display (events pending).
import { Client } from 'pg';
import { ApologyDrafter, ApologyLetterSender, StaffNotificationsReactor } from '@motcua/application';
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

/** Which applied events each of the worker's reactors acts on (their `types`), so the demo waits for them too. */
const REACTS_TO: ReadonlyArray<[string, string]> = [
  [ApologyDrafter.NAME, 'deadline_reached'],
  [StaffNotificationsReactor.NAME, 'deadline_reached'],
  [StaffNotificationsReactor.NAME, 'apology_drafted'],
  [ApologyLetterSender.NAME, 'apology_issued'],
];

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
  tracker(now: number): Promise<{
    byKind: Array<[string, number]>;
    reached: number;
    due: number;
    pending: number;
    /** Applied events a reactor (apology drafts, letters, staff mails) has not acted on yet. */
    unreacted: number;
  }>;
  /** The mails: by kind and status, and how many may leave now and have not yet (pending, their time come). */
  mail(
    now: number,
  ): Promise<{ byKindStatus: Array<[string, number]>; waiting: number; sent: number; failed: number }>;
  /** Mails sent after `since` (the watch lines), oldest first. */
  sentSince(since: Date): Promise<Array<{ sentAt: Date; subject: string; recipient: string }>>;
  /** When the tracker logged a dossier's `due` deadline (the demo clock), and when its overdue mails left. */
  live(code: string): Promise<{ reachedAt: Date | null; appliedAt: Date | null; mailSentAt: Date | null }>;
  /** The next pending deadlines after `now`, earliest first. */
  upcoming(now: number, limit: number): Promise<Array<{ code: string; at: Date }>>;
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
    async tracker(now) {
      const kinds = await client.query<{ kind: string; n: number }>(
        `SELECT data->>'kind' AS kind, count(*)::int AS n FROM dossier_events
          WHERE type = 'deadline_reached' GROUP BY 1 ORDER BY 2 DESC`,
      );
      const { rows } = await client.query<{ due: number; pending: number; unreacted: number }>(
        `SELECT (SELECT count(*)::int FROM dossiers WHERE next_deadline_at <= $1) AS due,
                (SELECT count(*)::int FROM dossier_events WHERE applied_at IS NULL) AS pending,
                (SELECT count(*)::int FROM dossier_events e
                   JOIN unnest($2::text[], $3::text[]) AS w(reactor, type) ON w.type = e.type
                  WHERE e.applied_at IS NOT NULL AND NOT EXISTS
                        (SELECT 1 FROM reactions r WHERE r.reactor = w.reactor AND r.event_id = e.id)) AS unreacted`,
        [new Date(now), REACTS_TO.map(([r]) => r), REACTS_TO.map(([, t]) => t)],
      );
      const byKind = kinds.rows.map((r): [string, number] => [r.kind, r.n]);
      return { byKind, reached: byKind.reduce((n, [, k]) => n + k, 0), ...rows[0] };
    },
    async mail(now) {
      const { rows } = await client.query<{ kind: string; status: string; n: number }>(
        `SELECT kind, status, count(*)::int AS n FROM notifications GROUP BY 1, 2 ORDER BY 3 DESC`,
      );
      const waiting = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notifications WHERE status = 'pending' AND not_before <= $1`,
        [new Date(now)],
      );
      const sum = (status: string) => rows.filter((r) => r.status === status).reduce((n, r) => n + r.n, 0);
      return {
        byKindStatus: rows.map((r): [string, number] => [`${r.kind} ${r.status}`, r.n]),
        waiting: waiting.rows[0].n,
        sent: sum('sent'),
        failed: sum('failed'),
      };
    },
    async sentSince(since) {
      const { rows } = await client.query<{ sentAt: Date; subject: string; recipient: string }>(
        `SELECT sent_at AS "sentAt", subject, recipient FROM notifications
          WHERE status = 'sent' AND sent_at > $1 ORDER BY sent_at, id LIMIT 50`,
        [since],
      );
      return rows;
    },
    async live(code) {
      const { rows } = await client.query<{
        reachedAt: Date | null;
        appliedAt: Date | null;
        mailSentAt: Date | null;
      }>(
        `SELECT (SELECT min(occurred_at) FROM dossier_events
                  WHERE dossier_code = $1 AND type = 'deadline_reached' AND data->>'kind' = 'due') AS "reachedAt",
                (SELECT min(applied_at) FROM dossier_events
                  WHERE dossier_code = $1 AND type = 'deadline_reached' AND data->>'kind' = 'due') AS "appliedAt",
                (SELECT min(sent_at) FROM notifications
                  WHERE dossier_code = $1 AND kind = 'overdue' AND status = 'sent') AS "mailSentAt"`,
        [code],
      );
      return rows[0];
    },
    async upcoming(now, limit) {
      const { rows } = await client.query<{ code: string; at: Date }>(
        `SELECT code, next_deadline_at AS at FROM dossiers WHERE next_deadline_at > $1
          ORDER BY next_deadline_at LIMIT $2`,
        [new Date(now), limit],
      );
      return rows;
    },
    close: () => client.end().catch(() => {}),
  };
}
