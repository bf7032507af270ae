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

const jobsOf = async (id: string) =>
  (await queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed'])).filter(
    (j) => j.data?.eventId === id,
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
    expect(await queue.getJobState(dossierEventJobId(id))).toBe('waiting');
  });
});
