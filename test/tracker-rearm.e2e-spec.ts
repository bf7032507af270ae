/**
 * Issue 8, the deadline tracker's timers follow the dossier: a pause removes the pending timers and a resume
 * re-arms them at their new instants; a re-based dossier re-arms with its new instants; a closed dossier never
 * fires. Real API, worker, PostgreSQL and Redis.
 *
 * Time: the clock stands still; timers are read from Redis (their deadline), and the sweep is run by the spec at
 * the clock's reading (test/support/tracker.ts). Deadlines already past when a row is written fire at once.
 */
import { RebaseDossiers } from '@motcua/application';
import { event, forwarded, MC, newDossierCode, received, VLATLD } from './support/events';
import { type Harness, waitFor } from './support/harness';
import { armedTimers, iso, reachedEvents, sweep, trackerHarness, waitForReached } from './support/tracker';

const armedAt = async (h: Harness, code: string) =>
  (await armedTimers(h, code)).map((j) => `${j.kind} ${iso(j.at)}`);
const pending = async (h: Harness, code: string) =>
  (
    (await h.get(`/api/v1/dossiers/${code}`, await h.admin())).body.pendingDeadlines as Array<{
      kind: string;
      at: string;
    }>
  ).map((d) => `${d.kind} ${d.at}`);
const nextDeadline = async (h: Harness, code: string) =>
  (
    await h.query<{ next_deadline_at: Date | null }>(
      'SELECT next_deadline_at FROM dossiers WHERE code = $1',
      [code],
    )
  )[0].next_deadline_at;

/** Publishes a new version of 2025 with `date` off, from now, as db:setup would (revision bumped). */
async function publishDayOff(h: Harness, date: string): Promise<void> {
  await h.query(
    `WITH bumped AS (UPDATE rules_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision)
     INSERT INTO calendar_year_versions (year, version, effective_from, revision, schedule)
     SELECT year, version + 1, $1, (SELECT revision FROM bumped),
            jsonb_set(schedule, '{daysOff}', schedule->'daysOff' ||
              jsonb_build_array(jsonb_build_object('date', $2::text, 'kind', 'holiday', 'name', 'Ngày nghỉ bổ sung')))
       FROM calendar_year_versions WHERE year = 2025 ORDER BY version DESC LIMIT 1`,
    [new Date(h.clock.now()), date],
  );
}

