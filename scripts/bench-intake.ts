/**
 * Database benchmarks (`npm run bench`, after the calendar cases), on a scratch PostgreSQL database:
 * - intake: events committed per second by one INSERT per event (baseline) vs the EventStore's group commit;
 * - projection: events applied per second by one transaction per event (baseline) vs micro-batches.
 * Needs PostgreSQL at DATABASE_URL (scripts/services finds or starts it).
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApplyEvents, RulesProvider, type DeadlineArming } from '@motcua/application';
import { findConfigDir, loadConfig } from '@motcua/config';
import {
  dataSourceOptions,
  EventStore,
  eventHash,
  ProjectionRepository,
  RulesRepository,
  setupDatabase,
  type AppendItem,
} from '@motcua/database';
import { dropScratchDatabase } from './support/scratch-db';

const ROUNDS = 5;
const EVENTS = 3000;
const IN_FLIGHT = 100;

const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/motcua');
const url = new URL(base);
url.pathname = `/motcua_bench_${process.pid}`;

function item(): AppendItem {
  const id = randomUUID();
  const code = `BENCH-${id.slice(0, 8)}`;
  return {
    event: {
      id,
      dossierCode: code,
      type: 'paid',
      occurredAt: Date.now(),
      data: { amountVnd: 100000, method: 'online' },
    },
    actor: 'bench',
    response: { id, dossierCode: code, status: 'accepted' },
  };
}

/** Runs `total` single-event submissions with `inFlight` of them outstanding, like concurrent HTTP requests. */
async function concurrently(
  total: number,
  inFlight: number,
  submit: (i: AppendItem) => Promise<unknown>,
): Promise<number> {
  const items = Array.from({ length: total }, item);
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < items.length) await submit(items[next++]);
    }),
  );
  return total / (Number(process.hrtime.bigint() - start) / 1e9);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  await setupDatabase(url.toString(), findConfigDir(), Date.now());
  const db = new DataSource({ ...dataSourceOptions(url.toString()), extra: { max: 10 } });
  await db.initialize();
  const store = new EventStore(db);
  const oneByOne = (it: AppendItem) =>
    db.query(
      `INSERT INTO dossier_events (id, dossier_code, type, occurred_at, data, body_hash, actor, response)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8::jsonb)`,
      [
        it.event.id,
        it.event.dossierCode,
        it.event.type,
        new Date(it.event.occurredAt),
        JSON.stringify(it.event.data),
        eventHash(it.event),
        it.actor,
        JSON.stringify(it.response),
      ],
    );
  const results: Record<string, number[]> = { 'one INSERT per event': [], 'group commit': [] };
  try {
    for (let r = 0; r < ROUNDS; r++) {
      results['one INSERT per event'].push(await concurrently(EVENTS, IN_FLIGHT, oneByOne));
      results['group commit'].push(await concurrently(EVENTS, IN_FLIGHT, (it) => store.append([it])));
    }
    await projectionBench(db, store);
  } finally {
    await db.destroy();
    await dropScratchDatabase(url);
  }
  console.log(
    `\nintake — ${EVENTS} single-event submissions, ${IN_FLIGHT} in flight, pool of 10, ${ROUNDS} rounds`,
  );
  console.log(`${'case'.padEnd(28)}${'median/s'.padStart(12)}${'min/s'.padStart(12)}${'max/s'.padStart(12)}`);
  for (const [name, xs] of Object.entries(results)) {
    const f = (n: number) => Math.round(n).toLocaleString('en-US').padStart(12);
    console.log(`${name.padEnd(28)}${f(median(xs))}${f(Math.min(...xs))}${f(Math.max(...xs))}`);
  }
  const ratio = median(results['group commit']) / median(results['one INSERT per event']);
  console.log(
    `group commit: ${ratio.toFixed(1)}× the committed events per second of one INSERT per event (medians)`,
  );
}

const DOSSIERS = 400;

