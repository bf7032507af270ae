/**
 * Issue 12, found by the full-size chaos run: the relay re-drove every event enqueued over RELAY_STALE_MS ago but not
 * yet applied, under a new job id, even when its job was only waiting behind a backlog; a backlog longer than
 * RELAY_STALE_MS then doubled itself in Redis. Now only an event whose job will not run is re-driven, under its id.
 */
import { getQueueToken } from '@nestjs/bullmq';
import { UnrecoverableError, Worker, type Queue } from 'bullmq';
import { RelayOutbox } from '@motcua/application';
import { DOSSIER_EVENTS_QUEUE, dossierEventJobId } from '@motcua/queue';
import { received, newDossierCode } from './support/events';
import { Harness, waitFor } from './support/harness';

let h: Harness;
let queue: Queue;

beforeAll(async () => {
  // No worker: a job stays where the test puts it.
  h = await Harness.start({ worker: false, config: { worker: { relayStaleMs: 1000 } } as never });
  queue = h.api.get<Queue>(getQueueToken(DOSSIER_EVENTS_QUEUE));
});

afterAll(async () => {
  await h?.stop();
});

/** One reception, committed and enqueued by the API, then made stale (enqueued a minute ago). */
async function staleEvent(): Promise<string> {
  const body = received(newDossierCode(), '2025-03-20T09:00:00+07:00');
  expect((await h.post('/api/v1/events', body, await h.admin())).status).toBe(202);
  await waitFor(
    async () => (await queue.getJobState(dossierEventJobId(body.id))) === 'waiting',
    10_000,
    'the API to enqueue the event',
  );
  await h.query(`UPDATE dossier_events SET enqueued_at = now() - interval '1 minute' WHERE id = $1`, [
    body.id,
  ]);
  return body.id;
}

type JobData = { eventId?: string; events?: Array<{ eventId: string }> };
const jobsOf = async (id: string) =>
  (await queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed'])).filter((j) => {
    const data = j.data as JobData | undefined;
    return data?.eventId === id || (data?.events ?? []).some((e) => e.eventId === id);
  });
const jobIdsOf = async (ids: string[]) =>
  new Map(
    (
      await h.query<{ id: string; job_id: string | null }>(
        'SELECT id, job_id FROM dossier_events WHERE id = ANY($1::uuid[])',
        [ids],
      )
    ).map((r) => [r.id, r.job_id]),
  );

describe('the relay and an event enqueued long ago but not applied', () => {
  it('leaves alone one whose job still waits: no second job, and its row is not written', async () => {
    const id = await staleEvent();
    const before = await h.query<{ enqueued_at: Date }>(
      'SELECT enqueued_at FROM dossier_events WHERE id = $1',
      [id],
    );
    await h.api.get(RelayOutbox).pass();
    expect((await jobsOf(id)).map((j) => j.id)).toEqual([dossierEventJobId(id)]);
    // A backlog of waiting jobs is read, never rewritten, pass after pass (the full-size chaos run's write storm).
    const after = await h.query<{ enqueued_at: Date }>(
      'SELECT enqueued_at FROM dossier_events WHERE id = $1',
      [id],
    );
    expect(after[0].enqueued_at).toEqual(before[0].enqueued_at);
  });

  it('re-drives one whose job was lost, under its own job id, once', async () => {
    const id = await staleEvent();
    await queue.remove(dossierEventJobId(id));
    expect(await jobsOf(id)).toEqual([]);
    await h.api.get(RelayOutbox).pass();
    expect((await jobsOf(id)).map((j) => j.id)).toEqual([dossierEventJobId(id)]);
    expect(await queue.getJobState(dossierEventJobId(id))).toBe('waiting');
    // Stale again, its new job still waiting: the next pass adds nothing.
    await h.query(`UPDATE dossier_events SET enqueued_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    await h.api.get(RelayOutbox).pass();
    expect(await jobsOf(id)).toHaveLength(1);
  });

  it('re-drives one whose job finished without applying it (a finished job keeps its id)', async () => {
    await queue.drain();
    const id = await staleEvent();
    // Taken and failed for good as a worker would, but by the test (no worker applies anything here).
    const taker = new Worker(DOSSIER_EVENTS_QUEUE, null, {
      connection: { ...queue.opts.connection, maxRetriesPerRequest: null },
      prefix: queue.opts.prefix,
      autorun: false,
    });
    try {
      const job = await taker.getNextJob('test-token');
      expect(job.id).toBe(dossierEventJobId(id));
      await job.moveToFailed(new UnrecoverableError('given up'), 'test-token', false);
    } finally {
      await taker.close();
    }
    expect(await queue.getJobState(dossierEventJobId(id))).toBe('failed');
    await h.api.get(RelayOutbox).pass();
    // In a new job: its own id when it comes first among the events re-driven together, else another's.
    const states = await Promise.all((await jobsOf(id)).map((j) => j.getState()));
    expect(states.sort()).toEqual(['failed', 'waiting']);
  });

  it('names in each row the job that carries it; only the events of a lost job of many are re-driven', async () => {
    await queue.drain();
    const bodies = Array.from({ length: 30 }, () => received(newDossierCode(), '2025-03-20T09:00:00+07:00'));
    const ids = bodies.map((b) => b.id);
    expect((await h.post('/api/v1/events/batch', { events: bodies }, await h.admin())).status).toBe(200);
    await waitFor(
      async () => [...(await jobIdsOf(ids)).values()].every((j) => j !== null),
      10_000,
      'the API to enqueue the batch',
    );
    const jobs = await jobIdsOf(ids);
    // Committed together, they went to Redis as two jobs (25 events and 5), each named after its first event.
    const names = [...new Set(jobs.values())] as string[];
    expect(names).toHaveLength(2);
    const sizes = await Promise.all(
      names.map(async (n) => ((await queue.getJob(n))?.data as JobData).events?.length),
    );
    expect([...sizes].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([5, 25]);
    await h.query(
      `UPDATE dossier_events SET enqueued_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    // Both jobs wait: nothing is re-driven.
    await h.api.get(RelayOutbox).pass();
    expect((await queue.getJobs(['waiting'])).map((j) => j.id).sort()).toEqual([...names].sort());
    // The larger one is lost: its 25 events get one new job, the other 5 keep theirs.
    const lost = names[sizes.indexOf(25)];
    await queue.remove(lost);
    await h.api.get(RelayOutbox).pass();
    const after = await jobIdsOf(ids);
    const moved = ids.filter((id) => jobs.get(id) === lost);
    expect(moved).toHaveLength(25);
    expect(new Set(moved.map((id) => after.get(id))).size).toBe(1);
    const renamed = after.get(moved[0]) as string;
    expect(((await queue.getJob(renamed))?.data as JobData).events?.map((e) => e.eventId).sort()).toEqual(
      [...moved].sort(),
    );
    for (const id of ids.filter((x) => jobs.get(x) !== lost)) expect(after.get(id)).toBe(jobs.get(id));
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 2 });
  });
});
