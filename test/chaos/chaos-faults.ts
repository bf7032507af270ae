// The faults of the chaos suite, one per run plus a mixed run; each records the windows the liveness check measures.
import Redis from 'ioredis';
import { Client } from 'pg';
import type { FaultWindow } from './chaos-checks';
import { APPLICANT_DOMAIN, REFUSED_DOMAIN } from './chaos-load';
import { type Apps, type ChaosPostgres, type ChaosRedis, sleep, type TestSmtpServer } from './chaos-stack';

export interface FaultContext {
  apps: Apps;
  pg: ChaosPostgres;
  /** The run's database, for what the faults observe while they last. */
  databaseUrl: string;
  redis: ChaosRedis;
  smtp: TestSmtpServer;
  rnd: () => number;
  /** Real instant the load started, and its planned length. */
  loadStart: number;
  loadMs: number;
  /** The apology deadline on the real clock (the letters' burst). */
  apologyAtReal: number;
  loadDone: Promise<void>;
  windows: FaultWindow[];
  notes: Record<string, unknown>;
  /** Scales the outage lengths of the full-size run; 1 at the CI size. */
  log: (msg: string) => void;
}

export interface FaultSpec {
  name: string;
  /** Share of events the generator resends 1–5 times. */
  duplicateShare: number;
  /** The 5xx refusal of REFUSED_DOMAIN holds for the whole run. */
  refusesDomain: boolean;
  run: (ctx: FaultContext) => Promise<void>;
}

const at = async (ctx: FaultContext, share: number) => {
  const wait = ctx.loadStart + share * ctx.loadMs - Date.now();
  if (wait > 0) await sleep(wait);
};

async function window(ctx: FaultContext, name: string, act: () => Promise<void>): Promise<void> {
  const start = Date.now();
  ctx.log(`fault: ${name}`);
  await act();
  ctx.windows.push({ name, start, end: Date.now() });
}

const WORKERS = ['worker-1', 'worker-2'];

async function killWorkersRepeatedly(ctx: FaultContext): Promise<void> {
  let done = false;
  void ctx.loadDone.then(() => (done = true));
  let kills = 0;
  for (;;) {
    await sleep(10_000 + ctx.rnd() * 10_000);
    if (done) break;
    const name = WORKERS[Math.floor(ctx.rnd() * WORKERS.length)];
    await window(ctx, `kill -9 ${name}`, async () => {
      await ctx.apps.signalWorker(name, 'SIGKILL');
      await ctx.apps.startWorker(name);
    });
    kills += 1;
  }
  ctx.notes.workerKills = kills;
}

async function redisKill(ctx: FaultContext, downMs: number): Promise<void> {
  await window(ctx, downMs > 10_000 ? `Redis down ${downMs / 1000} s` : 'Redis kill -9', async () => {
    await ctx.redis.kill();
    await sleep(downMs);
    await ctx.redis.start();
  });
}

async function postgresStop(ctx: FaultContext, downMs: number): Promise<void> {
  await window(ctx, `PostgreSQL immediate stop ${downMs / 1000} s`, async () => {
    await ctx.pg.stopImmediate();
    await sleep(downMs);
    await ctx.pg.start();
  });
}

async function smtpFaults(ctx: FaultContext): Promise<void> {
  // The sender is killed right after the server's "250" for an applicant's letter, before it can mark it sent.
  let killed = 0;
  ctx.smtp.afterAccept = (mail) => {
    if (killed > 0 || !mail.rcptTo.some((to) => to.endsWith(`@${APPLICANT_DOMAIN}`))) return;
    killed += 1;
    void window(ctx, 'senders killed between 250 and marking sent', async () => {
      await Promise.all(WORKERS.map((w) => ctx.apps.signalWorker(w, 'SIGKILL')));
      await Promise.all(WORKERS.map((w) => ctx.apps.startWorker(w)));
    });
  };
  await at(ctx, 0.15);
  await window(ctx, 'SMTP 451 for 15 s', async () => {
    ctx.smtp.refuse({ code: 451, message: 'Try again later', forMs: 15_000 });
    await sleep(15_000);
  });
  // The apologies' burst meets connections cut after DATA (the message kept, the "250" never heard).
  const burst = ctx.apologyAtReal - Date.now();
  if (burst > 0) await sleep(burst);
  await window(ctx, 'SMTP connection cut after DATA ×5', async () => {
    ctx.smtp.dropAfterData(5);
    await sleep(5000);
  });
}

