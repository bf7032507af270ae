/**
 * Issue 12, backup and restore: `npm run db:backup` (pg_dump -Fc) of a database holding applied events and events
 * the worker never applied (their jobs were in Redis), `npm run db:restore` into a new database, Redis flushed (the
 * queue is lost), a worker on the restored database: the relay re-drives every unapplied event from PostgreSQL,
 * each is applied once, and the projections equal a fresh fold, and the original's once `npm run db:redrive` let it
 * catch up without its lost jobs.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual, promisify } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { RulesProvider, factsOfFold, foldStored } from '@motcua/application';
import { IndicatorRepository, readEvents } from '@motcua/database';
import { DOSSIER_EVENT_JOB_SIZE, DOSSIER_EVENTS_QUEUE, queuePrefix, redisOptions } from '@motcua/queue';
import { startWorker } from '../apps/worker/src/worker.app';
import { fullLife, newDossierCode } from './support/events';
import { Harness, RecordingNotifier, ROOT, waitFor } from './support/harness';
import { dropDatabase, probePool, withDatabase } from './support/postgres';

const run = promisify(execFile);

let h: Harness;
let dir: string;

beforeAll(async () => {
  h = await Harness.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-backup-'));
});

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await h?.stop();
});

/** The npm scripts' command line, as an operator runs it (exit code and output, never a throw). */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['-r', '@swc-node/register', 'scripts/ops/backup-restore.cli.ts', ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: h.databaseUrl } },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

async function count(db: Pool, sql: string): Promise<number> {
  return Number((await db.query<{ n: string }>(sql)).rows[0].n);
}

/** The projection as the worker left it, without the instant it wrote each row. */
async function projection(db: Pool): Promise<unknown[]> {
  const dossiers = await db.query('SELECT * FROM dossiers ORDER BY code');
  const rollups = await db.query('SELECT * FROM indicator_rollups ORDER BY 1, 2, 3, 4');
  return [
    dossiers.rows.map(({ updated_at: _, ...row }: Record<string, unknown>) => row),
    rollups.rows.map(({ updated_at: _, ...row }: Record<string, unknown>) => row),
  ];
}

/** Dossiers whose stored facts differ from a fresh fold of their events, and rollup rows off their sums. */
async function drift(worker: INestApplicationContext, db: Pool) {
  const rules = await worker.get(RulesProvider).snapshot();
  const rows = (await db.query<{ code: string; facts: unknown }>('SELECT code, facts FROM dossiers')).rows;
  const events = await readEvents(
    worker.get(DataSource),
    rows.map((r) => r.code),
  );
  const facts = rows
    .filter((row) => {
      const own = events.filter((e) => e.dossierCode === row.code);
      const fresh = factsOfFold(foldStored(own, rules, h.clock.now()), own, rules, h.config.indicators);
      return !isDeepStrictEqual(fresh.facts, row.facts);
    })
    .map((row) => row.code);
  return { facts, rollups: await worker.get(IndicatorRepository).drift() };
}

