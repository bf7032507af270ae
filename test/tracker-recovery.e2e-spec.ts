/**
 * Issue 8, PostgreSQL is the truth: whatever Redis or the worker lost, the sweep acts at every deadline that should
 * have been acted at, in deadline order, and never twice. Real API, worker, PostgreSQL and Redis.
 *
 * Time: in the first spec the clock runs (timers are real BullMQ delayed jobs, a few seconds ahead); in the
 * second it stands still while the worker is down and is set forward before it starts again. The sweep the job
 * scheduler would run is run by the spec (test/support/tracker.ts).
 */
import { Redis } from 'ioredis';
import { DeadlineTimers } from '@motcua/queue';
import { startWorker } from '../apps/worker/src/worker.app';
import { DeadlineSweepScheduler } from '../apps/worker/src/deadline-sweep.scheduler';
import { forwarded, MC, newDossierCode, received, VLATLD } from './support/events';
import { Harness, sleep, waitFor } from './support/harness';
import {
  HAND_SWEPT,
  iso,
  publishProcedure,
  reachedEvents,
  sweep,
  trackerHarness,
  type ReachedRow,
} from './support/tracker';

const t = (s: string) => Date.parse(s);

/** Milestones acted at more than once (two events for one dossier, kind, step and deadline): must be none. */
async function duplicates(h: Harness): Promise<unknown[]> {
  return h.query(
    `SELECT dossier_code, data->>'kind' AS kind, data->>'stepCode' AS step, data->>'at' AS at, count(*) AS n
       FROM dossier_events WHERE type = 'deadline_reached'
      GROUP BY 1, 2, 3, 4 HAVING count(*) > 1`,
  );
}

const byCode = (rows: ReachedRow[]) => {
  const out = new Map<string, ReachedRow[]>();
  for (const r of rows) out.set(r.code, [...(out.get(r.code) ?? []), r]);
  return out;
};

describe('deadline tracker: Redis flushed mid-run', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({
      now: '2025-01-13T09:59:50+07:00',
      config: {
        tracker: { enabled: true, horizonMs: 3_600_000, sweepIntervalMs: HAND_SWEPT },
        // The apply jobs the flush loses are re-driven after 2 s instead of 2 min.
        worker: { concurrency: 64, relayIntervalMs: 200, relayGraceMs: 500, relayStaleMs: 2000 },
      },
    });
    await publishProcedure(h, '9.200001', { duration: { value: 1, unit: 'working_days' } });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('FLUSHDB while dossiers fall due: the sweep recovers every missed deadline, with no duplicate event', async () => {
    // 24 dossiers received Fri 10/01/2025 from 10:00:00, 400 ms apart: one working day later they fall due on
    // Mon 13/01 from 10:00:00 to 10:00:09.2. Their warnings, apology deadlines and desk steps are past already.
    const N = 24;
    const codes = Array.from({ length: N }, () => newDossierCode('H57.12-250110'));
    const admin = await h.admin();
    h.clock.run();
    const events = codes.map((code, i) =>
      received(code, iso(t('2025-01-10T10:00:00+07:00') + i * 400), { procedureCode: '9.200001' }),
    );
    const post = await h.post('/api/v1/events/batch', { events }, admin);
    expect(post.body.results.every((r: { status: string }) => r.status === 'accepted')).toBe(true);
    // Some dues come and are acted at by their timers…
    await waitFor(async () => (await reachedEvents(h)).some((r) => r.kind === 'due'), 20_000, 'a first due');
    // …then Redis loses everything: the armed timers, the sweep's job scheduler, the queued apply jobs.
    const redis = new Redis(h.redisUrl, { maxRetriesPerRequest: 1 });
    try {
      await redis.flushdb();
    } finally {
      redis.disconnect();
    }
    const timers = h.worker!.get(DeadlineTimers);
    expect(await timers.sweepSchedule()).toBeNull();
    const dueBefore = (await reachedEvents(h)).filter((r) => r.kind === 'due').length;
    expect(dueBefore).toBeLessThan(N);
    // Every due passes with no timer left to act at it.
    await waitFor(() => h.clock.now() > t('2025-01-13T10:00:11+07:00'), 20_000, 'the last due to pass');
    await sleep(500);
    // The worker's check puts the job scheduler back; its sweep acts at what was missed.
    await h.worker!.get(DeadlineSweepScheduler).ensure();
    expect(await timers.sweepSchedule()).toMatchObject({ every: HAND_SWEPT });
    const outcome = await sweep(h);
    expect(outcome.fired).toBeGreaterThan(0);
    await h.waitForAllApplied(30_000);
    h.clock.stop();

    const all = byCode(await reachedEvents(h));
    for (const code of codes) {
      const kinds = (all.get(code) ?? []).map((r) => r.kind).sort();
      expect([code, kinds]).toEqual([code, ['apology_deadline', 'due', 'step_due', 'warning']]);
    }
    expect(await duplicates(h)).toEqual([]);
    // A second sweep finds nothing left: every deadline is acted at exactly once.
    expect(await sweep(h)).toMatchObject({ fired: 0, dossiers: 0 });
    expect(
      await h.count(
        `SELECT count(*) AS n FROM dossiers WHERE next_deadline_at IS NOT NULL AND code = ANY($1)`,
        [codes],
      ),
    ).toBe(0);
  });
});

