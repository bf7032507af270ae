/**
 * The worker as a real child process: killed with SIGKILL mid-stream and restarted, every accepted event is
 * applied exactly once. And the outbox: events accepted while the API cannot reach Redis are relayed and
 * applied by the worker later. (A job in flight with no later event to cover it: worker-stalled.e2e-spec.ts.)
 */
import { Redis } from 'ioredis';
import { projectionRow } from './support/compare';
import { fullLife, newDossierCode } from './support/events';
import { ADMIN_PASSWORD, childOutput, Harness, killChild, waitFor } from './support/harness';
import { appliedIds, expectEveryDossierConsistent, postBatches, startWorkerProcess } from './support/worker';
import { closedPort } from './support/ports';

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await Harness.start({ worker: false, now: '2025-03-20T10:00:00+07:00' });
  admin = await h.login('admin', ADMIN_PASSWORD);
});

afterEach(async () => {
  await h?.killChildren();
});

afterAll(async () => {
  await h?.stop();
});

describe('the worker process', () => {
  it('killed with SIGKILL mid-stream and restarted: every accepted event applied exactly once', async () => {
    const dossiers = Array.from({ length: 50 }, () => newDossierCode('H57.12-250303'));
    const lives = dossiers.map((code) => fullLife(code));
    // Stage k is the k-th event of every dossier: the stream interleaves many dossiers, as at a real desk.
    const stage = (k: number) => lives.map((l) => l[k]);
    const total = lives.length * lives[0].length;

    let worker = await startWorkerProcess(h);
    const accepted: string[] = [];
    const firstHalf = (async () => {
      // Receptions one request each, eight at a time; the rest in batches.
      const receptions = stage(0);
      for (let i = 0; i < receptions.length; i += 8) {
        const answers = await Promise.all(
          receptions.slice(i, i + 8).map((e) => h.post('/api/v1/events', e, admin)),
        );
        for (const a of answers) {
          expect(a.status).toBe(202);
          accepted.push(a.body.id);
        }
      }
      for (const k of [1, 2, 3]) accepted.push(...(await postBatches(h, admin, stage(k))));
    })().then(
      () => null,
      (err: unknown) => (err instanceof Error ? err : new Error(String(err))), // surfaced below, never unhandled
    );

    // Kill the worker while events are still arriving and it is working through them.
    await waitFor(
      async () => (await appliedIds(h)).size >= 40,
      30_000,
      'the worker to apply some events',
      10,
    );
    await killChild(worker, 'SIGKILL');
    expect(worker.signalCode).toBe('SIGKILL');
    const beforeKill = await appliedIds(h);
    const postingError = await firstHalf;
    if (postingError) throw postingError;
    expect(beforeKill.size).toBeLessThan(accepted.length); // it died with work left

    // The stream goes on while no worker runs, then a new worker starts mid-stream.
    for (const k of [4, 5]) accepted.push(...(await postBatches(h, admin, stage(k))));
    worker = await startWorkerProcess(h);
    for (const k of [6, 7]) accepted.push(...(await postBatches(h, admin, stage(k))));
    expect(accepted).toHaveLength(total);

    // Later events of the same dossiers re-fold what the killed worker held; the stalled-job check is the backstop.
    await h.waitForAllApplied(90_000);

    // Exactly the accepted events are in the log, once each, every one applied.
    expect(await h.eventCount()).toBe(total);
    expect(new Set(accepted).size).toBe(total);
    const after = await appliedIds(h);
    expect(after.size).toBe(total);
    // Nothing applied before the crash was applied again (its applied_at never moved).
    for (const [id, at] of beforeKill) expect(after.get(id)).toBe(at);
    // No job gave up (the queue's keys are looked up by pattern: this Redis db is the test's alone).
    const redis = new Redis(h.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    try {
      const jobs = async (set: 'completed' | 'failed') => {
        const out: Array<{ id: string; failedReason: string | null }> = [];
        for (const key of await redis.keys(`*dossier-events:${set}`)) {
          const prefix = key.slice(0, -set.length);
          for (const id of await redis.zrange(key, 0, -1))
            out.push({ id, failedReason: await redis.hget(`${prefix}${id}`, 'failedReason') });
        }
        return out;
      };
      expect((await jobs('completed')).length).toBeGreaterThan(0);
      expect(await jobs('failed')).toEqual([]);
    } finally {
      await redis.quit();
    }
    // Each dossier's projection equals a fresh fold, with every event exactly once in the timeline.
    await expectEveryDossierConsistent(h, admin, dossiers);
    for (const code of dossiers) expect((await projectionRow(h, code))!.status).toBe('RETURNED');
    // Re-delivered jobs moved no indicator twice (issue 10).
    expect(await h.indicatorDrift()).toEqual({ rollups: [], facts: [] });

    await killChild(worker, 'SIGTERM');
  }, 150_000);
});

describe('the outbox relay', () => {
  it('events accepted while the API cannot reach Redis are committed (202), then relayed and applied', async () => {
    const port = await closedPort();
    const api = await h.startExtraApi({ redisUrl: `redis://127.0.0.1:${port}` });
    const token = await api.login('admin', ADMIN_PASSWORD);
    const health = await api.get('/health');
    expect(health.status).toBe(503);
    // Issue 7: the public /health says down only; which dependency is down is for admins (/api/v1/health).
    expect(health.body).toEqual({ status: 'degraded', ready: false });
    const details = await api.get('/api/v1/health', token);
    expect(details.status).toBe(503);
    expect(details.body.checks).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'down' } });

    const codes = Array.from({ length: 5 }, () => newDossierCode('H57.12-250304'));
    const events = codes.flatMap((c) => fullLife(c));
    for (const e of events) {
      const started = Date.now();
      const res = await api.post('/api/v1/events', e, token);
      expect(res.status).toBe(202);
      expect(Date.now() - started).toBeLessThan(5_000);
    }
    const ids = events.map((e) => e.id);
    const pending = await h.count(
      'SELECT count(*) AS n FROM dossier_events WHERE id = ANY($1::uuid[]) AND enqueued_at IS NULL AND applied_at IS NULL',
      [ids],
    );
    expect(pending).toBe(events.length);
    await h.stopExtraApis();

    // A worker with the real Redis finds them through the outbox.
    const worker = await startWorkerProcess(h);
    await h.waitForAllApplied(30_000);
    await waitFor(
      async () =>
        (await h.count(
          'SELECT count(*) AS n FROM dossier_events WHERE id = ANY($1::uuid[]) AND enqueued_at IS NOT NULL',
          [ids],
        )) === events.length,
      10_000,
      'the relay to mark every event enqueued',
    );
    expect(childOutput(worker)).toMatch(/relayed \d+ event\(s\) that had no job/);
    await expectEveryDossierConsistent(h, admin, codes);
    await killChild(worker, 'SIGTERM');
  }, 90_000);
});
