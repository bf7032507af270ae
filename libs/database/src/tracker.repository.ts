import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Milestone } from '@motcua/sla';

/** A position in the tracker's index: (next_deadline_at, code). */
export interface TrackerCursor {
  at: number;
  code: string;
}

export interface TrackedDossier {
  code: string;
  /** The earliest milestone not yet acted at. */
  nextDeadlineAt: number;
  /** Every milestone not yet acted at, earliest first. */
  milestones: Milestone[];
}

type Row = { code: string; next_deadline_at: Date; milestones: Milestone[] | null };

const ms = (r: Row): TrackedDossier => ({
  code: r.code,
  nextDeadlineAt: r.next_deadline_at.getTime(),
  milestones: r.milestones ?? [],
});

/**
 * The deadline tracker's reads of the projection, by `next_deadline_at` (the earliest milestone not yet acted at,
 * past or future; partial index `dossiers_next_deadline`).
 */
@Injectable()
export class TrackerRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Dossiers with a milestone due at `now` or before, in deadline order after `after`. */
  async due(now: number, after: TrackerCursor | null, limit: number): Promise<TrackedDossier[]> {
    const rows: Row[] = await this.db.query(
      `SELECT code, next_deadline_at, milestones FROM dossiers
        WHERE next_deadline_at <= $1 AND (next_deadline_at, code) > ($2::timestamptz, $3)
        ORDER BY next_deadline_at, code LIMIT $4`,
      [new Date(now), new Date(after?.at ?? 0), after?.code ?? '', limit],
    );
    return rows.map(ms);
  }

  /** Dossiers whose earliest pending milestone falls in (from, to]: what the horizon holds. */
  async upcoming(
    from: number,
    to: number,
    after: TrackerCursor | null,
    limit: number,
  ): Promise<TrackedDossier[]> {
    const rows: Row[] = await this.db.query(
      `SELECT code, next_deadline_at, milestones FROM dossiers
        WHERE next_deadline_at > $1 AND next_deadline_at <= $2 AND (next_deadline_at, code) > ($3::timestamptz, $4)
        ORDER BY next_deadline_at, code LIMIT $5`,
      [new Date(from), new Date(to), new Date(Math.max(after?.at ?? 0, 0)), after?.code ?? '', limit],
    );
    return rows.map(ms);
  }
}