describe('deadline tracker: the worker down, then up', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await trackerHarness('2025-03-03T11:00:00+07:00');
  });
  afterAll(async () => {
    await h.stop();
  });

  it('the sweep at start fires what was missed while it was down, in deadline order, once', async () => {
    const admin = await h.admin();
    const codes = Array.from({ length: 5 }, () => newDossierCode());
    for (const code of codes) {
      const events = [
        received(code, '2025-03-03T08:30:00+07:00', { procedureCode: '1.014200' }),
        forwarded(code, '2025-03-03T10:00:00+07:00', MC, VLATLD),
      ];
      expect((await h.post('/api/v1/events/batch', { events }, admin)).status).toBe(200);
    }
    await h.waitForAllApplied();
    expect(await reachedEvents(h)).toEqual([]);

    // The worker stops on Monday; the division hands one dossier on while it is down (applied later).
    await h.worker!.close();
    h.worker = null;
    h.clock.set('2025-03-04T09:00:00+07:00');
    const handedOn = forwarded(codes[0], '2025-03-04T09:00:00+07:00', VLATLD, VLATLD, { stepCode: 'DY' });
    expect((await h.post('/api/v1/events', handedOn, await h.admin())).status).toBe(202);

    // It starts again on Friday 07/03 10:00: every warning, step, apology and due deadline has passed.
    h.clock.set('2025-03-07T10:00:00+07:00');
    h.worker = await startWorker({ config: h.config, clock: h.clock });
    await waitFor(
      async () => (await reachedEvents(h)).filter((r) => r.appliedAt !== null).length >= 20,
      30_000,
      'the missed deadlines to be acted at and applied',
    );
    await h.waitForAllApplied();

    const all = byCode(await reachedEvents(h));
    for (const code of codes) {
      const rows = all.get(code)!;
      // In deadline order, in the log (commit order) as in the timeline; each once; acted at on restart.
      expect(rows.map((r) => r.at)).toEqual([...rows.map((r) => r.at)].sort((a, b) => a - b));
      expect(rows.every((r) => r.occurredAt === t('2025-03-07T10:00:00+07:00'))).toBe(true);
      const view = (await h.get(`/api/v1/dossiers/${code}`, await h.admin())).body;
      const timeline = (view.timeline as Array<{ id: string; type: string }>).filter(
        (e) => e.type === 'deadline_reached',
      );
      expect(timeline.map((e) => e.id)).toEqual(rows.map((r) => r.id));
      expect(view.pendingDeadlines).toEqual([]);
    }
    // Due Thu 06/03 08:30 (warning Wed 08:30, apology deadline Wed 17:00); TD due Tue 16:00, or DY Tue 11:00.
    expect(all.get(codes[1])!.map((r) => `${r.kind} ${iso(r.at)}`)).toEqual([
      'step_due 2025-03-04T16:00:00+07:00',
      'warning 2025-03-05T08:30:00+07:00',
      'apology_deadline 2025-03-05T17:00:00+07:00',
      'due 2025-03-06T08:30:00+07:00',
    ]);
    expect(all.get(codes[0])!.map((r) => `${r.kind} ${r.stepCode ?? ''}`)[0]).toBe('step_due DY');
    expect(await duplicates(h)).toEqual([]);
    expect(await sweep(h)).toMatchObject({ fired: 0 });
  });
});
