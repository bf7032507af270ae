import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { readEvents, type StoredEvent } from './event-store.repository';

/**
 * Which events each reactor has acted on. A reactor reads the applied events of its types that it has not
 * reacted to yet, in commit order; recording the reaction is what makes it happen once, even after a crash.
 */
@Injectable()
export class ReactionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Applied events of these types from `fromSeq` on that `reactor` has not reacted to, oldest first. One index range
   * per type (type, seq): the common types are never read, and a floor near the head reads only the newest rows.
   */
  async pending(
    reactor: string,
    types: readonly string[],
    limit: number,
    fromSeq = 0,
  ): Promise<StoredEvent[]> {
    if (types.length === 0) return [];
    const rows: Array<{ id: string; dossier_code: string }> = await this.db.query(
      `SELECT x.id, x.dossier_code FROM unnest($2::text[]) AS t(type)
        CROSS JOIN LATERAL (
          SELECT e.id, e.dossier_code, e.seq FROM dossier_events e
           WHERE e.type = t.type AND e.seq >= $4 AND e.applied_at IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM reactions r WHERE r.reactor = $1 AND r.event_id = e.id)
           ORDER BY e.seq LIMIT $3) x
        ORDER BY x.seq LIMIT $3`,
      [reactor, types, limit, fromSeq],
    );
    if (rows.length === 0) return [];
    const wanted = new Set(rows.map((r) => r.id));
    const all = await readEvents(this.db, [...new Set(rows.map((r) => r.dossier_code))]);
    return all.filter((e) => wanted.has(e.id));
  }

  /**
   * The lowest seq an event not yet applied has (or one past the last event): every event visible below it is
   * applied, so a reactor that has reacted to all of them may start its next read there.
   */
  async horizon(): Promise<number> {
    const rows: Array<{ seq: string }> = await this.db.query(
      `SELECT COALESCE((SELECT min(seq) FROM dossier_events WHERE applied_at IS NULL),
                       (SELECT max(seq) + 1 FROM dossier_events), 0) AS seq`,
    );
    return Number(rows[0].seq);
  }

  async markReacted(reactor: string, eventIds: string[]): Promise<void> {
    if (eventIds.length === 0) return;
    await this.db.query(
      `INSERT INTO reactions (reactor, event_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [reactor, eventIds],
    );
  }
}
