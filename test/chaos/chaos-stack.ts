// The chaos run's own services and apps, each of which a fault may kill and start again: a private PostgreSQL
// cluster, a Redis with AOF (as in docker-compose.yml), an SMTP server, one API of two processes, two workers.
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { findPostgresBin } from '../../scripts/services/postgres.local';
import { findExecutable, isRoot, run, tail } from '../../scripts/services/system.util';
import { ROOT } from '../support/settings';
import { TestSmtpServer } from '../support/smtp-server';
import { freePort } from '../support/ports';

export { freePort };

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `probe` until it is true; throws with `what` after `timeoutMs`. */
export async function until(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(200);
  }
}

/** A private cluster (initdb once per chaos run) that can be stopped with `-m immediate` and started again. */
export class ChaosPostgres {
  private constructor(
    readonly port: number,
    private readonly bin: string,
    private readonly dataDir: string,
    private readonly logFile: string,
    private readonly runAs: string | undefined,
  ) {}

  static async create(dir: string): Promise<ChaosPostgres> {
    const bin = await findPostgresBin();
    if (!bin)
      throw new Error('PostgreSQL binaries (initdb, pg_ctl) not found: run npm test once to install them');
    const runAs = isRoot() ? 'postgres' : undefined;
    const dataDir = path.join(dir, 'pg');
    const logFile = path.join(dir, 'pg.log');
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    fs.appendFileSync(logFile, '');
    // As root the cluster is the postgres user's: it must own its directory, socket and log.
    if (runAs) for (const p of [dir, dataDir, logFile]) await run('chown', ['-R', `${runAs}:`, p]);
    const init = await run(
      path.join(bin.dir, 'initdb'),
      ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C'],
      { asUser: runAs, timeout: 120_000 },
    );
    if (init.code !== 0) throw new Error(`initdb failed:\n${init.out}`);
    const pg = new ChaosPostgres(await freePort(), bin.dir, dataDir, logFile, runAs);
    await pg.start();
    return pg;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async start(): Promise<void> {
    const res = await run(
      path.join(this.bin, 'pg_ctl'),
      [
        '-D',
        this.dataDir,
        '-o',
        // fsync stays on: an immediate stop must lose nothing that was committed.
        `-p ${this.port} -k '${path.dirname(this.dataDir)}' -c listen_addresses=127.0.0.1 -c max_connections=200`,
        '-l',
        this.logFile,
        '-w',
        '-t',
        '120',
        'start',
      ],
      { asUser: this.runAs, timeout: 130_000 },
    );
    if (res.code !== 0) throw new Error(`pg_ctl start failed:\n${res.out}\n${tail(this.logFile)}`);
  }

  /** `pg_ctl stop -m immediate`: no checkpoint, every backend cut, crash recovery at the next start. */
  async stopImmediate(): Promise<void> {
    await run(path.join(this.bin, 'pg_ctl'), ['-D', this.dataDir, 'stop', '-m', 'immediate', '-w'], {
      asUser: this.runAs,
      timeout: 60_000,
    });
  }

  async stop(): Promise<void> {
    await run(path.join(this.bin, 'pg_ctl'), ['-D', this.dataDir, 'stop', '-m', 'fast', '-w'], {
      asUser: this.runAs,
      timeout: 60_000,
    });
  }
}

/** redis-server with an append-only file fsynced every second and noeviction, killable with SIGKILL. */
export class ChaosRedis {
  private child: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly bin: string,
  ) {}

  static async create(dir: string): Promise<ChaosRedis> {
    const bin = findExecutable('redis-server', ['/usr/bin', '/usr/local/bin', '/usr/sbin']);
    if (!bin) throw new Error('redis-server not found: run npm test once to install it');
    const redisDir = path.join(dir, 'redis');
    fs.mkdirSync(redisDir, { recursive: true });
    const r = new ChaosRedis(await freePort(), redisDir, bin);
    await r.start();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', ''];
    args.push('--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction');
    this.child = spawn(this.bin, args, { stdio: 'ignore' });
    await until(() => this.ping(), 30_000, 'Redis to answer');
  }

