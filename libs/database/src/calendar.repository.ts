import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import type { OfficialYearSchedule } from '@motcua/calendar';
import { loadOfficialYears } from '@motcua/config';
import { CATALOGUE_EPOCH } from './catalogue.repository';
import { canonicalJson } from './event-store.repository';
import { bumpRulesRevision, type CalendarYearRecord } from './rules.repository';

@Injectable()
export class CalendarRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async allVersions(): Promise<CalendarYearRecord[]> {
    const rows: Array<{
      year: number;
      version: number;
      effective_from: Date;
      revision: number;
      schedule: OfficialYearSchedule;
    }> = await this.db.query(
      'SELECT year, version, effective_from, revision, schedule FROM calendar_year_versions ORDER BY year, version',
    );
    return rows.map((r) => ({
      year: r.year,
      version: r.version,
      effectiveFrom: r.effective_from.getTime(),
      revision: r.revision,
      schedule: r.schedule,
    }));
  }

  /**
   * Publishes a year's schedule: a new version (bumping the rules revision) unless it equals the latest one.
   * `effectiveFrom` is the instant it governs receipts from, or a function of the latest version (null when the
   * year is new).
   */
  async publish(
    schedule: OfficialYearSchedule,
    effectiveFrom: number | ((latest: { version: number } | null) => number),
  ): Promise<{ version: number; created: boolean }> {
    return this.db.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`calendar:${schedule.year}`]);
      const rows: Array<{ version: number; schedule: OfficialYearSchedule }> = await em.query(
        'SELECT version, schedule FROM calendar_year_versions WHERE year = $1 ORDER BY version DESC LIMIT 1',
        [schedule.year],
      );
      const latest = rows[0];
      if (latest && canonicalJson(latest.schedule) === canonicalJson(schedule))
        return { version: latest.version, created: false };
      const from = typeof effectiveFrom === 'number' ? effectiveFrom : effectiveFrom(latest ?? null);
      const revision = await bumpRulesRevision(em);
      const version = (latest?.version ?? 0) + 1;
      await em.query(
        'INSERT INTO calendar_year_versions (year, version, effective_from, revision, schedule) VALUES ($1, $2, $3, $4, $5::jsonb)',
        [schedule.year, version, new Date(from), revision, JSON.stringify(schedule)],
      );
      return { version, created: true };
    });
  }
}

/**
 * Loads config/calendars: a year seen for the first time governs all history; a changed file governs receipts
 * from `now` on, and open dossiers keep their dates until they are re-based (§6.9). Returns the years loaded
 * and the versions published now.
 */
export async function loadCalendars(
  repo: CalendarRepository,
  configDir: string,
  now: number,
): Promise<{ years: number; published: Array<{ year: number; version: number }> }> {
  const schedules = loadOfficialYears(path.join(configDir, 'calendars'));
  const published: Array<{ year: number; version: number }> = [];
  for (const s of schedules) {
    const r = await repo.publish(s, (latest) => (latest ? now : CATALOGUE_EPOCH));
    if (r.created) published.push({ year: s.year, version: r.version });
  }
  return { years: schedules.length, published };
}
