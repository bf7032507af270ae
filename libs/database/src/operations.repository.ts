import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** The mail outbox's states that a mail (not a letter to print) can be in. */
export const MAIL_STATUSES = ['pending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** The operators' figures PostgreSQL holds, read in one statement (GET /metrics). */
export interface OperationsFigures {
  /** Committed events the worker has not applied yet. */
  unappliedEvents: number;
  /** Seconds since the oldest of them was recorded (PostgreSQL's clock); 0 when none waits. */
  oldestUnappliedSeconds: number;
  /** Mails (channel `email`) of the outbox by status. */
  mails: Record<MailStatus, number>;
  /** `recorded_at` → `applied_at` over the applied events among the newest `window` recorded. */
  recentApplyLatency: { events: number; p50: number; p90: number; p99: number; max: number } | null;
}

type Row = {
  unapplied: number;
  oldest: number | null;
  mails: Record<string, number>;
  events: number;
  q: number[] | null;
  max: number | null;
};

/** Read-only counts for operators; every query is bounded by an index or a LIMIT. */
@Injectable()
export class OperationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async figures(window: number): Promise<OperationsFigures> {
    const [r]: Row[] = await this.db.query(
      `SELECT u.unapplied, u.oldest, m.mails, l.events, l.q, l.max
         FROM (SELECT count(*)::int AS unapplied,
                      GREATEST(EXTRACT(EPOCH FROM now() - min(recorded_at)), 0)::float8 AS oldest
                 FROM dossier_events WHERE applied_at IS NULL) u,
              (SELECT COALESCE(json_object_agg(status, n), '{}'::json) AS mails
                 FROM (SELECT status, count(*)::int AS n FROM notifications WHERE channel = 'email'
                        GROUP BY status) s) m,
              (SELECT count(*)::int AS events,
                      percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY seconds) AS q,
                      max(seconds) AS max
                 FROM (SELECT EXTRACT(EPOCH FROM applied_at - recorded_at)::float8 AS seconds
                         FROM (SELECT applied_at, recorded_at FROM dossier_events ORDER BY seq DESC LIMIT $1) n
                        WHERE applied_at IS NOT NULL) a) l`,
      [window],
    );
    const mails = Object.fromEntries(MAIL_STATUSES.map((s) => [s, r.mails[s] ?? 0])) as Record<
      MailStatus,
      number
    >;
    return {
      unappliedEvents: r.unapplied,
      oldestUnappliedSeconds: r.oldest ?? 0,
      mails,
      recentApplyLatency:
        r.q === null || r.max === null
          ? null
          : { events: r.events, p50: r.q[0], p90: r.q[1], p99: r.q[2], max: r.max },
    };
  }
}
