// Backup and restore of the engine's PostgreSQL database (issue 12): pg_dump's custom format out, pg_restore into a
// new database, then the outbox marks reset so that the worker's relays rebuild Redis's queues from PostgreSQL.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/** A PostgreSQL URL as libpq wants it: the password travels in PGPASSWORD, never on a command line `ps` shows. */
export function libpqTarget(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env };
}

/** The database name of a PostgreSQL URL. */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** The same server reached through its `postgres` database (to create or inspect another one). */
function maintenanceUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export interface BackupResult {
  file: string;
  bytes: number;
  /** Entries of the archive's table of contents, as `pg_restore --list` reads them back. */
  entries: number;
}

/**
 * `pg_dump -Fc` of the database at `databaseUrl` into `file` (written beside as `.partial`, renamed once complete,
 * so a file under the final name is always a whole archive). One consistent snapshot: intake may keep running.
 */
export async function backupDatabase(databaseUrl: string, file: string): Promise<BackupResult> {
  const { dbname, env } = libpqTarget(databaseUrl);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial`;
  try {
    await run('pg_dump', ['--format=custom', '--no-password', `--file=${partial}`, `--dbname=${dbname}`], {
      env,
    });
    // Reading the table of contents back proves the archive is whole before it takes the final name.
    const { stdout } = await run('pg_restore', ['--list', partial], { maxBuffer: 64 * 1024 * 1024 });
    fs.renameSync(partial, file);
    const entries = stdout.split('\n').filter((l) => l.trim() !== '' && !l.startsWith(';')).length;
    return { file, bytes: fs.statSync(file).size, entries };
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

export interface RestoreResult {
  database: string;
  created: boolean;
  events: number;
  /** Events without `applied_at`, whose outbox mark was cleared: the outbox relay enqueues them again. */
  eventsToRedrive: number;
  /** Pending mails whose job mark was cleared: the mail relay enqueues them again when their time comes. */
  mailsToRedrive: number;
}

/** Tables, views, sequences… in the target outside PostgreSQL's own schemas: a restore goes into an empty one only. */
async function relationsIn(url: string): Promise<number> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_class cl JOIN pg_namespace ns ON ns.oid = cl.relnamespace
        WHERE ns.nspname NOT IN ('pg_catalog', 'information_schema') AND ns.nspname NOT LIKE 'pg_toast%'
          AND ns.nspname NOT LIKE 'pg_temp%'`,
    );
    return Number(rows[0].n);
  });
}

/**
 * Restores `file` into the database of `targetUrl`: created when missing, refused when it holds any relation (a
 * restore never merges into, or overwrites, a live database). pg_restore runs in one transaction, so a failure
 * leaves the target empty. Then `prepareRedrive`.
 */
export async function restoreDatabase(file: string, targetUrl: string): Promise<RestoreResult> {
  if (!fs.existsSync(file)) throw new Error(`no backup file at ${file}`);
  const name = databaseName(targetUrl);
  if (!name) throw new Error('the target URL names no database');
  if (['postgres', 'template0', 'template1'].includes(name))
    throw new Error(`${name} is PostgreSQL's own database: restore into a new database`);
  const { stdout: toc } = await run('pg_restore', ['--list', file], { maxBuffer: 64 * 1024 * 1024 });
  // The re-drive below needs the event log: refuse any other archive before creating anything.
  if (!/ TABLE DATA \S+ dossier_events /.test(toc))
    throw new Error(`${file} holds no dossier_events table: not a backup of the engine's database`);
  const exists = await withClient(maintenanceUrl(targetUrl), async (c) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return (rowCount ?? 0) > 0;
  });
  if (exists) {
    const relations = await relationsIn(targetUrl);
    if (relations > 0)
      throw new Error(
        `database ${name} is not empty (${relations} relation(s)): restore into a new database`,
      );
  } else {
    await withClient(maintenanceUrl(targetUrl), (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  }
  const { dbname, env } = libpqTarget(targetUrl);
  await run(
    'pg_restore',
    ['--single-transaction', '--exit-on-error', '--no-owner', '--no-password', `--dbname=${dbname}`, file],
    { env, maxBuffer: 64 * 1024 * 1024 },
  );
  return { database: name, created: !exists, ...(await prepareRedrive(targetUrl)) };
}

/**
 * Makes a restored database drive a fresh (or flushed) Redis: every event not yet applied loses its `enqueued_at`,
 * so the worker's outbox relay enqueues it at its next pass instead of after RELAY_STALE_MS; every pending mail
 * loses its `job_seen_at`, so the mail relay enqueues it once its `not_before` has come. Applied events stay
 * applied (the projection was dumped with them), and the deadline tracker's sweep re-arms its timers from
 * `next_deadline_at` when the worker starts. Idempotent.
 */
export async function prepareRedrive(
  databaseUrl: string,
): Promise<Omit<RestoreResult, 'database' | 'created'>> {
  return withClient(databaseUrl, async (c) => {
    await c.query('BEGIN');
    try {
      await c.query(
        'UPDATE dossier_events SET enqueued_at = NULL WHERE applied_at IS NULL AND enqueued_at IS NOT NULL',
      );
      await c.query(
        `UPDATE notifications SET job_seen_at = NULL
          WHERE status = 'pending' AND channel = 'email' AND job_seen_at IS NOT NULL`,
      );
      const { rows } = await c.query<{ events: string; unapplied: string; mails: string }>(
        `SELECT (SELECT count(*) FROM dossier_events) AS events,
                (SELECT count(*) FROM dossier_events WHERE applied_at IS NULL) AS unapplied,
                (SELECT count(*) FROM notifications WHERE status = 'pending' AND channel = 'email') AS mails`,
      );
      await c.query('COMMIT');
      return {
        events: Number(rows[0].events),
        eventsToRedrive: Number(rows[0].unapplied),
        mailsToRedrive: Number(rows[0].mails),
      };
    } catch (err) {
      await c.query('ROLLBACK');
      throw err;
    }
  });
}
