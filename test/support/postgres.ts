// Each test file gets a database of its own, so parallel files never see each other's rows.
import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { BASE_DATABASE_URL } from './settings';

/** The same PostgreSQL URL pointing at database `name`. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

/** A new, unused database name (`motcua_e2e_<random>`) and its URL; setupDatabase creates it. */
export function freshDatabase(): { name: string; url: string } {
  const name = `motcua_e2e_${randomBytes(6).toString('hex')}`;
  return { name, url: withDatabase(BASE_DATABASE_URL, name) };
}

/** Drops the database of `url` WITH (FORCE), so connections left open by a failed test cannot block it. */
export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** A small pool for the tests' own probes of the database. */
export function probePool(url: string): Pool {
  const db = new Pool({ connectionString: url, max: 3 });
  // An idle connection cut by the server must not crash the test process; the next query reports it.
  db.on('error', () => undefined);
  return db;
}
