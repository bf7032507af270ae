import { Client } from 'pg';

/** Drops a bench's scratch database WITH (FORCE), through the server's `postgres` database. */
export async function dropScratchDatabase(url: string | URL): Promise<void> {
  const target = new URL(url);
  const admin = new URL(target);
  admin.pathname = '/postgres';
  const c = new Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${decodeURIComponent(target.pathname.slice(1))}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}
