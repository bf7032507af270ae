/**
 * POST /api/v1/events and /events/batch: idempotency, conflicts, unknown dossiers, validation (each class of
 * bad field changes nothing), batches with per-event results, out-of-order arrival, and events the fold rejects.
 */
import { expectProjectionMatches, projectionRow } from './support/compare';
import {
  type EventBody,
  event,
  forwarded,
  fullLife,
  MC,
  newDossierCode,
  received,
  resultReady,
  returned,
  VLATLD,
} from './support/events';
import { Harness, uuid, waitFor } from './support/harness';

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await Harness.start({ now: '2025-03-20T10:00:00+07:00' });
  admin = await h.admin();
});

afterAll(async () => {
  await h?.stop();
});

const rowsOf = (id: string) => h.count('SELECT count(*) AS n FROM dossier_events WHERE id = $1', [id]);
const dossier = async (code: string) => {
  const res = await h.get<Record<string, any>>(`/api/v1/dossiers/${encodeURIComponent(code)}`, admin);
  expect(res.status).toBe(200);
  return res.body;
};
const appliedOrRejected = (id: string) =>
  waitFor(
    async () =>
      (await h.query('SELECT 1 FROM dossier_events WHERE id = $1 AND applied_at IS NOT NULL', [id])).length,
    20_000,
    `event ${id} to be applied`,
  );

describe('idempotency and conflicts', () => {
  it('the same id and body again answers 200 with the first answer and stores one row', async () => {
    const e = received(newDossierCode(), '2025-03-03T08:30:00+07:00');
    const first = await h.post('/api/v1/events', e, admin);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ id: e.id, status: 'accepted', dueAt: '2025-03-17T08:30:00+07:00' });

    const again = await h.post('/api/v1/events', e, admin);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    // Key order is not part of the body's identity.
    const reordered = {
      data: e.data,
      occurredAt: e.occurredAt,
      type: e.type,
      dossierCode: e.dossierCode,
      id: e.id,
    };
    const third = await h.post('/api/v1/events', reordered, admin);
    expect(third.status).toBe(200);
    expect(third.body).toEqual(first.body);
    expect(await rowsOf(e.id)).toBe(1);
  });

  it('replays racing each other still store one row and give one 202', async () => {
    const e = received(newDossierCode(), '2025-03-03T08:30:00+07:00');
    const answers = await Promise.all(Array.from({ length: 8 }, () => h.post('/api/v1/events', e, admin)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 202]);
    for (const a of answers)
      expect(a.body).toMatchObject({ id: e.id, dossierCode: e.dossierCode, status: 'accepted' });
    expect(await rowsOf(e.id)).toBe(1);
  });

  it('receptions of one dossier code racing each other: one 202, the others 422, one reception stored', async () => {
    const code = newDossierCode();
    const receptions = Array.from({ length: 6 }, (_, i) => received(code, `2025-03-03T08:3${i}:00+07:00`));
    const answers = await Promise.all(receptions.map((e) => h.post('/api/v1/events', e, admin)));
    expect(answers.map((a) => a.status).sort()).toEqual([202, 422, 422, 422, 422, 422]);
    const rows = await h.count(
      `SELECT count(*) AS n FROM dossier_events WHERE dossier_code = $1 AND type = 'received'`,
      [code],
    );
    expect(rows).toBe(1);
  });

  it('the same id with another body answers 409 and keeps the first', async () => {
    const e = received(newDossierCode(), '2025-03-03T08:30:00+07:00');
    expect((await h.post('/api/v1/events', e, admin)).status).toBe(202);
    const other = { ...e, occurredAt: '2025-03-03T08:31:00+07:00' };
    const res = await h.post('/api/v1/events', other, admin);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'conflict', details: [{ field: 'id' }] });
    expect(await rowsOf(e.id)).toBe(1);
    const [row] = await h.query<{ occurred_at: Date }>(
      'SELECT occurred_at FROM dossier_events WHERE id = $1',
      [e.id],
    );
    expect(row.occurred_at.toISOString()).toBe('2025-03-03T01:30:00.000Z');
  });

  it('an event for a dossier that was never received answers 422 unknown_dossier', async () => {
    const before = await h.eventCount();
    const e = forwarded(newDossierCode(), '2025-03-03T10:00:00+07:00', MC, VLATLD);
    const res = await h.post('/api/v1/events', e, admin);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'unknown_dossier', details: [{ field: 'dossierCode' }] });
    expect(await h.eventCount()).toBe(before);
  });

  it('a second reception of the same dossier code answers 422', async () => {
    const code = newDossierCode();
    expect((await h.post('/api/v1/events', received(code, '2025-03-03T08:30:00+07:00'), admin)).status).toBe(
      202,
    );
    const before = await h.eventCount();
    const res = await h.post('/api/v1/events', received(code, '2025-03-04T08:30:00+07:00'), admin);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('dossier_exists');
    expect(await h.eventCount()).toBe(before);
  });
});

