/**
 * One dossier through its whole life, logged by the staff who would log each step:
 * HTTP (202) → queue → worker → `dossiers` projection, checked against a fresh fold after every event.
 */
import { expectProjectionMatches, projectionRow } from './support/compare';
import { type EventBody, fullLife, MC, newDossierCode, PROCEDURE, VLATLD, VP } from './support/events';
import { Harness, waitFor } from './support/harness';

let h: Harness;

beforeAll(async () => {
  h = await Harness.start({ now: '2025-03-03T08:00:00+07:00' });
  await h.createUser('desk.mc', ['officer'], [MC]);
  await h.createUser('spec.vlatld', ['specialist'], [VLATLD]);
  await h.createUser('head.vlatld', ['unit_head'], [VLATLD]);
  await h.createUser('spec.vp', ['specialist'], [VP]);
  await h.createUser('manager.all', ['manager'], ['*']);
});

afterAll(async () => {
  await h?.stop();
});

/** Posts `e` as `user` with the clock a minute after the event, then waits for the worker to apply it. */
async function log(e: EventBody, user: string) {
  h.clock.set(Date.parse(e.occurredAt) + 60_000);
  const token = await h.login(user);
  const res = await h.post('/api/v1/events', e, token);
  expect(res.status).toBe(202);
  await waitFor(
    async () =>
      (await h.query('SELECT 1 FROM dossier_events WHERE id = $1 AND applied_at IS NOT NULL', [e.id])).length,
    20_000,
    `event ${e.type} ${e.id} to be applied`,
  );
  return res;
}

/** GET as the manager (reads every unit), and the projection row, which must agree. */
async function readBack(code: string) {
  const token = await h.login('manager.all');
  const res = await h.get(`/api/v1/dossiers/${encodeURIComponent(code)}`, token);
  expect(res.status).toBe(200);
  const row = await projectionRow(h, code);
  expect(row).toBeDefined();
  expectProjectionMatches(row!, res.body);
  return { dossier: res.body, row: row! };
}

