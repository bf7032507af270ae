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

  /** Applied events of these types that `reactor` has not reacted to, oldest first. */
  async pending(reactor: string, types: readonly string[], limit: number): Promise<StoredEvent[]> {
    const rows: Array<{ id: string; dossier_code: string }> = await this.db.query(
      `SELECT e.id, e.dossier_code FROM dossier_events e
        WHERE e.type = ANY($2::text[]) AND e.applied_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM reactions r WHERE r.reactor = $1 AND r.event_id = e.id)
        ORDER BY e.seq LIMIT $3`,
      [reactor, types, limit],
    );
    if (rows.length === 0) return [];
    const wanted = new Set(rows.map((r) => r.id));
    const all = await readEvents(this.db, [...new Set(rows.map((r) => r.dossier_code))]);
    return all.filter((e) => wanted.has(e.id));
  }

  async markReacted(reactor: string, eventIds: string[]): Promise<void> {
    if (eventIds.length === 0) return;
    await this.db.query(
      `INSERT INTO reactions (reactor, event_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [reactor, eventIds],
    );
  }
}