describe('validation: 400 with the offending fields, nothing stored', () => {
  const good = () => received(newDossierCode(), '2025-03-03T08:30:00+07:00');
  const without = <T extends object>(o: T, key: keyof T) => {
    const copy = { ...o };
    delete copy[key];
    return copy;
  };

  const cases: Array<[string, () => unknown, string[]]> = [
    // A reception may now leave its code out (the server issues one): the missing code is a handover's.
    [
      'a missing field',
      () => without(forwarded(newDossierCode(), '2025-03-03T10:00:00+07:00', MC, VLATLD), 'dossierCode'),
      ['dossierCode'],
    ],
    [
      'a missing field inside data',
      () => ({ ...good(), data: without(good().data, 'applicant') }),
      ['data.applicant'],
    ],
    ['a field of the wrong type', () => ({ ...good(), occurredAt: 1741000000000 }), ['occurredAt']],
    [
      'a data field of the wrong type',
      () => ({ ...good(), data: { ...good().data, applicant: 'Nguyễn Văn An' } }),
      ['data.applicant'],
    ],
    [
      'a bad enum value',
      () => received(newDossierCode(), '2025-03-03T08:30:00+07:00', { channel: 'fax' }),
      ['data.channel'],
    ],
    ['an unknown event type', () => ({ ...good(), type: 'archived' }), ['type']],
    [
      'an impossible date (2025-02-30)',
      () => received(newDossierCode(), '2025-02-30T08:30:00+07:00'),
      ['occurredAt'],
    ],
    [
      'an instant without an offset',
      () => ({ ...good(), occurredAt: '2025-03-03T08:30:00' }),
      ['occurredAt'],
    ],
    ['an id that is not a uuid', () => ({ ...good(), id: 'evt-1' }), ['id']],
    ['an unknown top-level field', () => ({ ...good(), priority: 'high' }), ['priority']],
    [
      'an unknown field inside data',
      () => received(newDossierCode(), '2025-03-03T08:30:00+07:00', { colour: 'red' }),
      ['data.colour'],
    ],
    [
      'an unknown field deep inside data',
      () => ({ ...good(), data: { ...good().data, applicant: { name: 'A', nickname: 'B' } } }),
      ['data.applicant.nickname'],
    ],
    ['a body that is not an object', () => [good()], ['body']],
  ];

  it.each(cases)('%s', async (_name, body, fields) => {
    const before = await h.eventCount();
    const res = await h.post('/api/v1/events', body(), admin);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([...fields].sort());
    for (const d of res.body.error.details) expect(typeof d.problem).toBe('string');
    expect(await h.eventCount()).toBe(before);
  });

  it('an event stamped in the future answers 422 instant_out_of_range on occurredAt (issue 7: range, not shape)', async () => {
    const before = await h.eventCount();
    const res = await h.post(
      '/api/v1/events',
      received(newDossierCode(), '2025-03-21T08:30:00+07:00'),
      admin,
    );
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'instant_out_of_range',
      details: [{ field: 'occurredAt' }],
    });
    expect(await h.eventCount()).toBe(before);
  });

  it('malformed JSON answers 400 in the error envelope', async () => {
    const before = await h.eventCount();
    const e = good();
    const text = JSON.stringify(e).slice(0, -10);
    const res = await h.post('/api/v1/events', text, admin);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed_json');
    expect(Array.isArray(res.body.error.details)).toBe(true);
    expect(await h.eventCount()).toBe(before);
    expect(await rowsOf(e.id)).toBe(0);
  });

  it('a batch of 1001 events answers 400 on `events` and stores none of them', async () => {
    const before = await h.eventCount();
    const events = Array.from({ length: 1001 }, () => good());
    const res = await h.post('/api/v1/events/batch', { events }, admin);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', details: [{ field: 'events' }] });
    expect(await h.eventCount()).toBe(before);
  });

  it('a batch of exactly 1000 events is accepted', async () => {
    const before = await h.eventCount();
    const events = Array.from({ length: 1000 }, () => good());
    const res = await h.post('/api/v1/events/batch', { events }, admin);
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(1000);
    expect(res.body.results.every((r: { status: string }) => r.status === 'accepted')).toBe(true);
    expect(res.body.results.map((r: { id: string }) => r.id)).toEqual(events.map((e) => e.id));
    expect(await h.eventCount()).toBe(before + 1000);
    await h.waitForAllApplied(45_000);
  });

  it('a batch envelope with an unknown field or no events answers 400', async () => {
    const before = await h.eventCount();
    for (const body of [{ events: [good()], extra: 1 }, { events: [] }, { events: 'x' }, {}]) {
      const res = await h.post('/api/v1/events/batch', body, admin);
      expect(res.status).toBe(400);
      expect(res.body.error.details.length).toBeGreaterThan(0);
    }
    expect(await h.eventCount()).toBe(before);
  });
});

