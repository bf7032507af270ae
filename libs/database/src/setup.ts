import { DataSource } from 'typeorm';
import { Client } from 'pg';
import { CalendarRepository, loadCalendars } from './calendar.repository';
import { CatalogueRepository } from './catalogue.repository';
import { loadCatalogue } from './catalogue.loader';
import { dataSourceOptions } from './data-source';

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

/** Migrations, then the catalogue and the official calendars from config/. Idempotent: safe on every start of the demo and the tests. */
export async function setupDatabase(
  url: string,
  configDir: string,
  now = Date.now(),
): Promise<{ migrations: string[]; units: number; procedures: number; calendarYears: number }> {
  await ensureDatabase(url);
  const db = new DataSource(dataSourceOptions(url));
  await db.initialize();
  try {
    const ran = await db.runMigrations({ transaction: 'each' });
    const loaded = await loadCatalogue(new CatalogueRepository(db), configDir, now);
    const calendarYears = await loadCalendars(new CalendarRepository(db), configDir, now);
    return { migrations: ran.map((m) => m.name), ...loaded, calendarYears };
  } finally {
    await db.destroy();
  }
}
