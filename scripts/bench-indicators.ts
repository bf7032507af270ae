/**
 * The indicators' benchmark (`npm run bench`, issue 10): for each size of BENCH_INDICATOR_SIZES (default 1 and 10
 * million), a scratch database gets that many dossiers generated in SQL — three years of receptions over the shipped
 * catalogue, each with its indicator facts — and the rollups rebuilt from them; then the summary of a month, of a
 * year and of one unit's year, through the use case the API serves (`SummarizeIndicators`, rollups), each beside the
 * naive aggregate over the dossiers of the same slice (`IndicatorRepository.totalsExact`) measured in the same run.
 * Medians over the rounds; target: a summary in at most 50 ms. Small run: `BENCH_INDICATOR_SIZES=100000`.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { ApplicationModule, SummarizeIndicators } from '@motcua/application';
import { findConfigDir, loadConfig } from '@motcua/config';
import type { IndicatorSliceQuery, Principal } from '@motcua/contracts';
import { IndicatorRepository, setupDatabase, type IndicatorFilter } from '@motcua/database';
import { claimRedisDb } from './support/redis-db';
import { dropScratchDatabase } from './support/scratch-db';

const SIZES = (process.env.BENCH_INDICATOR_SIZES || '1000000,10000000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_INDICATOR_ROUNDS || 5);
const NAIVE_ROUNDS = Number(process.env.BENCH_INDICATOR_NAIVE_ROUNDS || 3);
const TARGET_MS = 50;
const CHUNK = 1_000_000;
const baseDb = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/motcua');
const baseRedis = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MANAGER: Principal = { username: 'bench', roles: ['manager'], units: ['*'] };

const say = (s: string) => console.log(s);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * `n` dossiers from `first`: receptions spread over 2024–2026, each of a catalogue procedure (with its lead unit),
 * a channel, and facts whose counters follow plausible shares (60% online, 90% resolved, 85% of those in time, …).
 */
function generateSql(first: number, n: number): string {
  const r = (salt: number) => `(hashint8(i * 7919 + ${salt}) & 1023) / 1024.0`;
  return `
    WITH cat AS (SELECT array_agg(code ORDER BY code) AS codes, array_agg(lead ORDER BY code) AS leads FROM (
           SELECT DISTINCT ON (code) code, definition->>'leadUnitCode' AS lead FROM procedure_versions
            ORDER BY code, version DESC) p),
         g AS (SELECT i, ${r(1)} AS a, ${r(2)} AS b, ${r(3)} AS c, ${r(4)} AS d, ${r(5)} AS e,
                      timestamptz '2024-01-01 00:00+07' + (${r(6)} * 1095 + (i % 97) / 97.0) * interval '1 day' AS rec
                 FROM generate_series(${first}::bigint, ${first + n - 1}) AS i),
         x AS (SELECT g.*, cat.codes[1 + (i % array_length(cat.codes, 1))] AS proc,
                      cat.leads[1 + (i % array_length(cat.codes, 1))] AS lead,
                      CASE WHEN a < 0.6 THEN 'online' WHEN a < 0.95 THEN 'direct' ELSE 'postal' END AS channel,
                      b < 0.9 AS done, rec + (1 + c * 20) * interval '1 day' AS fin
                 FROM g, cat)
    INSERT INTO dossiers (code, status, state, procedure_code, lead_unit, channel, received_at, finished_at, facts)
    SELECT 'B' || lpad(i::text, 9, '0'), CASE WHEN done THEN 'RETURNED' ELSE 'IN_PROCESS' END, '{}'::jsonb, proc,
           lead, channel, rec, CASE WHEN done THEN fin END,
           jsonb_build_object(
             'unit', lead, 'procedure', proc, 'channel', channel,
             'rMonth', to_char(date_trunc('month', rec AT TIME ZONE 'Asia/Ho_Chi_Minh'), 'YYYY-MM-DD'),
             'fMonth', CASE WHEN done THEN to_char(date_trunc('month', fin AT TIME ZONE 'Asia/Ho_Chi_Minh'), 'YYYY-MM-DD') END,
             'r', jsonb_strip_nulls(jsonb_build_object(
               'received', 1, 'online', CASE WHEN channel = 'online' THEN 1 END,
               'routed', CASE WHEN d < 0.8 THEN 1 END, 'routedElectronic', CASE WHEN d < 0.68 THEN 1 END,
               'handovers', CASE WHEN d < 0.8 THEN 2 END, 'handoversElectronic', CASE WHEN d < 0.68 THEN 2 END,
               'feeBearing', CASE WHEN e < 0.3 THEN 1 END, 'paidOnline', CASE WHEN e < 0.12 THEN 1 END,
               'digitized', CASE WHEN e < 0.7 THEN 1 END, 'reused', CASE WHEN c < 0.4 THEN 1 END,
               'supplemented', CASE WHEN c > 0.9 THEN 1 END, 'entries', 6,
               'pending', CASE WHEN NOT done THEN 1 END, 'pendingOverdue', CASE WHEN NOT done AND c < 0.2 THEN 1 END)),
             'f', CASE WHEN done THEN jsonb_strip_nulls(jsonb_build_object(
               'resolved', 1, 'ended', 1, 'early', CASE WHEN d < 0.6 THEN 1 END,
               'onTime', CASE WHEN d >= 0.6 AND d < 0.85 THEN 1 END, 'late', CASE WHEN d >= 0.85 THEN 1 END,
               'endedInTime', CASE WHEN d < 0.85 THEN 1 END, 'processed', 1, 'processedMinutes', (c * 4800)::int,
               'rated', CASE WHEN e < 0.5 THEN 1 END, 'satisfied', CASE WHEN e < 0.47 THEN 1 END))
             ELSE '{}'::jsonb END)
      FROM x`;
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const t0 = process.hrtime.bigint();
  const out = await work();
  return [Number(process.hrtime.bigint() - t0) / 1e6, out];
}

