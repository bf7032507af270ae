import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import type { CalendarYearVersion, OfficialYearSchedule } from '@motcua/calendar';
import { loadOfficialYears } from '@motcua/config';
import { CATALOGUE_EPOCH } from './catalogue.repository';
import { canonicalJson } from './event-store.repository';

@Injectable()
export class CalendarRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async allVersions(): Promise<CalendarYearVersion[]> {
    const rows: Array<{
      year: number;
      version: number;
      effective_from: Date;
      schedule: OfficialYearSchedule;
    }> = await this.db.query(
      'SELECT year, version, effective_from, schedule FROM calendar_year_versions ORDER BY year, version',
    );
    return rows.map((r) => ({
      year: r.year,
      version: r.version,
      effectiveFrom: r.effective_from.getTime(),
      schedule: r.schedule,
    }));
  }

  /** Publishes a year's schedule: a new version effective from `effectiveFrom`, unless it equals the latest one. */
  async publish(
    schedule: OfficialYearSchedule,
    effectiveFrom: number,
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
      const version = (latest?.version ?? 0) + 1;
      await em.query(
        'INSERT INTO calendar_year_versions (year, version, effective_from, schedule) VALUES ($1, $2, $3, $4::jsonb)',
        [schedule.year, version, new Date(effectiveFrom), JSON.stringify(schedule)],
      );
      return { version, created: true };
    });
  }
}

/**
 * Loads config/calendars: a year seen for the first time governs all history; a changed file governs receipts
 * from `now` on, and open dossiers keep their dates until an administrator re-bases them (§6.9).
 */
export async function loadCalendars(
  repo: CalendarRepository,
  configDir: string,
  now: number,
): Promise<number> {
  const known = new Set((await repo.allVersions()).map((v) => v.year));
  const schedules = loadOfficialYears(path.join(configDir, 'calendars'));
  for (const s of schedules) await repo.publish(s, known.has(s.year) ? now : CATALOGUE_EPOCH);
  return schedules.length;
}
