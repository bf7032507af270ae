import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { Client } from 'pg';
import { findConfigDir } from '@motcua/config';
import { setupDatabase } from '@motcua/database';
import { freePort } from './support/ports';

const root = path.resolve(__dirname, '..');
const baseUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/motcua');
const dbUrl = new URL(baseUrl);
dbUrl.pathname = `/motcua_lifecycle_${process.pid}`;

function start(entry: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let out = '';
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: dbUrl.toString(), NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  return { child, output: () => out };
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('the apps start, connect and stop cleanly on SIGTERM', () => {
  beforeAll(async () => {
    await setupDatabase(dbUrl.toString(), findConfigDir(), Date.now());
  });

  afterAll(async () => {
    const admin = new URL(baseUrl);
    admin.pathname = '/postgres';
    const c = new Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${dbUrl.pathname.slice(1)}" WITH (FORCE)`);
    await c.end();
  });

  it('api: healthy with PostgreSQL and Redis up, exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const api = start('apps/api/src/main.ts', { PORT: String(port) });
    const exited = exitOf(api.child);
    await until('api health', async () => {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        // Issue 7: the public /health says ready or not (ready: PostgreSQL and Redis answer), no per-probe details.
        const body = (await res.json()) as { status: string; ready: boolean };
        return res.status === 200 && body.status === 'ok' && body.ready;
      } catch {
        return false;
      }
    });
    api.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(api.output()).toContain('stopped');
  });

  it('api with API_PROCESSES=2: one port, one token for both processes, a dead one replaced, SIGTERM stops all', async () => {
    const port = await freePort();
    // No JWT_SECRET: each process would draw its own development secret unless the primary hands them one.
    const api = start('apps/api/src/main.ts', { PORT: String(port), API_PROCESSES: '2' });
    const exited = exitOf(api.child);
    const primary = api.child.pid ?? 0;
    // ps exits 1 when the primary has no children (yet).
    const children = () =>
      spawnSync('ps', ['--ppid', String(primary), '-o', 'pid='], { encoding: 'utf8' })
        .stdout.split('\n')
        .map((x) => Number(x.trim()))
        .filter((x) => x > 0);
    const base = `http://127.0.0.1:${port}`;
    const ready = async () => {
      try {
        return (await fetch(`${base}/health`)).status === 200;
      } catch {
        return false;
      }
    };
    try {
      await runClusterChecks();
    } finally {
      // On a failure, nothing may outlive the test.
      for (const pid of [...children(), primary])
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
    }

    async function runClusterChecks(): Promise<void> {
      await until('two api processes', async () => children().length === 2 && (await ready()), 60_000);
      await until(
        'both processes listening',
        () => api.output().split('listening on').length - 1 === 2,
        60_000,
      );
      const login = await fetch(`${base}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'motcua-admin' }),
      });
      expect(login.status).toBe(200);
      const { accessToken } = (await login.json()) as { accessToken: string };
      // New connections go round-robin to both processes: every one accepts the token the other signed.
      const statuses = async () =>
        Promise.all(
          Array.from({ length: 20 }, async () => {
            const res = await fetch(`${base}/api/v1/dossiers?limit=1`, {
              headers: { authorization: `Bearer ${accessToken}`, connection: 'close' },
            });
            await res.arrayBuffer();
            return res.status;
          }),
        );
      expect(new Set(await statuses())).toEqual(new Set([200]));

      const [victim] = children();
      process.kill(victim, 'SIGKILL');
      await until('a replacement process', () => {
        const now = children();
        return now.length === 2 && !now.includes(victim);
      });
      await until(
        'the replacement listening',
        () => api.output().split('listening on').length - 1 === 3,
        60_000,
      );
      expect(api.output()).toContain(`process ${victim} died (signal SIGKILL); starting another`);
      expect(new Set(await statuses())).toEqual(new Set([200]));

      const survivors = children();
      api.child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(api.output()).toContain('every process stopped');
      for (const pid of survivors) expect(() => process.kill(pid, 0)).toThrow();
    }
  });

  it('worker: processes, exits 0 on SIGTERM', async () => {
    const worker = start('apps/worker/src/main.ts', {});
    const exited = exitOf(worker.child);
    await until('worker ready', () => worker.output().includes('processing dossier events'));
    worker.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(worker.output()).toContain('stopped');
  });
});