describe('a dossier of procedure 1.014199 from reception to rating', () => {
  const code = newDossierCode();
  const [receivedEvt, toTd, toDy, toKy, toTkq, ready, returnedEvt, ratedEvt] = fullLife(code);

  it('received by the desk: 202 with the appointment (dueAt) and the receipt link', async () => {
    const preview = await h.get(
      `/api/v1/calendar/due?procedureCode=${PROCEDURE}&receivedAt=${encodeURIComponent(receivedEvt.occurredAt)}`,
      await h.admin(),
    );
    expect(preview.status).toBe(200);

    const res = await log(receivedEvt, 'desk.mc');
    expect(res.body).toEqual({
      id: receivedEvt.id,
      dossierCode: code,
      status: 'accepted',
      // 10 working days (80 working hours) from Monday 08:30, no holiday in between.
      dueAt: '2025-03-17T08:30:00+07:00',
      receiptUrl: `/api/v1/dossiers/${encodeURIComponent(code)}/receipt`,
    });
    expect(res.body.dueAt).toBe(preview.body.dueAt);

    const { dossier, row } = await readBack(code);
    expect(dossier).toMatchObject({
      code,
      procedure: { code: PROCEDURE, version: 1 },
      unitCode: MC,
      channel: 'direct',
      status: 'RECEIVED',
      nationalStatus: 2,
      receivedAt: '2025-03-03T08:30:00+07:00',
      effectiveStartAt: '2025-03-03T08:30:00+07:00',
      dueAt: '2025-03-17T08:30:00+07:00',
      rescheduledDueAt: null,
      sla: { state: 'on_track', outcome: null, pausedWorkingMinutes: 0 },
    });
    expect(dossier.steps).toHaveLength(1);
    expect(dossier.steps[0]).toMatchObject({ code: 'TN', unitCode: MC, endedAt: null, outcome: null });
    expect(dossier.timeline).toEqual([
      {
        id: receivedEvt.id,
        type: 'received',
        occurredAt: receivedEvt.occurredAt,
        status: 'applied',
        actor: 'desk.mc',
        recordedAt: expect.stringMatching(/\+07:00$/),
      },
    ]);
    expect(row).toMatchObject({
      status: 'RECEIVED',
      national_status: 2,
      is_open: true,
      is_paused: false,
      units: [MC],
    });
  });

  it('forwarded through every step by the unit holding it', async () => {
    await log(toTd, 'desk.mc');
    let { dossier } = await readBack(code);
    expect(dossier).toMatchObject({ status: 'IN_PROCESS', nationalStatus: 4, unitCode: VLATLD });
    expect(dossier.steps.map((s: { code: string }) => s.code)).toEqual(['TN', 'TD']);

    await log(toDy, 'spec.vlatld');
    ({ dossier } = await readBack(code));
    expect(dossier).toMatchObject({ status: 'IN_PROCESS', nationalStatus: 4, unitCode: VLATLD });
    expect(dossier.steps.map((s: { code: string }) => s.code)).toEqual(['TN', 'TD', 'DY']);

    await log(toKy, 'head.vlatld');
    ({ dossier } = await readBack(code));
    expect(dossier).toMatchObject({ status: 'IN_PROCESS', nationalStatus: 4, unitCode: VP });

    await log(toTkq, 'spec.vp');
    const { dossier: d, row } = await readBack(code);
    expect(d).toMatchObject({ status: 'IN_PROCESS', nationalStatus: 4, unitCode: MC });
    expect(d.steps.map((s: { code: string; unitCode: string }) => [s.code, s.unitCode])).toEqual([
      ['TN', MC],
      ['TD', VLATLD],
      ['DY', VLATLD],
      ['KY', VP],
      ['TKQ', MC],
    ]);
    expect([...row.units].sort()).toEqual([MC, VLATLD, VP].sort());
  });

  it('result ready (processing ends), returned, then rated', async () => {
    await log(ready, 'desk.mc');
    let { dossier, row } = await readBack(code);
    expect(dossier).toMatchObject({
      status: 'RESULT_READY',
      nationalStatus: 9,
      finishedAt: ready.occurredAt,
      sla: { state: 'closed', outcome: 'early' },
    });
    expect(row).toMatchObject({
      status: 'RESULT_READY',
      national_status: 9,
      is_open: false,
      outcome: 'early',
    });

    await log(returnedEvt, 'desk.mc');
    await log(ratedEvt, 'desk.mc');
    ({ dossier, row } = await readBack(code));
    expect(dossier).toMatchObject({
      status: 'RETURNED',
      nationalStatus: 10,
      unitCode: MC,
      dueAt: '2025-03-17T08:30:00+07:00',
      finishedAt: ready.occurredAt,
      returnedAt: returnedEvt.occurredAt,
      rating: 'very_satisfied',
      sla: { state: 'closed', outcome: 'early', outcomeByInstant: 'early', pausedWorkingMinutes: 0 },
      apology: { status: 'not_required', issuedAt: null, letterUrl: null },
      responsibleUnits: [],
    });
    // Every step closed with its handover, each within its allocation.
    expect(
      dossier.steps.map((s: Record<string, unknown>) => [
        s.code,
        s.startedAt,
        s.endedAt,
        s.outcome,
        s.handoverMethod,
      ]),
    ).toEqual([
      ['TN', receivedEvt.occurredAt, toTd.occurredAt, 'early', 'electronic'],
      ['TD', toTd.occurredAt, toDy.occurredAt, 'early', 'electronic'],
      ['DY', toDy.occurredAt, toKy.occurredAt, 'early', 'electronic'],
      ['KY', toKy.occurredAt, toTkq.occurredAt, 'early', 'electronic'],
      ['TKQ', toTkq.occurredAt, ready.occurredAt, 'early', null],
    ]);
    for (const s of dossier.steps) expect(s.overrunWorkingMinutes).toBe(0);
    // The timeline: every event, in occurredAt order, all applied.
    expect(dossier.timeline).toEqual(
      fullLife(code).map((_, i) => {
        const e = [receivedEvt, toTd, toDy, toKy, toTkq, ready, returnedEvt, ratedEvt][i];
        return {
          id: e.id,
          type: e.type,
          occurredAt: e.occurredAt,
          status: 'applied',
          actor: expect.any(String),
          recordedAt: expect.any(String),
        };
      }),
    );
    // The projection row: closed, early, and it folded every committed event.
    const [{ max }] = await h.query<{ max: string }>(
      'SELECT max(seq)::text AS max FROM dossier_events WHERE dossier_code = $1',
      [code],
    );
    expect(row).toMatchObject({
      code,
      procedure_code: PROCEDURE,
      unit_code: MC,
      channel: 'direct',
      status: 'RETURNED',
      national_status: 10,
      is_open: false,
      is_paused: false,
      outcome: 'early',
      outcome_by_instant: 'early',
      applied_seq: max,
    });
    expect(row.due_at?.toISOString()).toBe('2025-03-17T01:30:00.000Z');
    const unapplied = await h.count(
      'SELECT count(*) AS n FROM dossier_events WHERE dossier_code = $1 AND (applied_at IS NULL OR enqueued_at IS NULL)',
      [code],
    );
    expect(unapplied).toBe(0);
  });

  it('the worklist (GET /api/v1/dossiers) shows the projection to every unit on the route', async () => {
    const expected = {
      code,
      procedureCode: PROCEDURE,
      unitCode: MC,
      channel: 'direct',
      status: 'RETURNED',
      nationalStatus: 10,
      receivedAt: receivedEvt.occurredAt,
      dueAt: '2025-03-17T08:30:00+07:00',
      finishedAt: ready.occurredAt,
      sla: { state: 'closed', outcome: 'early' },
      apologyIssued: false,
      // Issue 8: a returned dossier holds no step and has no deadline left to act at.
      holderUnit: null,
      nextDeadlineAt: null,
      supplementDueAt: null,
    };
    for (const user of ['manager.all', 'desk.mc', 'spec.vlatld', 'spec.vp']) {
      const list = await h.get('/api/v1/dossiers', await h.login(user));
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([expected]);
      expect(list.body.nextCursor).toBeNull();
    }
    const token = await h.login('manager.all');
    const filtered = async (q: string): Promise<string[]> =>
      (await h.get<{ items: Array<{ code: string }> }>(`/api/v1/dossiers?${q}`, token)).body.items.map(
        (i) => i.code,
      );
    expect(await filtered('status=10')).toEqual([code]);
    expect(await filtered('status=RETURNED')).toEqual([code]);
    expect(await filtered(`unit=${MC}&procedure=${PROCEDURE}`)).toEqual([code]);
    expect(await filtered('sla=closed')).toEqual([code]);
    expect(await filtered('sla=overdue')).toEqual([]);
    expect(await filtered('status=4')).toEqual([]);
    expect(await filtered(`unit=${VP}`)).toEqual([]);
  });
});