describe('batches', () => {
  it('mixed good and bad events: 200 with per-event results in input order; the good ones are stored', async () => {
    const stored = received(newDossierCode(), '2025-03-03T08:00:00+07:00');
    expect((await h.post('/api/v1/events', stored, admin)).status).toBe(202);

    const code = newDossierCode();
    const a = received(code, '2025-03-04T08:30:00+07:00');
    const bad = { ...received(newDossierCode(), '2025-03-04T08:30:00+07:00'), type: undefined };
    const c = forwarded(code, '2025-03-04T10:00:00+07:00', MC, VLATLD); // sees `a` from the same call
    const orphan = forwarded(newDossierCode(), '2025-03-04T10:00:00+07:00', MC, VLATLD);
    const conflicting = { ...a, occurredAt: '2025-03-04T08:31:00+07:00' };
    const secondReception = received(stored.dossierCode, '2025-03-04T08:30:00+07:00');
    const invalidData = event(code, 'paid', '2025-03-04T11:00:00+07:00', { amountVnd: -5, method: 'online' });
    const events = [a, bad, c, orphan, a, conflicting, stored, secondReception, invalidData];

    const before = await h.eventCount();
    const res = await h.post('/api/v1/events/batch', { events }, admin);
    expect(res.status).toBe(200);
    const r = res.body.results;
    expect(r).toHaveLength(events.length);
    expect(r.map((x: { id: string | null; status: string }) => [x.id, x.status])).toEqual([
      [a.id, 'accepted'],
      [bad.id, 'rejected'],
      [c.id, 'accepted'],
      [orphan.id, 'rejected'],
      [a.id, 'duplicate'],
      [a.id, 'rejected'],
      [stored.id, 'duplicate'],
      [secondReception.id, 'rejected'],
      [invalidData.id, 'rejected'],
    ]);
    expect(r[0].error).toBeUndefined();
    expect(r[1].error).toMatchObject({ code: 'invalid_request', details: [{ field: 'events[1].type' }] });
    expect(r[3].error.code).toBe('unknown_dossier');
    expect(r[5].error.code).toBe('conflict');
    expect(r[7].error.code).toBe('dossier_exists');
    expect(r[8].error).toMatchObject({
      code: 'invalid_request',
      details: [{ field: 'events[8].data.amountVnd' }],
    });

    expect(await h.eventCount()).toBe(before + 2);
    expect(await rowsOf(a.id)).toBe(1);
    expect(await rowsOf(c.id)).toBe(1);
    for (const e of [bad, orphan, secondReception, invalidData]) expect(await rowsOf(e.id)).toBe(0);

    await appliedOrRejected(c.id);
    const d = await dossier(code);
    expect(d).toMatchObject({ status: 'IN_PROCESS', unitCode: VLATLD });
    expect(d.timeline.map((t: { id: string; status: string }) => [t.id, t.status])).toEqual([
      [a.id, 'applied'],
      [c.id, 'applied'],
    ]);
  });
});

