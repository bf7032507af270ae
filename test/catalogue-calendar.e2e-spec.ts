import { Harness } from './support/harness';
import { PROCEDURE, newDossierCode, received } from './support/events';

describe('procedure versions and the calendar endpoints', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await Harness.start({ now: '2025-03-20T10:00:00+07:00', worker: false });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('a procedure change applies to dossiers received after it; open dossiers keep their version', async () => {
    const admin = await h.admin();
    const before = await h.post(
      '/api/v1/events',
      received(newDossierCode(), '2025-03-19T09:00:00+07:00'),
      admin,
    );
    expect(before.status).toBe(202);
    // 10 working days, hour-based: Wed 19/03 09:00 → Wed 02/04 09:00.
    expect(before.body.dueAt).toBe('2025-04-02T09:00:00+07:00');

    const current = (await h.get(`/api/v1/procedures/${PROCEDURE}`, admin)).body;
    const { code: _c, version: _v, effectiveFrom: _e, versions: _vs, ...definition } = current;
    const changed = { ...definition, duration: { value: 5, unit: 'working_days' } };
    const put = await h.put(`/api/v1/procedures/${PROCEDURE}`, changed, admin);
    expect(put.status).toBe(200);
    expect(put.body.version).toBe(2);
    expect(put.body.effectiveFrom).toBe('2025-03-20T10:00:00+07:00');

    // The same body again publishes nothing new.
    const again = await h.put(`/api/v1/procedures/${PROCEDURE}`, changed, admin);
    expect(again.body.version).toBe(2);
    expect(again.body.versions).toHaveLength(2);

    h.clock.set(Date.parse('2025-03-21T10:00:00+07:00'));
    const after = await h.post(
      '/api/v1/events',
      received(newDossierCode(), '2025-03-21T09:00:00+07:00'),
      await h.admin(),
    );
    expect(after.status).toBe(202);
    expect(after.body.dueAt).toBe('2025-03-28T09:00:00+07:00');

    const oldDossier = await h.get(`/api/v1/dossiers/${before.body.dossierCode}`, await h.admin());
    expect(oldDossier.body.procedure.version).toBe(1);
    expect(oldDossier.body.dueAt).toBe('2025-04-02T09:00:00+07:00');
  });

  it('refuses an invalid procedure with the field, and changes nothing', async () => {
    const admin = await h.admin();
    const current = (await h.get(`/api/v1/procedures/${PROCEDURE}`, admin)).body;
    const { code: _c, version: _v, effectiveFrom: _e, versions: _vs, ...definition } = current;
    const bad = {
      ...definition,
      steps: [{ ...definition.steps[0], unitCode: 'LDTBXH.NOPE' }],
      duration: { value: 'ten', unit: 'fortnights' },
    };
    const res = await h.put(`/api/v1/procedures/${PROCEDURE}`, bad, admin);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'duration.unit',
      'duration.value',
      'steps[0].unitCode',
    ]);
    const res2 = await h.put(
      `/api/v1/procedures/${PROCEDURE}`,
      { ...definition, steps: [{ ...definition.steps[0], unitCode: 'LDTBXH.NOPE' }] },
      admin,
    );
    expect(res2.status).toBe(400);
    expect(res2.body.error.details).toEqual([
      { field: 'steps[0].unitCode', problem: 'unknown unit LDTBXH.NOPE' },
    ]);
    expect((await h.get(`/api/v1/procedures/${PROCEDURE}`, admin)).body.versions).toHaveLength(2);
  });

  it('previews a due date across Tết 2025 without storing anything', async () => {
    const admin = await h.admin();
    const events = await h.eventCount();
    const res = await h.get(
      `/api/v1/calendar/due?procedureCode=1.014201&receivedAt=${encodeURIComponent('2025-01-24T16:00:00+07:00')}`,
      admin,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ effectiveStartAt: '2025-01-24T16:00:00+07:00', provisional: false });
    expect(res.body.skipped.map((d: { date: string }) => d.date)).toEqual(
      expect.arrayContaining(['2025-01-27', '2025-01-31', '2025-02-01', '2025-02-02']),
    );
    expect(res.body.skipped.find((d: { date: string }) => d.date === '2025-01-29').reason).toContain('Tết');
    expect(await h.eventCount()).toBe(events);

    const bad = await h.get(
      '/api/v1/calendar/due?procedureCode=1.014201&receivedAt=2025-02-30T10:00:00%2B07:00',
      admin,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('receivedAt');
    expect(
      (
        await h.get(
          '/api/v1/calendar/due?procedureCode=9.999999&receivedAt=2025-02-03T10:00:00%2B07:00',
          admin,
        )
      ).status,
    ).toBe(404);
  });

  it('lists days with their kind, and flags years without an official schedule', async () => {
    const admin = await h.admin();
    const res = await h.get('/api/v1/calendar/days?from=2026-02-13&to=2026-02-23', admin);
    expect(res.status).toBe(200);
    const byDate = Object.fromEntries(res.body.map((d: { date: string }) => [d.date, d]));
    expect(byDate['2026-02-13']).toMatchObject({ working: true, kind: 'workday', provisional: false });
    expect(byDate['2026-02-17']).toMatchObject({ working: false, kind: 'holiday' });
    expect(byDate['2026-02-23']).toMatchObject({ working: true });
    const future = await h.get('/api/v1/calendar/days?from=2027-02-05&to=2027-02-06', admin);
    expect(future.body.every((d: { provisional: boolean }) => d.provisional)).toBe(true);
    const tooLong = await h.get('/api/v1/calendar/days?from=2025-01-01&to=2026-06-01', admin);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details[0].field).toBe('to');
  });
});