async function stallWorker(ctx: FaultContext, ms: number): Promise<void> {
  await window(ctx, `worker-1 event loop stalled ${ms / 1000} s`, async () => {
    const w = ctx.apps.worker('worker-1');
    w.child.kill('SIGSTOP');
    await sleep(5000);
    // Who waits on a lock while the worker is frozen (its transaction held open): for the report.
    const c = new Client({ connectionString: ctx.databaseUrl });
    await c.connect();
    const { rows } = await c.query<{ n: string; query: string; state: string }>(
      `SELECT count(*) AS n, state, left(query, 160) AS query FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND (wait_event_type = 'Lock' OR state LIKE 'idle in transaction%')
        GROUP BY state, left(query, 160)`,
    );
    await c.end();
    ctx.notes.duringStall = rows;
    await sleep(ms - 5000);
    w.child.kill('SIGCONT');
  });
}

/** A run with one fault, started at `share` of the load. */
function onceAt(name: string, share: number, act: (ctx: FaultContext) => Promise<void>): FaultSpec {
  return {
    name,
    duplicateShare: 0,
    refusesDomain: false,
    run: async (ctx) => {
      await at(ctx, share);
      await act(ctx);
    },
  };
}

export const FAULTS: FaultSpec[] = [
  { name: 'worker-kill', duplicateShare: 0, refusesDomain: false, run: killWorkersRepeatedly },
  {
    name: 'worker-sigterm',
    duplicateShare: 0,
    refusesDomain: false,
    run: async (ctx) => {
      await at(ctx, 0.4);
      await window(ctx, 'SIGTERM worker-1 mid-batch', async () => {
        const exit = await ctx.apps.signalWorker('worker-1', 'SIGTERM');
        ctx.notes.sigterm = exit;
        await ctx.apps.startWorker('worker-1');
      });
    },
  },
  onceAt('redis-kill', 0.3, (ctx) => redisKill(ctx, 2000)),
  onceAt('redis-down-60s', 0.2, (ctx) => redisKill(ctx, 60_000)),
  onceAt('redis-flushall', 0.4, (ctx) =>
    window(ctx, 'Redis FLUSHALL', async () => {
      const r = new Redis(ctx.redis.url, { maxRetriesPerRequest: 1 });
      await r.flushall();
      await r.quit();
    }),
  ),
  onceAt('postgres-stop', 0.3, (ctx) => postgresStop(ctx, 8000)),
  onceAt('worker-stall-40s', 0.2, (ctx) => stallWorker(ctx, 40_000)),
  { name: 'duplicate-storm', duplicateShare: 0.1, refusesDomain: false, run: async () => undefined },
  {
    name: 'smtp',
    duplicateShare: 0,
    refusesDomain: true,
    run: smtpFaults,
  },
  {
    name: 'mixed',
    duplicateShare: 0.1,
    refusesDomain: true,
    run: async (ctx) => {
      await Promise.all([
        killWorkersRepeatedly(ctx),
        (async () => {
          await at(ctx, 0.25);
          await redisKill(ctx, 2000);
          await at(ctx, 0.55);
          await postgresStop(ctx, 5000);
        })(),
        (async () => {
          await at(ctx, 0.4);
          await window(ctx, 'SMTP 451 for 10 s', async () => {
            ctx.smtp.refuse({ code: 451, message: 'Try again later', forMs: 10_000 });
            await sleep(10_000);
          });
        })(),
      ]);
    },
  },
];

/** The 5xx refusal for REFUSED_DOMAIN (applicants whose letters can never be delivered). */
export function refuseDomain(smtp: TestSmtpServer): void {
  smtp.refuse({ code: 550, message: 'No such domain', domain: REFUSED_DOMAIN });
}