describe('folding', () => {
  /** A GET body without what names the dossier or its events. */
  const anonymous = (body: Record<string, any>) => {
    const { code: _code, ...rest } = body;
    return {
      ...rest,
      // Who logged an event and when it was committed differ between the two arrivals; the fold does not.
      timeline: body.timeline.map(({ id: _id, recordedAt: _r, ...t }: Record<string, unknown>) => t),
      apology: body.apology && { ...body.apology, letterUrl: body.apology.letterUrl === null ? null : 'x' },
    };
  };
  /** The same events (fresh ids) for another dossier code. */
  const sameLife = (code: string) => fullLife(code);

  it('the same events arriving in another order fold to the same dossier, and the projection agrees', async () => {
    const inOrder = newDossierCode();
    const shuffled = newDossierCode();
    for (const e of sameLife(inOrder)) expect((await h.post('/api/v1/events', e, admin)).status).toBe(202);

    // Reception first (nothing can be logged before it), then the rest newest first, each applied by the
    // worker before the next (older) one arrives.
    const [rec, ...rest] = sameLife(shuffled);
    const order: EventBody[] = [rec, ...rest.reverse()];
    for (const e of order) {
      expect((await h.post('/api/v1/events', e, admin)).status).toBe(202);
      await appliedOrRejected(e.id);
    }
    await h.waitForAllApplied();

    const a = await dossier(inOrder);
    const b = await dossier(shuffled);
    expect(b.status).toBe('RETURNED');
    expect(anonymous(b)).toEqual(anonymous(a));
    expect(b.timeline.every((t: { status: string }) => t.status === 'applied')).toBe(true);
    expectProjectionMatches((await projectionRow(h, inOrder))!, a);
    expectProjectionMatches((await projectionRow(h, shuffled))!, b);
  });

  // Issue 7: a `returned` arriving as the newest event before `result_ready` is now refused at the door (422,
  // test/intake-door.e2e-spec.ts); an out-of-order one (a later payment is already stored) is still kept.
  it('an event that was rejected for arriving early is applied once the events before it arrive', async () => {
    const code = newDossierCode();
    const rec = received(code, '2025-03-05T08:30:00+07:00');
    const pay = event(code, 'paid', '2025-03-07T16:00:00+07:00', { amountVnd: 50000, method: 'offline' });
    const ret = returned(code, '2025-03-07T15:00:00+07:00');
    const ready = resultReady(code, '2025-03-07T09:00:00+07:00');
    for (const e of [rec, pay, ret]) {
      expect((await h.post('/api/v1/events', e, admin)).status).toBe(202);
      await appliedOrRejected(e.id);
    }
    let d = await dossier(code);
    expect(d.status).toBe('RECEIVED');
    expect(d.timeline[1]).toMatchObject({ id: ret.id, status: 'rejected' });
    expectProjectionMatches((await projectionRow(h, code))!, d);

    expect((await h.post('/api/v1/events', ready, admin)).status).toBe(202);
    await appliedOrRejected(ready.id);
    d = await dossier(code);
    expect(d.status).toBe('RETURNED');
    expect(d.timeline.map((t: { id: string; status: string }) => [t.id, t.status])).toEqual([
      [rec.id, 'applied'],
      [ready.id, 'applied'],
      [ret.id, 'applied'],
      [pay.id, 'applied'],
    ]);
    expectProjectionMatches((await projectionRow(h, code))!, d);
  });

  it('an out-of-order event the fold cannot apply (returned before result_ready) is kept and shown as rejected', async () => {
    const code = newDossierCode();
    const rec = received(code, '2025-03-05T08:30:00+07:00');
    const fwd = forwarded(code, '2025-03-05T10:00:00+07:00', MC, VLATLD);
    const pay = event(code, 'paid', '2025-03-06T11:00:00+07:00', { amountVnd: 50000, method: 'offline' });
    const early = returned(code, '2025-03-06T10:00:00+07:00');
    for (const e of [rec, fwd, pay]) expect((await h.post('/api/v1/events', e, admin)).status).toBe(202);
    const res = await h.post('/api/v1/events', early, admin);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: early.id, dossierCode: code, status: 'accepted' });
    await h.waitForAllApplied();

    expect(await rowsOf(early.id)).toBe(1);
    const d = await dossier(code);
    expect(d).toMatchObject({ status: 'IN_PROCESS', nationalStatus: 4, unitCode: VLATLD, returnedAt: null });
    expect(d.timeline).toHaveLength(4);
    expect(d.timeline[2]).toEqual({
      id: early.id,
      type: 'returned',
      occurredAt: early.occurredAt,
      status: 'rejected',
      reason: expect.stringMatching(/RESULT_READY/),
      actor: 'admin',
      recordedAt: expect.any(String),
    });
    const row = (await projectionRow(h, code))!;
    expectProjectionMatches(row, d);
    expect(row.status).toBe('IN_PROCESS');
  });

  it('an id reused across dossiers is a conflict, not a second event', async () => {
    const one = received(newDossierCode(), '2025-03-05T08:30:00+07:00');
    expect((await h.post('/api/v1/events', one, admin)).status).toBe(202);
    const res = await h.post(
      '/api/v1/events',
      { ...received(newDossierCode(), '2025-03-05T08:30:00+07:00'), id: one.id },
      admin,
    );
    expect(res.status).toBe(409);
    expect(await rowsOf(one.id)).toBe(1);
    expect(await rowsOf(uuid())).toBe(0);
  });

  it('keeps the indicators true: stored facts equal a fresh fold, rollups equal their recomputation (issue 10)', async () => {
    await h.waitForAllApplied();
    expect(await h.indicatorDrift()).toEqual({ rollups: [], facts: [] });
  });
});
