/**
 * Issue 7, points 3 and 4: refused at the door. An event the fold would reject that arrives as the newest of
 * its dossier answers 422 transition_not_allowed with the fold's reason and nothing is stored (single and
 * batch; later events of a call see the earlier accepted ones); out-of-order events are still kept. Unit codes
 * of events must be in the catalogue (422 unknown_unit with the field).
 */
import {
  event,
  forwarded,
  MC,
  newDossierCode,
  received,
  resultReady,
  returned,
  VLATLD,
  VP,
} from './support/events';
import { Harness } from './support/harness';

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await Harness.start({ now: '2025-03-20T10:00:00+07:00' });
  admin = await h.admin();
});

afterAll(async () => {
  await h?.stop();
});

const rowsOf = (code: string) =>
  h.count('SELECT count(*) AS n FROM dossier_events WHERE dossier_code = $1', [code]);

async function post202(...events: ReturnType<typeof received>[]) {
  for (const e of events) expect((await h.post('/api/v1/events', e, admin)).status).toBe(202);
}

describe('fault 3: a newest-arriving event the fold rejects is refused (422 transition_not_allowed)', () => {
  it('returned before result_ready: 422 with the fold’s reason, nothing stored, the dossier unchanged', async () => {
    const code = newDossierCode();
    await post202(
      received(code, '2025-03-05T08:30:00+07:00'),
      forwarded(code, '2025-03-05T10:00:00+07:00', MC, VLATLD),
    );
    const res = await h.post('/api/v1/events', returned(code, '2025-03-06T10:00:00+07:00'), admin);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'transition_not_allowed',
      message: 'returned is not allowed in state IN_PROCESS (allowed: RESULT_READY)',
      details: [{ field: 'type' }],
    });
    expect(await rowsOf(code)).toBe(2);
    await h.waitForAllApplied();
    const d = await h.get(`/api/v1/dossiers/${code}`, admin);
    expect(d.body).toMatchObject({ status: 'IN_PROCESS', returnedAt: null });
    expect(d.body.timeline.every((t: { status: string }) => t.status === 'applied')).toBe(true);
  });

  it('a handover from a unit that does not hold the dossier, and a second supplement request', async () => {
    const code = newDossierCode();
    await post202(
      received(code, '2025-03-05T08:30:00+07:00'),
      event(code, 'supplement_requested', '2025-03-05T09:00:00+07:00', { reason: 'Thiếu giấy tờ' }),
      event(code, 'supplement_received', '2025-03-06T09:00:00+07:00'),
    );
    const fromElsewhere = forwarded(code, '2025-03-06T10:00:00+07:00', VP, VLATLD);
    const second = event(code, 'supplement_requested', '2025-03-06T11:00:00+07:00', { reason: 'Lần hai' });
    for (const [e, reason] of [
      [fromElsewhere, /held by LDTBXH.MC, not LDTBXH.VP/],
      [second, /only 1 supplement request\(s\) allowed/],
    ] as const) {
      const res = await h.post('/api/v1/events', e, admin);
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({
        code: 'transition_not_allowed',
        message: expect.stringMatching(reason),
      });
    }
    expect(await rowsOf(code)).toBe(3);
  });

  it('in a batch: the refused event is rejected, and later events of the call see the earlier accepted ones', async () => {
    const code = newDossierCode();
    const rec = received(code, '2025-03-05T08:30:00+07:00');
    const tooEarly = returned(code, '2025-03-05T09:00:00+07:00');
    const ready = resultReady(code, '2025-03-05T09:30:00+07:00');
    const back = returned(code, '2025-03-05T10:00:00+07:00');
    const res = await h.post('/api/v1/events/batch', { events: [rec, tooEarly, ready, back] }, admin);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'rejected',
      'accepted',
      'accepted',
    ]);
    expect(res.body.results[1].error).toMatchObject({
      code: 'transition_not_allowed',
      message: expect.stringMatching(/returned is not allowed in state RECEIVED/),
    });
    expect(await rowsOf(code)).toBe(3);
    await h.waitForAllApplied();
    expect((await h.get(`/api/v1/dossiers/${code}`, admin)).body.status).toBe('RETURNED');
  });

  it('an out-of-order event the fold rejects is still accepted and kept as rejected', async () => {
    const code = newDossierCode();
    const pay = event(code, 'paid', '2025-03-06T11:00:00+07:00', { amountVnd: 50000, method: 'offline' });
    await post202(received(code, '2025-03-05T08:30:00+07:00'), pay);
    const early = returned(code, '2025-03-06T10:00:00+07:00');
    expect((await h.post('/api/v1/events', early, admin)).status).toBe(202);
    await h.waitForAllApplied();
    const d = await h.get(`/api/v1/dossiers/${code}`, admin);
    expect(d.body.timeline.find((t: { id: string }) => t.id === early.id)).toMatchObject({
      status: 'rejected',
    });
  });
});

describe('fault 4: unit codes must be in the catalogue (422 unknown_unit)', () => {
  it.each([
    ['forwarded to an unknown unit', { toUnit: 'LDTBXH.KHONGCO' }, ['data.toUnit']],
    ['forwarded from an unknown unit', { fromUnit: 'LDTBXH.KHONGCO' }, ['data.fromUnit']],
    [
      'forwarded between two unknown units',
      { fromUnit: 'X.A', toUnit: 'X.B' },
      ['data.fromUnit', 'data.toUnit'],
    ],
  ])('%s names the field and stores nothing', async (_name, patch, fields) => {
    const code = newDossierCode();
    await post202(received(code, '2025-03-05T08:30:00+07:00'));
    const e = forwarded(code, '2025-03-05T10:00:00+07:00', MC, VLATLD);
    const res = await h.post('/api/v1/events', { ...e, data: { ...e.data, ...patch } }, admin);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('unknown_unit');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(fields);
    expect(await rowsOf(code)).toBe(1);
  });

  it('an apology naming an unknown responsible unit', async () => {
    const code = newDossierCode();
    await post202(
      received(code, '2025-03-03T08:30:00+07:00'),
      forwarded(code, '2025-03-03T10:00:00+07:00', MC, VLATLD),
    );
    const res = await h.post(
      '/api/v1/events',
      event(code, 'apology_issued', '2025-03-13T10:00:00+07:00', {
        reason: 'Chậm',
        newDueAt: '2025-03-19T16:00:00+07:00',
        signer: { name: 'B', title: 'T' },
        responsibleUnit: 'SO.KHAC',
      }),
      admin,
    );
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'unknown_unit',
      details: [{ field: 'data.responsibleUnit' }],
    });
  });

  it('a unit added to the catalogue is accepted once the API’s catalogue cache has turned over', async () => {
    expect(
      (await h.put('/api/v1/units/LDTBXH.MOI', { name: 'Phòng mới', kind: 'department' }, admin)).status,
    ).toBe(200);
    const code = newDossierCode();
    await post202(received(code, '2025-03-05T08:30:00+07:00'));
    // The admin's own write empties the cache of the API that took it.
    const res = await h.post(
      '/api/v1/events',
      forwarded(code, '2025-03-05T10:00:00+07:00', MC, 'LDTBXH.MOI'),
      admin,
    );
    expect(res.status).toBe(202);
  });
});
