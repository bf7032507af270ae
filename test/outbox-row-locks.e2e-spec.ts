/**
 * Issue 12, found by the chaos run: a worker frozen mid-transaction (an event-loop stall) holds row locks on the
 * events it applies. Marking events enqueued must never wait on those locks — each wait held a pooled connection
 * the intake needed, and requests timed out — and the relay must not re-drive an event already applied.
 */
import { Client } from 'pg';
import { EventStore } from '@motcua/database';
import { postReceptions } from './support/receptions';
import { Harness, waitFor } from './support/harness';

let h: Harness;

beforeAll(async () => {
  h = await Harness.start({ worker: false });
});

afterAll(async () => {
  await h?.stop();
});

/** Commits `n` receptions and clears their enqueued_at, as if Redis had not taken them yet. */
async function committedUnenqueued(n: number): Promise<string[]> {
  const ids = await postReceptions(h, n);
  // The API marks them enqueued in the background: only once it has may the test take the mark back.
  await waitFor(
    async () =>
      (await h.count(
        'SELECT count(*) AS n FROM dossier_events WHERE id = ANY($1::uuid[]) AND enqueued_at IS NULL',
        [ids],
      )) === 0,
    10_000,
    'the API to mark the events enqueued',
  );
  await h.query('UPDATE dossier_events SET enqueued_at = NULL WHERE id = ANY($1::uuid[])', [ids]);
  return ids;
}

describe('the outbox bookkeeping beside a frozen transaction', () => {
  it('marks the free events enqueued at once and skips the one a transaction holds', async () => {
    const [held, free] = await committedUnenqueued(2);
    const locker = new Client({ connectionString: h.databaseUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      // What a worker does while applying: the event's row locked until its transaction ends.
      await locker.query('UPDATE dossier_events SET applied_at = now() WHERE id = $1', [held]);
      const started = Date.now();
      await h.api.get(EventStore).markEnqueued([held, free].map((id) => ({ id, jobId: `evt-${id}` })));
      expect(Date.now() - started).toBeLessThan(2000);
      const rows = await h.query<{ id: string; enqueued: boolean }>(
        'SELECT id, enqueued_at IS NOT NULL AS enqueued FROM dossier_events WHERE id = ANY($1::uuid[])',
        [[held, free]],
      );
      expect(Object.fromEntries(rows.map((r) => [r.id, r.enqueued]))).toEqual({
        [held]: false,
        [free]: true,
      });
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
  });

  it('does not re-drive an event applied before it was marked enqueued', async () => {
    const [applied, waiting] = await committedUnenqueued(2);
    await h.query('UPDATE dossier_events SET applied_at = now() WHERE id = $1', [applied]);
    const found = (await h.api.get(EventStore).unenqueued(0, 1000)).map((e) => e.id);
    expect(found).toContain(waiting);
    expect(found).not.toContain(applied);
  });

  it('records a re-drive at once on the free events and skips the one a transaction holds', async () => {
    const [held, free] = await committedUnenqueued(2);
    const locker = new Client({ connectionString: h.databaseUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      // A worker applying the held event, frozen before its commit: the relay must not wait for it.
      await locker.query('SELECT id FROM dossier_events WHERE id = $1 FOR UPDATE', [held]);
      const started = Date.now();
      await h.api.get(EventStore).markRedriven([held, free].map((id) => ({ id, jobId: 'evt-new-job' })));
      expect(Date.now() - started).toBeLessThan(2000);
      const rows = await h.query<{ id: string; job_id: string | null }>(
        'SELECT id, job_id FROM dossier_events WHERE id = ANY($1::uuid[])',
        [[held, free]],
      );
      expect(Object.fromEntries(rows.map((r) => [r.id, r.job_id]))).toEqual({
        // The held row keeps the job the API gave it; the free one names its new job.
        [held]: `evt-${held}`,
        [free]: 'evt-new-job',
      });
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
  });
});
