/**
 * Durable intake benchmark (`npm run bench`, after the calendar cases): events committed per second by
 * one INSERT per event (the baseline) vs the EventStore's group commit, on a scratch PostgreSQL database.
 * Needs PostgreSQL at DATABASE_URL (scripts/services.js finds or starts it).
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { findConfigDir } from '../libs/config/src';
import {
  dataSourceOptions,
  EventStore,
  eventHash,
  setupDatabase,
  type AppendItem,
} from '../libs/database/src';

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

function median(xs: number[]): number {
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
  } finally {
    await db.destroy();
    const admin = new URL(base);
    admin.pathname = '/postgres';
    const c = new Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`);
    await c.end();
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

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
