import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { OfficialYearSchedule } from '@motcua/calendar';
import type { Settings } from '@motcua/contracts';
import {
  CATALOGUE_EPOCH,
  UNIT_COLUMNS,
  mapUnits,
  mapVersions,
  type ProcedureVersionRecord,
  type UnitRecord,
  type UnitRow,
  type VersionRow,
} from './catalogue.repository';
import type { PublishedSettingsBody } from './entities/settings-version.entity';
import { canonicalJson, type Queryable } from './event-store.repository';

/** A published year of the official calendar, with the revision that published it. */
export interface CalendarYearRecord {
  year: number;
  version: number;
  effectiveFrom: number;
  revision: number;
  schedule: OfficialYearSchedule;
}

/** A published version of the rule settings that govern dates. */
export interface SettingsVersionRecord {
  version: number;
  effectiveFrom: number;
  revision: number;
  settings: PublishedSettingsBody;
}

/** Everything published, read in one database snapshot together with the revision it belongs to. */
export interface PublishedRecords {
  revision: number;
  units: UnitRecord[];
  procedures: ProcedureVersionRecord[];
  calendarYears: CalendarYearRecord[];
  settings: SettingsVersionRecord[];
}

/**
 * Bumps the rules revision inside the caller's transaction and returns the new value. Every publication calls
 * it in the transaction that writes the version, so a reader sees the new revision exactly when it sees the
 * version (the counter row also serialises publishers).
 */
export async function bumpRulesRevision(em: Queryable): Promise<number> {
  const rows = await em.query<Array<{ revision: number }>>(
    `INSERT INTO rules_revision (id, revision) VALUES (1, 1)
     ON CONFLICT (id) DO UPDATE SET revision = rules_revision.revision + 1, updated_at = now()
     RETURNING revision`,
  );
  return rows[0].revision;
}

/** The part of config/settings.json that governs dates, as published. */
export function publishedSettingsOf(settings: Pick<Settings, 'calendar' | 'sla'>): PublishedSettingsBody {
  return { calendar: settings.calendar, sla: settings.sla };
}

/** The rules revision and the published rules (catalogue, calendars, settings) in one consistent read. */
@Injectable()
export class RulesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The current revision: one primary-key read, done before each use of a cached snapshot. */
  async revision(): Promise<number> {
    const rows: Array<{ revision: number }> = await this.db.query(
      'SELECT revision FROM rules_revision WHERE id = 1',
    );
    return rows[0]?.revision ?? 0;
  }

  /** Everything published, at one revision (a repeatable-read transaction sees one snapshot). */
  async published(): Promise<PublishedRecords> {
    return this.db.transaction('REPEATABLE READ', async (em) => {
      const revision: Array<{ revision: number }> = await em.query(
        'SELECT revision FROM rules_revision WHERE id = 1',
      );
      const units: UnitRow[] = await em.query(`SELECT ${UNIT_COLUMNS} FROM units ORDER BY code`);
      const procedures: VersionRow[] = await em.query(
        'SELECT code, version, effective_from, revision, definition FROM procedure_versions ORDER BY code, version',
      );
      const years: Array<{
        year: number;
        version: number;
        effective_from: Date;
        revision: number;
        schedule: OfficialYearSchedule;
      }> = await em.query(
        'SELECT year, version, effective_from, revision, schedule FROM calendar_year_versions ORDER BY year, version',
      );
      const settings: Array<{
        version: number;
        effective_from: Date;
        revision: number;
        settings: PublishedSettingsBody;
      }> = await em.query(
        'SELECT version, effective_from, revision, settings FROM settings_versions ORDER BY version',
      );
      return {
        revision: revision[0]?.revision ?? 0,
        units: mapUnits(units),
        procedures: mapVersions(procedures),
        calendarYears: years.map((r) => ({
          year: r.year,
          version: r.version,
          effectiveFrom: r.effective_from.getTime(),
          revision: r.revision,
          schedule: r.schedule,
        })),
        settings: settings.map((r) => ({
          version: r.version,
          effectiveFrom: r.effective_from.getTime(),
          revision: r.revision,
          settings: r.settings,
        })),
      };
    });
  }

  async settingsVersions(): Promise<SettingsVersionRecord[]> {
    return (await this.published()).settings;
  }

  /**
   * Publishes the rule settings: a new version (effective from what `effectiveFrom` answers for the latest
   * version, null when there is none) unless they equal the latest one.
   */
  async publishSettings(
    body: PublishedSettingsBody,
    effectiveFrom: (latest: SettingsVersionRecord | null) => number,
  ): Promise<{ version: number; created: boolean; revision: number | null }> {
    return this.db.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['settings']);
      const rows: Array<{
        version: number;
        effective_from: Date;
        revision: number;
        settings: PublishedSettingsBody;
      }> = await em.query(
        'SELECT version, effective_from, revision, settings FROM settings_versions ORDER BY version DESC LIMIT 1',
      );
      const latest = rows[0]
        ? {
            version: rows[0].version,
            effectiveFrom: rows[0].effective_from.getTime(),
            revision: rows[0].revision,
            settings: rows[0].settings,
          }
        : null;
      if (latest && canonicalJson(latest.settings) === canonicalJson(body))
        return { version: latest.version, created: false, revision: null };
      const from = effectiveFrom(latest);
      const revision = await bumpRulesRevision(em);
      const version = (latest?.version ?? 0) + 1;
      await em.query(
        'INSERT INTO settings_versions (version, effective_from, revision, settings) VALUES ($1, $2, $3, $4::jsonb)',
        [version, new Date(from), revision, JSON.stringify(body)],
      );
      return { version, created: true, revision };
    });
  }
}

/**
 * Publishes config/settings.json's date rules: the first version governs all history; a changed file governs
 * receipts from `now` on, and open dossiers move onto it only by a `rules_rebased` event (§6.9).
 */
export async function loadSettingsVersion(
  repo: RulesRepository,
  settings: Pick<Settings, 'calendar' | 'sla'>,
  now: number,
): Promise<{ version: number; created: boolean }> {
  const r = await repo.publishSettings(publishedSettingsOf(settings), (latest) =>
    latest ? now : CATALOGUE_EPOCH,
  );
  return { version: r.version, created: r.created };
}