  private ping(): Promise<boolean> {
    return new Promise((resolve) => {
      const s = net.connect(this.port, '127.0.0.1', () => s.write('PING\r\n'));
      s.once('data', (d) => {
        s.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
      s.once('error', () => resolve(false));
    });
  }

  /** SIGKILL: whatever the last second wrote may be missing from the AOF. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}

export type AppKind = 'api' | 'worker';

/** One app process with the tail of its output. */
export class AppProcess {
  private output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    // CHAOS_APP_LOG_DIR keeps every line of every app (diagnosis by hand); by default only the tail is kept.
    const dir = process.env.CHAOS_APP_LOG_DIR;
    if (dir) fs.mkdirSync(dir, { recursive: true });
    const file = dir ? fs.createWriteStream(path.join(dir, `${name}.log`), { flags: 'a' }) : null;
    const keep = (b: Buffer) => {
      file?.write(b);
      this.output = (this.output + b.toString()).slice(-30_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  tail(): string {
    return this.output;
  }
}

export interface StackEnv {
  databaseUrl: string;
  redisUrl: string;
  smtpUrl: string;
  configDir: string;
  clockOffsetMs: number;
  jwtSecret: string;
  lookupSecret: string;
  adminPassword: string;
}

/** The environment every app of the run shares (fast relays and retries so that a short run shows recovery). */
export function appEnv(s: StackEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: s.databaseUrl,
    REDIS_URL: s.redisUrl,
    SMTP_URL: s.smtpUrl,
    MOTCUA_CONFIG_DIR: s.configDir,
    CLOCK_OFFSET_MS: String(s.clockOffsetMs),
    JWT_SECRET: s.jwtSecret,
    LOOKUP_SECRET: s.lookupSecret,
    ADMIN_PASSWORD: s.adminPassword,
    INTAKE_RATE_LIMIT: '1000000',
    RELAY_INTERVAL_MS: '200',
    RELAY_GRACE_MS: '1000',
    RELAY_STALE_MS: '5000',
    MAIL_ATTEMPTS: '40',
    MAIL_BACKOFF_MS: '500',
    MAIL_FROM: 'Bộ phận Một cửa <motcua@motcua.example>',
    PUBLIC_BASE_URL: 'https://motcua.example',
    TRACKER_ENABLED: 'true',
    TRACKER_HORIZON_MS: '3600000',
    TRACKER_SWEEP_INTERVAL_MS: '5000',
    DATABASE_QUERY_TIMEOUT_MS: '10000',
  };
}

function spawnApp(name: string, entry: string, env: NodeJS.ProcessEnv): AppProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new AppProcess(name, child);
}

async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await res.arrayBuffer();
  return res.status === 200;
}

async function httpAnswers(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await res.arrayBuffer();
  return res.status < 500;
}

/** The API (API_PROCESSES=2 on one port) and two workers; a worker may be killed and started again by name. */
export class Apps {
  api: AppProcess | null = null;
  readonly workers = new Map<string, AppProcess>();
  private readonly metricsPorts = new Map<string, number>();
  /** Every exit seen, for the report (a SIGTERM must end in code 0). */
  readonly exits: Array<{ name: string; code: number | null; signal: NodeJS.Signals | null; at: number }> =
    [];

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly apiPort: number,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.apiPort}`;
  }

  async startApi(): Promise<void> {
    const p = spawnApp('api', 'apps/api/src/main.ts', {
      ...this.env,
      PORT: String(this.apiPort),
      API_PROCESSES: '2',
    });
    this.api = p;
    void p.exited.then((e) => this.exits.push({ name: 'api', ...e, at: Date.now() }));
    // 200 from /health/live: another server on the port (a CI run once had a worker's metrics there) answers 404.
    await until(() => httpOk(`${this.baseUrl}/health/live`), 90_000, 'the API').catch((err: unknown) => {
      throw new Error(`${String(err)}\n${p.tail()}`);
    });
  }

  async startWorker(name: string): Promise<void> {
    const port = this.metricsPorts.get(name) ?? (await freePort());
    this.metricsPorts.set(name, port);
    const p = spawnApp(name, 'apps/worker/src/main.ts', { ...this.env, WORKER_METRICS_PORT: String(port) });
    this.workers.set(name, p);
    void p.exited.then((e) => this.exits.push({ name, ...e, at: Date.now() }));
    await until(() => httpAnswers(`http://127.0.0.1:${port}/metrics`), 90_000, name).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${p.tail()}`);
    });
  }

  worker(name: string): AppProcess {
    const w = this.workers.get(name);
    if (!w) throw new Error(`no worker ${name}`);
    return w;
  }

  /** Sends `signal` to a worker and waits for its exit; returns the exit and how long it took. */
  async signalWorker(name: string, signal: NodeJS.Signals): Promise<{ code: number | null; ms: number }> {
    const w = this.worker(name);
    const started = Date.now();
    if (w.running) w.child.kill(signal);
    const e = await w.exited;
    return { code: e.code, ms: Date.now() - started };
  }

  async stopAll(): Promise<void> {
    const all = [...this.workers.values(), ...(this.api ? [this.api] : [])];
    for (const p of all) if (p.running) p.child.kill('SIGTERM');
    await Promise.race([Promise.all(all.map((p) => p.exited)), sleep(20_000)]);
    for (const p of all) if (p.running) p.child.kill('SIGKILL');
    await Promise.all(all.map((p) => p.exited));
  }
}

export { TestSmtpServer };
