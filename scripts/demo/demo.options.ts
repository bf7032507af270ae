// `npm run demo -- [options]`: the help text and the options, tokenised by node:util parseArgs.
import { parseArgs } from 'node:util';

export const DEMO_DB = 'motcua_demo';

export const HELP = `Usage: npm run demo -- [options]     (or: node -r @swc-node/register scripts/demo.ts [options])

Starts PostgreSQL/Redis if needed (scripts/services/), builds when dist is stale, sets up the database,
starts the API and the worker, creates demo users, replays a synthetic month of one-stop activity through
the HTTP API, waits until the worker has applied it, prints what to look at, and keeps running until Ctrl-C.

Options
  --seed N          random seed of the synthetic data (default 1); same seed, same events, same ids
  --dossiers N      dossiers received in the month (default 3000); receipts continue after the month
                    at the same daily rate up to now, so the worklists have live dossiers
  --month YYYY-MM   month to replay (default: the last full calendar month before now)
  --tail-days N     only N days of receipts after the month (default: every day up to now)
  --fresh           drop and recreate the demo database first (default when DATABASE_URL is not set)
  --keep            keep the demo database: a second run replays the same events, which the API
                    answers as duplicates (idempotent replay); only events that became due since are new
  --as roles|admin  post each event as the user whose role logs it (default), or everything as admin
  --concurrency N   batch requests in flight (default 4)
  --port N          API port (default PORT or 3000; a free one is picked when it is taken)
  --clock WHEN      the apps' clock: \`real\`, or a local time YYYY-MM-DDTHH:MM (Vietnam) to run at. Default: a
                    working afternoon 150 s before an open dossier falls due, so timers fire and staff mails
                    leave while you watch (CLOCK_OFFSET_MS, development only)
  --exit            stop after the summary and the live dossier's due instant (also DEMO_EXIT=1); for smoke tests
  --help            this text

Environment
  DATABASE_URL    default: the services' server with database "${DEMO_DB}" (dropped and recreated each run
                  unless --keep). When set, that database is used as is and only dropped with an explicit --fresh.
  REDIS_URL       default: a logical database (15 down to 1) of the services' Redis, claimed like the e2e tests
                  claim theirs (motcua:e2e:redis-db:<n> in db 0) and flushed, so the demo's queue never mixes with a
                  test's. When set, used as is (then nothing is flushed).
  ADMIN_PASSWORD  password of the built-in admin (default motcua-admin)
  PORT            API port (default 3000)

Mail goes to maildev (started from npm on free ports of 127.0.0.1; its inbox address is printed).
Logs of the API, the worker and maildev: .data/demo/`;

export interface DemoOptions {
  seed: number;
  dossiers: number;
  /** 'YYYY-MM', or null for the last full month. */
  month: string | null;
  tailDays: number | null;
  /** null: decided by whether DATABASE_URL is set. */
  fresh: boolean | null;
  as: 'roles' | 'admin';
  concurrency: number;
  port: number | null;
  /** null: decided by the real time (see --clock); 'real'; or an ISO instant with +07:00. */
  clock: string | null;
  exit: boolean;
  help: boolean;
}

const OPTIONS = {
  seed: { type: 'string' },
  dossiers: { type: 'string' },
  month: { type: 'string' },
  'tail-days': { type: 'string' },
  fresh: { type: 'boolean' },
  keep: { type: 'boolean' },
  'no-fresh': { type: 'boolean' },
  as: { type: 'string' },
  concurrency: { type: 'string' },
  port: { type: 'string' },
  clock: { type: 'string' },
  exit: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function num(name: string, v: string | undefined, min = 0): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} needs an integer ≥ ${min}, got ${v}`);
  return n;
}

/** Options in command-line order (a later --keep overrides --fresh); the first invalid one throws. */
export function parseDemoArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): DemoOptions {
  const o: DemoOptions = {
    seed: 1,
    dossiers: 3000,
    month: null,
    tailDays: null,
    fresh: null,
    as: 'roles',
    concurrency: 4,
    port: null,
    clock: null,
    exit: env.DEMO_EXIT === '1' || env.DEMO_EXIT === 'true',
    help: false,
  };
  // Not strict: unknown options and positionals come back as tokens, and get this script's own message.
  const { tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') throw new Error(`unknown option ${argv[token.index]} (see --help)`);
    const { value } = token;
    switch (token.name) {
      case 'seed':
        o.seed = num('--seed', value);
        break;
      case 'dossiers':
        o.dossiers = num('--dossiers', value, 1);
        break;
      case 'month':
        if (value === undefined || !/^\d{4}-(0[1-9]|1[0-2])$/.test(value))
          throw new Error(`--month needs YYYY-MM, got ${value}`);
        o.month = value;
        break;
      case 'tail-days':
        o.tailDays = num('--tail-days', value);
        break;
      case 'fresh':
        o.fresh = true;
        break;
      case 'keep':
      case 'no-fresh':
        o.fresh = false;
        break;
      case 'as':
        if (value !== 'roles' && value !== 'admin')
          throw new Error(`--as needs roles or admin, got ${value}`);
        o.as = value;
        break;
      case 'concurrency':
        o.concurrency = num('--concurrency', value, 1);
        break;
      case 'port':
        o.port = num('--port', value, 1);
        break;
      case 'clock':
        if (value === 'real') o.clock = value;
        else if (
          value !== undefined &&
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) &&
          !Number.isNaN(Date.parse(`${value}:00+07:00`))
        )
          o.clock = `${value}:00+07:00`;
        else throw new Error(`--clock needs real or YYYY-MM-DDTHH:MM (Vietnam time), got ${value}`);
        break;
      case 'exit':
        o.exit = true;
        break;
      case 'help':
        o.help = true;
        break;
      default:
        throw new Error(`unknown option ${argv[token.index]} (see --help)`);
    }
  }
  return o;
}