/** A realistic dossier: received, three handovers, a payment, the result, the return, a rating. */
export function lifeOf(n: number, prefix = 'BENCH-P-'): AppendItem[] {
  const code = `${prefix}${String(n).padStart(5, '0')}`;
  const t0 = Date.parse('2026-03-02T08:00:00+07:00') + n * 60_000;
  const ev = (type: string, hours: number, data: unknown): AppendItem => {
    const id = randomUUID();
    return {
      event: { id, dossierCode: code, type, occurredAt: t0 + hours * 3_600_000, data },
      actor: 'bench',
      response: {},
    };
  };
  return [
    ev('received', 0, { procedureCode: '1.014199', channel: 'online', applicant: { name: 'Nguyễn Văn An' } }),
    ev('forwarded', 1, { fromUnit: 'LDTBXH.MC', toUnit: 'LDTBXH.VLATLD', method: 'electronic' }),
    ev('paid', 2, { amountVnd: 600000, method: 'online' }),
    ev('forwarded', 48, { fromUnit: 'LDTBXH.VLATLD', toUnit: 'LDTBXH.VP', method: 'electronic' }),
    ev('forwarded', 72, { fromUnit: 'LDTBXH.VP', toUnit: 'LDTBXH.MC', method: 'electronic' }),
    ev('result_ready', 73, { outcome: 'approved', electronicResult: true }),
    ev('returned', 96, { method: 'electronic' }),
    ev('rated', 97, { rating: 'satisfied' }),
  ];
}

async function projectionBench(db: DataSource, store: EventStore): Promise<void> {
  // The worker's own use case, wired by hand: the rules from the scratch database, checked per batch as it does.
  const config = loadConfig({ NODE_ENV: 'development', ...process.env, DATABASE_URL: url.toString() });
  const clock = { now: () => Date.now() };
  const rules = new RulesProvider(new RulesRepository(db), config);
  // No timers here: the projection alone is measured (the tracker's bench is scripts/bench-tracker.ts).
  const noTimers = { afterWrite: async () => undefined } as unknown as DeadlineArming;
  const apply = new ApplyEvents(new ProjectionRepository(db), rules, clock, noTimers, {
    indicators: { lateEntryHours: 24 },
  });
  const lives = Array.from({ length: DOSSIERS }, (_, i) => lifeOf(i));
  await store.append(lives.flat());
  // Jobs arrive in time order across dossiers, as they do from the desks.
  const jobs = lives[0].flatMap((_, k) =>
    lives.map((l) => ({ eventId: l[k].event.id, dossierCode: l[k].event.dossierCode })),
  );
  const now = Date.parse('2026-04-01T09:00:00+07:00');
  const reset = async () => {
    await db.query("UPDATE dossier_events SET applied_at = NULL WHERE dossier_code LIKE 'BENCH-P-%'");
    await db.query("DELETE FROM dossiers WHERE code LIKE 'BENCH-P-%'");
  };
  const timed = async (fn: () => Promise<void>) => {
    await reset();
    const start = process.hrtime.bigint();
    await fn();
    return jobs.length / (Number(process.hrtime.bigint() - start) / 1e9);
  };
  const perEvent: number[] = [];
  const batched: number[] = [];
  for (let r = 0; r < 3; r++) {
    perEvent.push(
      await timed(async () => {
        let next = 0;
        await Promise.all(
          Array.from({ length: 8 }, async () => {
            while (next < jobs.length) {
              const j = jobs[next++];
              await apply.applyTogether([j], now);
            }
          }),
        );
      }),
    );
    batched.push(
      await timed(async () => {
        let next = 0;
        await Promise.all(
          Array.from({ length: 2 }, async () => {
            while (next < jobs.length) {
              const slice = jobs.slice(next, next + 200);
              next += 200;
              await apply.applyTogether(slice, now);
            }
          }),
        );
      }),
    );
  }
  const f = (n: number) => Math.round(n).toLocaleString('en-US').padStart(12);
  console.log(`\nprojection — ${jobs.length} events of ${DOSSIERS} dossiers, 3 rounds`);
  console.log(`${'case'.padEnd(36)}${'median/s'.padStart(12)}${'min/s'.padStart(12)}${'max/s'.padStart(12)}`);
  console.log(
    `${'one transaction per event (8 par.)'.padEnd(36)}${f(median(perEvent))}${f(Math.min(...perEvent))}${f(Math.max(...perEvent))}`,
  );
  console.log(
    `${'micro-batches of 200 (2 par.)'.padEnd(36)}${f(median(batched))}${f(Math.min(...batched))}${f(Math.max(...batched))}`,
  );
  console.log(
    `micro-batches: ${(median(batched) / median(perEvent)).toFixed(1)}× the applied events per second (medians)`,
  );
}

// Run as a script; imported (scripts/bench-drain.ts), it only lends its helpers.
if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
