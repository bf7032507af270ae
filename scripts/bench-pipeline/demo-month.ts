// The demo month end to end, as `npm run demo` runs it: its API and worker, its users posting each event as the
// role that logs it (one request at a time per dossier, 4 in flight), from the first request until the worker has
// applied every event. A scratch database of its own (--fresh); the demo claims and flushes its own Redis database.
import * as fs from 'node:fs';
import getPort from 'get-port';
import { dropScratchDatabase } from '../support/scratch-db';
import { type Child, startChild, tail } from './children';

export interface DemoMonth {
  events: number;
  /** First request to the last accepted answer. */
  sendSeconds: number;
  /** First request until every event was applied (the demo polls every 0.5 s). */
  endToEndSeconds: number;
}

const num = (s: string) => Number(s.replace(/,/g, ''));

/** Parses the demo's own report lines; null when one is missing. */
export function parseDemoOutput(out: string): DemoMonth | null {
  const text = out.replace(/\r/g, '\n');
  const sent = /([\d,]+) events in \d+ requests, ([\d.]+)s: accepted/.exec(text);
  const applied = /all [\d,]+ events applied; ([\d,]+) applied in ([\d.]+)s since the replay began/.exec(
    text,
  );
  if (!sent || !applied) return null;
  return { events: num(sent[1]), sendSeconds: Number(sent[2]), endToEndSeconds: Number(applied[2]) };
}

export async function runDemoMonth(baseDb: URL, round: number, dossiers: number): Promise<DemoMonth> {
  const url = new URL(baseDb);
  url.pathname = `/motcua_bench_demo_${process.pid}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url.toString(),
    PORT: String(await getPort()),
  };
  delete env.REDIS_URL; // the demo claims a logical database of its own and flushes it (same seed, same job ids)
  // Receipts in the last full month only, so every round replays the same events whatever today's date.
  const args = ['-r', '@swc-node/register', 'scripts/demo.ts', '--exit', '--fresh', '--clock', 'real'];
  args.push('--dossiers', String(dossiers), '--tail-days', '0');
  let child: Child | null = null;
  try {
    child = startChild(`demo-${round}`, args, env);
    const code = await new Promise<number | null>((resolve) => child!.proc.once('close', resolve));
    const out = fs.readFileSync(child.logFile, 'utf8');
    const parsed = parseDemoOutput(out);
    if (code !== 0 || !parsed)
      throw new Error(
        `the demo exited ${code}${parsed ? '' : ' without its replay lines'}:\n${tail(child.logFile)}`,
      );
    return parsed;
  } finally {
    await child?.stop();
    await dropScratchDatabase(url);
  }
}