describe('backup, restore into a new database, Redis lost', () => {
  it('re-drives every unapplied event from PostgreSQL once; projections equal a fresh fold', async () => {
    const admin = await h.admin();
    const post = async (events: unknown[]) => {
      const res = await h.post('/api/v1/events/batch', { events }, admin);
      expect(res.status).toBe(200);
      expect(res.body.results.every((r: { status: string }) => r.status === 'accepted')).toBe(true);
    };
    const [a, b, c, d, e] = [1, 2, 3, 4, 5].map(() => newDossierCode());
    // Applied before the backup: two whole lives and the first half of two more.
    await post([...fullLife(a), ...fullLife(b), ...fullLife(c).slice(0, 4), ...fullLife(d).slice(0, 4)]);
    await h.waitForAllApplied();
    // The worker stops: what follows is committed and enqueued in Redis, never applied.
    await h.worker!.close();
    h.worker = null;
    await post([...fullLife(c).slice(4), ...fullLife(d).slice(4), ...fullLife(e)]);
    const unapplied = 16;
    expect(await h.count('SELECT count(*) AS n FROM dossier_events WHERE applied_at IS NULL')).toBe(
      unapplied,
    );
    // Their jobs were handed to Redis (marked after the answer): without the restore's reset the relay would wait
    // RELAY_STALE_MS for them.
    await waitFor(
      async () =>
        (await h.count(
          'SELECT count(*) AS n FROM dossier_events WHERE applied_at IS NULL AND enqueued_at IS NOT NULL',
        )) === unapplied,
      10_000,
      'the API to mark its jobs enqueued',
    );

    const file = path.join(dir, 'motcua.dump');
    const backup = await cli(['backup', '--out', file]);
    expect(backup).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^backup: .*motcua\.dump \(\d+ bytes/),
    });
    expect(fs.existsSync(`${file}.partial`)).toBe(false);

    const target = `${decodeURIComponent(new URL(h.databaseUrl).pathname.slice(1))}_restored`;
    const restoredUrl = withDatabase(h.databaseUrl, target);
    const db = probePool(restoredUrl);
    let worker: INestApplicationContext | null = null;
    const queue = new Queue(DOSSIER_EVENTS_QUEUE, {
      connection: redisOptions(h.redisUrl),
      prefix: queuePrefix(restoredUrl),
    });
    try {
      const restore = await cli(['restore', '--file', file, '--target', target]);
      expect(restore.code).toBe(0);
      expect(restore.stdout).toContain(
        `database ${target} (created): 40 events, ${unapplied} unapplied to re-drive`,
      );
      // A second restore into the now-populated database is refused and changes nothing.
      const again = await cli(['restore', '--file', file, '--target', target]);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/is not empty .*restore into a new database/);
      expect(await count(db, 'SELECT count(*) AS n FROM dossier_events')).toBe(40);
      expect(
        await count(
          db,
          'SELECT count(*) AS n FROM dossier_events WHERE applied_at IS NULL AND enqueued_at IS NULL',
        ),
      ).toBe(unapplied);

      // Redis is lost: nothing of the queue survives.
      const redis = new Redis(h.redisUrl);
      await redis.flushdb();
      await redis.quit();

      worker = await startWorker({
        config: { ...h.config, databaseUrl: restoredUrl },
        clock: h.clock,
        notifier: new RecordingNotifier(),
      });
      await waitFor(
        async () =>
          (await count(db, 'SELECT count(*) AS n FROM dossier_events WHERE applied_at IS NULL')) === 0,
        30_000,
        'the restored database to apply every re-driven event',
      );
      // Each re-driven event in one job (jobs carry up to 25), none failed, none re-driven twice. A job completes
      // just after its batch commits: wait for the queue to settle before counting.
      const counts = () => queue.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed');
      await waitFor(
        async () => {
          const c = await counts();
          return c.waiting + c.active + c.delayed === 0;
        },
        10_000,
        'the re-drive jobs to settle',
      );
      expect(await counts()).toEqual({
        completed: Math.ceil(unapplied / DOSSIER_EVENT_JOB_SIZE),
        failed: 0,
        waiting: 0,
        active: 0,
        delayed: 0,
      });
      const carried = (await queue.getJobs(['completed'])).flatMap((j) =>
        (j.data as { events: Array<{ eventId: string }> }).events.map((x) => x.eventId),
      );
      expect(carried).toHaveLength(unapplied);
      expect(new Set(carried).size).toBe(unapplied);
      // Every dossier's projection has seen its last event.
      expect(
        await count(
          db,
          `SELECT count(*) AS n FROM dossiers p
            WHERE p.applied_seq <> (SELECT max(seq) FROM dossier_events e WHERE e.dossier_code = p.code)`,
        ),
      ).toBe(0);
      expect(await count(db, 'SELECT count(*) AS n FROM dossiers')).toBe(5);
      expect(await drift(worker, db)).toEqual({ facts: [], rollups: [] });

      // The flush took the original's jobs too: `db:redrive` re-drives them at once (not after RELAY_STALE_MS), and
      // once its worker caught up the original holds the same projection as the restored database.
      const redrive = await cli(['redrive']);
      expect(redrive).toMatchObject({
        code: 0,
        stdout: expect.stringContaining(`${unapplied} unapplied event(s)`),
      });
      h.worker = await startWorker({ config: h.config, clock: h.clock, notifier: h.notifier });
      await h.waitForAllApplied();
      expect(await projection(db)).toEqual(await projection(h.db));
    } finally {
      await queue.close();
      await worker?.close();
      await db.end();
      await dropDatabase(restoredUrl);
    }
  });

  it('refuses PostgreSQL’s own database and an archive that is not the engine’s', async () => {
    const file = path.join(dir, 'postgres.dump');
    const other = withDatabase(h.databaseUrl, 'postgres');
    const { stdout } = await run('pg_dump', ['--format=custom', `--file=${file}`, `--dbname=${other}`]);
    expect(stdout).toBe('');
    const own = await cli(['restore', '--file', file, '--target', 'postgres']);
    expect(own).toMatchObject({ code: 1, stderr: expect.stringMatching(/PostgreSQL's own database/) });
    const target = `${decodeURIComponent(new URL(h.databaseUrl).pathname.slice(1))}_foreign`;
    const foreign = await cli(['restore', '--file', file, '--target', target]);
    expect(foreign).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/holds no dossier_events table/),
    });
    // Refused before anything was created.
    expect(await h.count('SELECT count(*) AS n FROM pg_database WHERE datname = $1', [target])).toBe(0);
  });
});
