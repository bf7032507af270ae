/**
 * The worst case of a worker crash: the job of a dossier's last event is in flight (blocked on the dossier's
 * row lock, held by the test) when the worker is killed with SIGKILL, so no later event re-folds it. After a
 * restart the event must still be applied, once: by BullMQ's stalled-job check (lock 30 s, check every 30 s:
 * about a minute) or sooner by the relay's re-drive of events enqueued but never applied (RELAY_STALE_MS).
 */
import { Client } from 'pg';
import { fullLife, newDossierCode } from './support/events';
import { ADMIN_PASSWORD, Harness, killChild, waitFor } from './support/harness';
import { appliedIds, expectEveryDossierConsistent, startWorkerProcess } from './support/worker';

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

describe('a job in flight when the worker dies', () => {
  it('is applied once after the restart, though no later event of its dossier re-folds it', async () => {
    const code = newDossierCode('H57.12-250305');
    const [rec, fwd] = fullLife(code);
    let worker = await startWorkerProcess(h);
    expect((await h.post('/api/v1/events', rec, admin)).status).toBe(202);
    await waitFor(async () => (await appliedIds(h)).has(rec.id), 20_000, 'the reception to be applied');

    // Hold the dossier's row lock so that the worker's job for the next event blocks inside its transaction.
    const blocker = new Client({ connectionString: h.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT code FROM dossiers WHERE code = $1 FOR UPDATE', [code]);
      expect((await h.post('/api/v1/events', fwd, admin)).status).toBe(202);
      await waitFor(
        async () =>
          (await h.count(
            `SELECT count(*) AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%'`,
          )) === 1,
        20_000,
        'the worker to wait for the dossier lock',
      );
      await killChild(worker, 'SIGKILL');
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    // The dead worker's transaction never committed.
    expect((await appliedIds(h)).has(fwd.id)).toBe(false);

    // No later event covers it: the stalled-job check or the relay's re-drive must bring it back.
    const restartedAt = Date.now();
    worker = await startWorkerProcess(h, { RELAY_STALE_MS: '5000' });
    await waitFor(
      async () => (await appliedIds(h)).has(fwd.id),
      100_000,
      'the stalled job to be applied',
      250,
    );
    expect(Date.now() - restartedAt).toBeLessThan(100_000);
    await expectEveryDossierConsistent(h, admin, [code]);
    const res = await h.get(`/api/v1/dossiers/${code}`, admin);
    expect(res.body).toMatchObject({ status: 'IN_PROCESS', unitCode: 'LDTBXH.VLATLD' });
    await killChild(worker, 'SIGTERM');
  }, 150_000);
});