describe('deadline tracker: timers follow pauses, re-basings and closings', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await trackerHarness('2025-03-05T07:50:00+07:00');
  });
  afterAll(async () => {
    await h.stop();
  });

  it('a pause removes the pending timers; the resume re-arms them at their new instants', async () => {
    // 1.014200, three working days: received Mon 03/03 08:30 and handed to the division at 10:00. At Wed 07:50 the
    // division's step (TD, 12 h, due Tue 16:00) is past and fires at once; the warning, Wed 08:30, is armed.
    h.clock.set('2025-03-05T07:50:00+07:00');
    const admin = await h.admin();
    const code = newDossierCode();
    const batch = [
      received(code, '2025-03-03T08:30:00+07:00', { procedureCode: '1.014200' }),
      forwarded(code, '2025-03-03T10:00:00+07:00', MC, VLATLD),
    ];
    expect((await h.post('/api/v1/events/batch', { events: batch }, admin)).status).toBe(200);
    const late = await waitForReached(h, code, 'step_due');
    expect([late.stepCode, iso(late.at)]).toEqual(['TD', '2025-03-04T16:00:00+07:00']);
    await h.waitForAllApplied();
    expect(await armedAt(h, code)).toEqual(['warning 2025-03-05T08:30:00+07:00']);

    // Wed 08:00: a supplement is asked for. The dossier is paused: no deadline is pending, the timer is gone.
    h.clock.set('2025-03-05T08:00:00+07:00');
    const pause = event(code, 'supplement_requested', '2025-03-05T08:00:00+07:00', {
      reason: 'Thiếu bản sao',
    });
    expect((await h.post('/api/v1/events', pause, admin)).status).toBe(202);
    await h.waitForAllApplied();
    expect(await armedAt(h, code)).toEqual([]);
    expect(await pending(h, code)).toEqual([]);
    expect(await nextDeadline(h, code)).toBeNull();
    // Its instant passes: nothing acts at it.
    h.clock.set('2025-03-05T09:00:00+07:00');
    expect((await sweep(h)).fired).toBe(0);

    // Thu 07:30: the supplement is back. Every date moves by the 450 paused working minutes: the due to Fri 08:00,
    // the warning to Thu 08:00 (armed, within the hour). TD's due moved to Wed 15:30, already past: it acts again.
    h.clock.set('2025-03-06T07:30:00+07:00');
    const resume = event(code, 'supplement_received', '2025-03-06T07:30:00+07:00');
    expect((await h.post('/api/v1/events', resume, await h.admin())).status).toBe(202);
    await h.waitForAllApplied();
    expect(await armedAt(h, code)).toContain('warning 2025-03-06T08:00:00+07:00');
    expect(await armedAt(h, code)).not.toContain('warning 2025-03-05T08:30:00+07:00');
    // The second step_due (the moved instant), not the first one already there.
    await waitFor(
      async () =>
        (await reachedEvents(h, code)).filter((r) => r.kind === 'step_due' && r.appliedAt !== null).length >=
          2 || undefined,
      20_000,
      `${code}: the moved step_due applied`,
    );
    await h.waitForAllApplied();
    expect((await reachedEvents(h, code)).map((r) => `${r.kind} ${iso(r.at)}`)).toEqual([
      'step_due 2025-03-04T16:00:00+07:00',
      'step_due 2025-03-05T15:30:00+07:00',
    ]);
    expect(await pending(h, code)).toEqual([
      'warning 2025-03-06T08:00:00+07:00',
      'apology_deadline 2025-03-06T17:00:00+07:00',
      'due 2025-03-07T08:00:00+07:00',
    ]);
    expect((await nextDeadline(h, code))?.toISOString()).toBe('2025-03-06T01:00:00.000Z');
  });

  it('a re-based dossier drops its old timers and re-arms at its new instants', async () => {
    // 1.014200 received Mon 10/03 08:00: due Thu 13/03 08:00, warning Wed 12/03 08:00. At Wed 07:20 the warning is
    // armed; then Wed 12/03 is published as a day off and the dossier is re-based.
    h.clock.set('2025-03-12T07:20:00+07:00');
    const admin = await h.admin();
    const code = newDossierCode();
    const post = await h.post(
      '/api/v1/events',
      received(code, '2025-03-10T08:00:00+07:00', { procedureCode: '1.014200' }),
      admin,
    );
    expect(post.body.dueAt).toBe('2025-03-13T08:00:00+07:00');
    await waitForReached(h, code, 'step_due'); // the desk's 4 h ended Mon 14:00
    await h.waitForAllApplied();
    expect(await armedAt(h, code)).toEqual(['warning 2025-03-12T08:00:00+07:00']);

    await publishDayOff(h, '2025-03-12');
    const run = await h.api.get(RebaseDossiers).run();
    expect(run.rebased.find((r) => r.dossierCode === code)?.status).toBe('accepted');
    await h.waitForAllApplied();
    // The old warning's timer is gone; the new instants wait in PostgreSQL, beyond the horizon.
    expect(await armedAt(h, code)).toEqual([]);
    expect(await pending(h, code)).toEqual([
      'warning 2025-03-13T08:00:00+07:00',
      'apology_deadline 2025-03-13T17:00:00+07:00',
      'due 2025-03-14T08:00:00+07:00',
    ]);
    // Thu 07:30: the scheduler's sweep refills the horizon with the new warning.
    h.clock.set('2025-03-13T07:30:00+07:00');
    expect((await sweep(h)).armed).toBeGreaterThanOrEqual(1);
    expect(await armedAt(h, code)).toEqual(['warning 2025-03-13T08:00:00+07:00']);
    // Wed 08:00, the old instant, was never acted at.
    expect((await reachedEvents(h, code)).map((r) => r.kind)).toEqual(['step_due']);
  });

  it('closed dossiers never fire: a closing removes the armed timer, and the sweep skips long-past deadlines', async () => {
    h.clock.set('2025-03-18T07:20:00+07:00');
    const admin = await h.admin();
    const armed = newDossierCode(); // received Fri 14/03 08:00, warning Tue 18/03 08:00 (armed at 07:20)
    const withdrawn = newDossierCode(); // withdrawn before any deadline
    const finished = newDossierCode(); // finished late, long before the clock
    // Each history in one request: committed together, so no fold ever sees a closed dossier still open.
    const histories = [
      [
        received(armed, '2025-03-14T08:00:00+07:00', { procedureCode: '1.014200' }),
        forwarded(armed, '2025-03-14T09:00:00+07:00', MC, VLATLD),
        forwarded(armed, '2025-03-17T07:30:00+07:00', VLATLD, VLATLD, { stepCode: 'DY' }),
      ],
      [
        received(withdrawn, '2025-03-03T08:00:00+07:00', { procedureCode: '1.014200' }),
        event(withdrawn, 'withdrawn', '2025-03-03T09:00:00+07:00', { reason: 'Công dân xin rút' }),
      ],
      [
        received(finished, '2025-03-03T08:00:00+07:00', { procedureCode: '1.014200' }),
        forwarded(finished, '2025-03-03T09:00:00+07:00', MC, VLATLD),
        event(finished, 'result_ready', '2025-03-10T09:00:00+07:00', { outcome: 'approved' }),
      ],
    ];
    for (const events of histories) {
      const r = await h.post('/api/v1/events/batch', { events }, admin);
      expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(events.map(() => 'accepted'));
    }
    await h.waitForAllApplied();
    await waitFor(async () => (await armedAt(h, armed)).includes('warning 2025-03-18T08:00:00+07:00'));
    // The dossier is finished at 07:25: its timers go, and no deadline of it is acted at afterwards.
    h.clock.set('2025-03-18T07:25:00+07:00');
    const done = event(armed, 'result_ready', '2025-03-18T07:25:00+07:00', { outcome: 'approved' });
    expect((await h.post('/api/v1/events', done, await h.admin())).status).toBe(202);
    await h.waitForAllApplied();
    expect(await armedAt(h, armed)).toEqual([]);
    h.clock.set('2025-04-30T10:00:00+07:00');
    await sweep(h);
    await h.waitForAllApplied();
    expect((await reachedEvents(h, withdrawn)).length + (await reachedEvents(h, finished)).length).toBe(0);
    expect((await reachedEvents(h, armed)).map((r) => r.kind)).not.toContain('warning');
    for (const code of [armed, withdrawn, finished]) {
      expect(await nextDeadline(h, code)).toBeNull();
      expect(await pending(h, code)).toEqual([]);
    }
  });
});