async function benchSize(size: number): Promise<void> {
  const url = new URL(baseDb);
  url.pathname = `/motcua_bench_indicators_${process.pid}`;
  await setupDatabase(url.toString(), findConfigDir(), Date.parse('2024-01-01T00:00:00+07:00'));
  const redis = await claimRedisDb(baseRedis, { owner: `bench-indicators-${process.pid}`, waitMs: 120_000 });
  // The naive aggregate over millions of rows takes longer than the apps' 10-second request timeout.
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: url.toString(),
    REDIS_URL: redis.url,
    DATABASE_QUERY_TIMEOUT_MS: '3600000',
  });
  const app = await NestFactory.createApplicationContext(ApplicationModule.forRoot('api', { config }), {
    logger: ['error', 'warn'],
  });
  try {
    const gen = new Client({ connectionString: url.toString() });
    gen.on('error', () => undefined);
    await gen.connect();
    const [genMs] = await timed(async () => {
      for (let first = 1; first <= size; first += CHUNK)
        await gen.query(generateSql(first, Math.min(CHUNK, size - first + 1)));
      await gen.query('VACUUM ANALYZE dossiers');
    });
    const [{ u: unit }] = (await gen.query<{ u: string }>(`SELECT lead_unit AS u FROM dossiers LIMIT 1`))
      .rows;
    await gen.end();
    const repo = app.get(IndicatorRepository);
    const [rebuildMs, rows] = await timed(() => repo.rebuild());
    say(
      `  ${size.toLocaleString('en')} dossiers generated in ${(genMs / 1000).toFixed(0)} s; rollups rebuilt in ` +
        `${(rebuildMs / 1000).toFixed(1)} s: ${rows.toLocaleString('en')} rows (${((rows / size) * 100).toFixed(3)}% of the dossiers)`,
    );
    const slices: Array<{ name: string; q: IndicatorSliceQuery; filter: IndicatorFilter }> = [
      {
        name: 'one month',
        q: { from: '2025-06-01', to: '2025-06-30' },
        filter: { units: null, procedures: null, channel: null },
      },
      {
        name: 'one year',
        q: { from: '2025-01-01', to: '2025-12-31' },
        filter: { units: null, procedures: null, channel: null },
      },
      {
        name: `one unit's year`,
        q: { from: '2025-01-01', to: '2025-12-31', unit },
        filter: { units: [unit], procedures: null, channel: null },
      },
    ];
    const use = app.get(SummarizeIndicators);
    for (const s of slices) {
      const fast: number[] = [];
      let summary = await use.summary(MANAGER, s.q);
      for (let i = 0; i < ROUNDS; i++) {
        const [ms, out] = await timed(() => use.summary(MANAGER, s.q));
        fast.push(ms);
        summary = out;
      }
      const range = {
        from: new Date(`${s.q.from}T00:00:00+07:00`),
        to: new Date(new Date(`${s.q.to}T00:00:00+07:00`).getTime() + 86_400_000),
      };
      const naive: number[] = [];
      let totals = await repo.totalsExact(range, s.filter);
      for (let i = 0; i < NAIVE_ROUNDS; i++) {
        const [ms, out] = await timed(() => repo.totalsExact(range, s.filter));
        naive.push(ms);
        totals = out;
      }
      const same = totals.received === summary.counts.received && totals.resolved === summary.counts.resolved;
      const m = median(fast);
      say(
        `  summary, ${s.name.padEnd(16)} rollups ${m.toFixed(1).padStart(7)} ms (median of ${ROUNDS}) | naive aggregate ` +
          `${median(naive).toFixed(0).padStart(6)} ms (median of ${NAIVE_ROUNDS}) | ×${(median(naive) / m).toFixed(0)} | ` +
          `${m <= TARGET_MS ? 'MET' : 'MISSED'} (≤ ${TARGET_MS} ms) | same counts: ${same ? 'yes' : 'NO'}`,
      );
      if (!same) process.exitCode = 1;
    }
  } finally {
    await app.close();
    await redis.release().catch(() => undefined);
    await dropScratchDatabase(url);
  }
}

async function main(): Promise<void> {
  say(`\nIndicators: summary over generated dossiers (targets ≤ ${TARGET_MS} ms)`);
  for (const size of SIZES) await benchSize(size);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
