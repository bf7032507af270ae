/**
 * Issue 7, point 2: back-dating is a governed act, with the shipped allowance (intake.backdateAllowanceWorkingMinutes
 * = 480, one working day). Officers and specialists may date an event at most that far back (working time before
 * the server clock); beyond, only a unit head or an administrator, with data.backdateReason (422
 * backdate_not_allowed naming the field otherwise). The dossier lists such late entries. An out-of-order event
 * that would reject events already applied is refused unless an administrator logs it with a reason.
 */
import { event, forwarded, MC, newDossierCode, received, resultReady, VLATLD, VP } from './support/events';
import { Harness } from './support/harness';

let h: Harness;

beforeAll(async () => {
  h = await Harness.start({
    now: '2025-03-03T08:00:00+07:00',
    config: { intake: { backdateAllowanceWorkingMinutes: 480, agencyCode: 'H57.12' } },
  });
  await h.createUser('desk.mc', ['officer'], [MC]);
  await h.createUser('spec.vlatld', ['specialist'], [VLATLD]);
  await h.createUser('head.vlatld', ['unit_head'], [VLATLD]);
  await h.createUser('head.vp', ['unit_head'], [VP]);
});

afterAll(async () => {
  await h?.stop();
});

/** `user` logs `e` with the clock at `at` (default: a minute after the event, as at a live desk). */
async function log(user: string, e: { occurredAt: string }, at?: string) {
  h.clock.set(at ?? Date.parse(e.occurredAt) + 60_000);
  const token = user === 'admin' ? await h.admin() : await h.login(user);
  return h.post('/api/v1/events', e, token);
}

const read = async (code: string) => {
  const res = await h.get(`/api/v1/dossiers/${code}`, await h.admin());
  expect(res.status).toBe(200);
  return res.body;
};

describe('fault 2: back-dating beyond one working day', () => {
  // Received Monday 2025-03-03 08:30 (procedure 1.014199, ten working days: due 2025-03-17 08:30), handed to
  // VLATLD at 10:00, never finished: on Wednesday 2025-03-26 it is overdue.
  const code = newDossierCode();
  const NOW = '2025-03-26T10:00:00+07:00';
  // Dated Monday 2025-03-10 10:00: sixteen days back, twelve working days (5,760 working minutes).
  const ready = resultReady(code, '2025-03-10T10:00:00+07:00');

  beforeAll(async () => {
    expect((await log('desk.mc', received(code, '2025-03-03T08:30:00+07:00'))).status).toBe(202);
    expect((await log('desk.mc', forwarded(code, '2025-03-03T10:00:00+07:00', MC, VLATLD))).status).toBe(202);
    h.clock.set(NOW);
  });

  it('a result_ready dated 16 days back by a specialist is refused; the late dossier stays late', async () => {
    const res = await log('spec.vlatld', ready, NOW);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'backdate_not_allowed',
      details: [{ field: 'occurredAt' }],
      message: expect.stringMatching(/5760 working minutes .* allowance of 480/),
    });
    await h.waitForAllApplied();
    const d = await read(code);
    expect(d).toMatchObject({ status: 'IN_PROCESS', finishedAt: null, sla: { state: 'overdue' } });
    expect(d.lateEntries).toEqual([]);
  });

  it('a unit head needs data.backdateReason for it', async () => {
    const res = await log('head.vlatld', ready, NOW);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'backdate_not_allowed',
      details: [{ field: 'data.backdateReason' }],
    });
  });

  it('with the reason it is accepted, and the dossier lists it among its late entries', async () => {
    const reason = 'Kết quả ký ngày 10/3, hệ thống gặp sự cố nên nhập bổ sung';
    const withReason = { ...ready, data: { ...ready.data, backdateReason: reason } };
    expect((await log('head.vlatld', withReason, NOW)).status).toBe(202);
    const d = await read(code);
    expect(d.status).toBe('RESULT_READY');
    expect(d.lateEntries).toEqual([
      {
        id: ready.id,
        type: 'result_ready',
        occurredAt: '2025-03-10T10:00:00+07:00',
        recordedAt: expect.any(String),
        actor: 'head.vlatld',
        lateWorkingMinutes: 5760,
        reason,
      },
    ]);
    // The timeline already shows both instants and who logged it.
    expect(d.timeline.find((t: { id: string }) => t.id === ready.id)).toMatchObject({
      occurredAt: '2025-03-10T10:00:00+07:00',
      actor: 'head.vlatld',
      recordedAt: expect.any(String),
    });
  });

  it('an officer may date an event up to one working day back, and it is no late entry', async () => {
    // Tuesday 10:00 → Wednesday 10:00 is exactly one working day (480 minutes).
    const onTime = event(code, 'paid', '2025-03-25T10:00:00+07:00', { amountVnd: 50000, method: 'offline' });
    const tooLate = event(code, 'paid', '2025-03-25T09:59:00+07:00', { amountVnd: 50000, method: 'offline' });
    const refused = await log('desk.mc', tooLate, NOW);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'backdate_not_allowed',
      details: [{ field: 'occurredAt' }],
    });
    expect((await log('desk.mc', onTime, NOW)).status).toBe(202);
    const d = await read(code);
    expect(d.lateEntries.map((e: { id: string }) => e.id)).toEqual([ready.id]);
  });
});

describe('fault 2b: an out-of-order event that rewrites history', () => {
  // Received Monday 2025-03-24 08:30, handed to VLATLD at 09:00, then to VP on Tuesday 09:00.
  const code = newDossierCode();
  const handover = forwarded(code, '2025-03-25T09:00:00+07:00', VLATLD, VP);
  const NOW = '2025-03-25T10:00:00+07:00';
  // A result dated Monday 15:00 (300 working minutes back: within the allowance) would come before the
  // handover to VP and reject it.
  const ready = resultReady(code, '2025-03-24T15:00:00+07:00');
  const withReason = { ...ready, data: { ...ready.data, backdateReason: 'Kết quả có từ chiều thứ Hai' } };

  beforeAll(async () => {
    expect((await log('desk.mc', received(code, '2025-03-24T08:30:00+07:00'))).status).toBe(202);
    expect((await log('desk.mc', forwarded(code, '2025-03-24T09:00:00+07:00', MC, VLATLD))).status).toBe(202);
    expect((await log('spec.vlatld', handover)).status).toBe(202);
  });

  it('is refused for a unit head, even with a reason, naming the event it would reject', async () => {
    const res = await log('head.vp', withReason, NOW);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'backdate_not_allowed',
      details: [{ field: 'occurredAt' }],
      message: expect.stringContaining(`forwarded ${handover.id} at 2025-03-25T09:00:00+07:00`),
    });
  });

  it('needs data.backdateReason from an administrator', async () => {
    const res = await log('admin', ready, NOW);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'backdate_not_allowed',
      details: [{ field: 'data.backdateReason' }],
    });
  });

  it('an administrator with a reason may; the timeline then shows the handover rejected', async () => {
    expect((await log('admin', withReason, NOW)).status).toBe(202);
    await h.waitForAllApplied();
    const d = await read(code);
    expect(d.status).toBe('RESULT_READY');
    expect(d.timeline.find((t: { id: string }) => t.id === handover.id)).toMatchObject({
      status: 'rejected',
    });
  });
});
