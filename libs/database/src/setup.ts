import { DataSource } from 'typeorm';
import { Client } from 'pg';
import { CalendarRepository, loadCalendars } from './calendar.repository';
import { CatalogueRepository } from './catalogue.repository';
import { loadCatalogue } from './catalogue.loader';
import { dataSourceOptions } from './data-source';
import { loadSettingsVersion, RulesRepository } from './rules.repository';
import { loadSettings } from '@motcua/config';
import type { Settings } from '@motcua/contracts';

/** Creates the database named in `url` when it is missing (connects to the `postgres` database to do so). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export interface SetupResult {
  migrations: string[];
  units: number;
  procedures: number;
  calendarYears: number;
  /** Calendar versions published by this run (a year's first one included). */
  calendarsPublished: Array<{ year: number; version: number }>;
  /** The settings version in force, and whether this run published it. */
  settings: { version: number; created: boolean };
}

/**
 * Migrations, then the catalogue, the official calendars and the date rules of config/settings.json. Idempotent:
 * safe on every start of the demo and the tests. Each publication bumps the rules revision.
 */
export async function setupDatabase(
  url: string,
  configDir: string,
  now = Date.now(),
  settings: Pick<Settings, 'calendar' | 'sla'> = loadSettings(configDir),
): Promise<SetupResult> {
  await ensureDatabase(url);
  const db = new DataSource(dataSourceOptions(url));
  await db.initialize();
  try {
    const ran = await db.runMigrations({ transaction: 'each' });
    const loaded = await loadCatalogue(new CatalogueRepository(db), configDir, now);
    const calendars = await loadCalendars(new CalendarRepository(db), configDir, now);
    const published = await loadSettingsVersion(new RulesRepository(db), settings, now);
    return {
      migrations: ran.map((m) => m.name),
      ...loaded,
      calendarYears: calendars.years,
      calendarsPublished: calendars.published,
      settings: published,
    };
  } finally {
    await db.destroy();
  }
}
