/** Helpers for tests that run the worker as a child process. */
import type { ChildProcess } from 'node:child_process';
import { expectProjectionMatches, projectionRow } from './compare';
import type { EventBody } from './events';
import { childOutput, type Harness, waitFor } from './harness';

export const WORKER_ENV = {
  // `log` level, so that readiness ("processing dossier events") shows in the output.
  NODE_ENV: 'development',
  WORKER_CONCURRENCY: '8',
  RELAY_INTERVAL_MS: '200',
  RELAY_GRACE_MS: '500',
};

/** Spawns `node -r @swc-node/register apps/worker/src/main.ts` and waits until it processes jobs. */
export async function startWorkerProcess(
  h: Harness,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const child = h.spawnWorker({ ...WORKER_ENV, ...env });
  await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`worker exited early:\n${childOutput(child)}`);
      return /processing dossier events/.test(childOutput(child));
    },
    30_000,
    'the worker to start',
  );
  return child;
}

/** Applied events: id → applied_at (ms). */
export async function appliedIds(h: Harness): Promise<Map<string, number>> {
  const rows = await h.query<{ id: string; applied_at: Date }>(
    'SELECT id, applied_at FROM dossier_events WHERE applied_at IS NOT NULL',
  );
  return new Map(rows.map((r) => [r.id, r.applied_at.getTime()]));
}

/** Posts `events` as batches of `size`, `parallel` requests at a time; returns the ids answered `accepted`. */
export async function postBatches(
  h: Harness,
  token: string,
  events: EventBody[],
  size = 20,
  parallel = 3,
): Promise<string[]> {
  const batches: EventBody[][] = [];
  for (let i = 0; i < events.length; i += size) batches.push(events.slice(i, i + size));
  const accepted: string[] = [];
  for (let i = 0; i < batches.length; i += parallel) {
    const answers = await Promise.all(
      batches.slice(i, i + parallel).map((events) => h.post('/api/v1/events/batch', { events }, token)),
    );
    for (const a of answers) {
      expect(a.status).toBe(200);
      for (const r of a.body.results as Array<{ id: string; status: string }>) {
        expect(r.status).toBe('accepted');
        accepted.push(r.id);
      }
    }
  }
  return accepted;
}

/**
 * For each dossier: the projection equals a fresh fold (GET), the timeline holds every stored event exactly
 * once, and the projection folded up to the dossier's last event.
 */
export async function expectEveryDossierConsistent(
  h: Harness,
  token: string,
  codes: string[],
): Promise<void> {
  for (const code of codes) {
    const res = await h.get(`/api/v1/dossiers/${code}`, token);
    expect(res.status).toBe(200);
    const row = await projectionRow(h, code);
    expect(row).toBeDefined();
    expectProjectionMatches(row!, res.body);
    const ids: string[] = res.body.timeline.map((t: { id: string }) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    const stored = await h.query<{ id: string; seq: string }>(
      'SELECT id, seq::text AS seq FROM dossier_events WHERE dossier_code = $1 ORDER BY dossier_events.seq',
      [code],
    );
    expect([...ids].sort()).toEqual(stored.map((s) => s.id).sort());
    expect(row!.applied_seq).toBe(stored.at(-1)!.seq);
  }
}
