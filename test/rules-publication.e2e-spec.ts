/**
 * Issue 7, points 5, 6 and 9: how published rules reach dossiers. Real API, worker, PostgreSQL and Redis.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApplyEvents, RebaseDossiers } from '@motcua/application';
import { DataSource } from 'typeorm';
import { dataSourceOptions, loadSettingsVersion, RulesRepository } from '@motcua/database';
import { setupAndRebase } from '../apps/worker/src/cli/rules-rebase';
import { expectProjectionMatches, projectionRow } from './support/compare';
import { event, newDossierCode, received } from './support/events';
import { Harness } from './support/harness';

const DAY = 24 * 3_600_000;

/** A new procedure code, based on the shipped 1.014200 (3 working days), with `days` working days. */
async function definitionOf(h: Harness, admin: string, days: number) {
  const {
    code: _c,
    version: _v,
    effectiveFrom: _e,
    versions: _vs,
    ...definition
  } = (await h.get('/api/v1/procedures/1.014200', admin)).body;
  return { ...definition, duration: { value: days, unit: 'working_days' } };
}

/** Publishes a new version of 2025 with Wednesday 12/03/2025 off, from now, as db:setup would (revision bumped). */
async function publishExtraDayOff(h: Harness): Promise<void> {
  await h.query(
    `WITH bumped AS (UPDATE rules_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision)
     INSERT INTO calendar_year_versions (year, version, effective_from, revision, schedule)
     SELECT year, version + 1, $1, (SELECT revision FROM bumped),
            jsonb_set(schedule, '{daysOff}', schedule->'daysOff' ||
              '[{"date": "2025-03-12", "kind": "holiday", "name": "Ngày nghỉ bổ sung"}]'::jsonb)
       FROM calendar_year_versions WHERE year = 2025 ORDER BY version DESC LIMIT 1`,
    [new Date(h.clock.now())],
  );
}

const rebasedEntries = async (h: Harness, admin: string, code: string) =>
  ((await h.get(`/api/v1/dossiers/${code}`, admin)).body.timeline as Array<{ type: string }>).filter(
    (t) => t.type === 'rules_rebased',
  );

describe('procedures and history', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ now: '2025-03-11T09:00:00+07:00', worker: false });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('a procedure published today governs a receipt dated yesterday (and the preview)', async () => {
    const admin = await h.admin();
    const put = await h.put('/api/v1/procedures/9.000001', await definitionOf(h, admin, 3), admin);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ version: 1, effectiveFrom: '1970-01-01T07:00:00+07:00' });
    // A receipt of yesterday morning, entered now.
    const rec = await h.post(
      '/api/v1/events',
      received(newDossierCode(), '2025-03-10T08:00:00+07:00', { procedureCode: '9.000001' }),
      admin,
    );
    expect(rec.status).toBe(202);
    expect(rec.body.dueAt).toBe('2025-03-13T08:00:00+07:00');
    const preview = await h.get(
      `/api/v1/calendar/due?procedureCode=9.000001&receivedAt=${encodeURIComponent('2025-03-10T08:00:00+07:00')}`,
      admin,
    );
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dueAt: '2025-03-13T08:00:00+07:00', procedureVersion: 1 });
  });

  it('effectiveFrom rules: not for a first version, today or later, never before the newest version', async () => {
    const admin = await h.admin();
    const fieldsOf = (res: { body: { error: { details: Array<{ field: string }> } } }) =>
      res.body.error.details.map((d) => d.field);
    const first = await h.put(
      '/api/v1/procedures/9.000002',
      { ...(await definitionOf(h, admin, 3)), effectiveFrom: '2025-03-12' },
      admin,
    );
    expect(first.status).toBe(400);
    expect(fieldsOf(first)).toEqual(['effectiveFrom']);
    expect((await h.put('/api/v1/procedures/9.000002', await definitionOf(h, admin, 3), admin)).status).toBe(
      200,
    );

    const past = await h.put(
      '/api/v1/procedures/9.000002',
      { ...(await definitionOf(h, admin, 5)), effectiveFrom: '2025-03-10' },
      admin,
    );
    expect(past.status).toBe(400);
    expect(past.body.error.details).toEqual([
      { field: 'effectiveFrom', problem: 'must be today (2025-03-11) or later' },
    ]);
    const bad = await h.put(
      '/api/v1/procedures/9.000002',
      { ...(await definitionOf(h, admin, 5)), effectiveFrom: '2025-02-30' },
      admin,
    );
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['effectiveFrom']);

    // Version 2 from Monday 17/03; version 1 still governs receipts until then.
    const later = await h.put(
      '/api/v1/procedures/9.000002',
      { ...(await definitionOf(h, admin, 5)), effectiveFrom: '2025-03-17' },
      admin,
    );
    expect(later.status).toBe(200);
    expect(later.body).toMatchObject({ version: 2, effectiveFrom: '2025-03-17T00:00:00+07:00' });
    const current = await h.get('/api/v1/procedures/9.000002', admin);
    expect(current.body.version).toBe(1);
    expect(current.body.versions).toHaveLength(2);
    const dueFor = async (at: string) =>
      (await h.get(`/api/v1/calendar/due?procedureCode=9.000002&receivedAt=${encodeURIComponent(at)}`, admin))
        .body;
    expect(await dueFor('2025-03-14T08:00:00+07:00')).toMatchObject({ procedureVersion: 1 });
    expect(await dueFor('2025-03-17T08:00:00+07:00')).toMatchObject({
      procedureVersion: 2,
      dueAt: '2025-03-24T08:00:00+07:00',
    });

    const early = await h.put(
      '/api/v1/procedures/9.000002',
      { ...(await definitionOf(h, admin, 6)), effectiveFrom: '2025-03-14' },
      admin,
    );
    expect(early.status).toBe(400);
    expect(early.body.error.details[0]).toMatchObject({
      field: 'effectiveFrom',
      problem: expect.stringContaining('must not be before 2025-03-17'),
    });
    const absent = await h.put('/api/v1/procedures/9.000002', await definitionOf(h, admin, 6), admin);
    expect(absent.status).toBe(400);
    expect(fieldsOf(absent)).toEqual(['effectiveFrom']);
    expect((await h.get('/api/v1/procedures/9.000002', admin)).body.versions).toHaveLength(2);
  });
});

describe('the API and the worker fold with the same published rules', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ now: '2025-03-10T09:30:00+07:00' });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('the 202 dueAt equals the stored due date right after a publication (no waiting for caches)', async () => {
    const admin = await h.admin();
    const first = newDossierCode();
    const rec1 = await h.post(
      '/api/v1/events',
      received(first, '2025-03-10T09:00:00+07:00', { procedureCode: '1.014200' }),
      admin,
    );
    expect(rec1.body.dueAt).toBe('2025-03-13T09:00:00+07:00');

    // A procedure change, and at once a receipt under it.
    const put = await h.put('/api/v1/procedures/1.014200', await definitionOf(h, admin, 2), admin);
    expect(put.body.version).toBe(2);
    const second = newDossierCode();
    const rec2 = await h.post(
      '/api/v1/events',
      received(second, '2025-03-10T09:30:00+07:00', { procedureCode: '1.014200' }),
      admin,
    );
    expect(rec2.body.dueAt).toBe('2025-03-12T09:30:00+07:00');

    // A calendar publication (12/03 off), and at once a receipt that counts with it.
    await publishExtraDayOff(h);
    const third = newDossierCode();
    const rec3 = await h.post(
      '/api/v1/events',
      received(third, '2025-03-10T09:30:00+07:00', { procedureCode: '1.014200' }),
      admin,
    );
    expect(rec3.body.dueAt).toBe('2025-03-13T09:30:00+07:00');

    await h.waitForAllApplied();
    for (const [code, dueAt] of [
      [first, rec1.body.dueAt],
      [second, rec2.body.dueAt],
      [third, rec3.body.dueAt],
    ] as const) {
      const row = await projectionRow(h, code);
      expect(row!.due_at!.getTime()).toBe(Date.parse(dueAt));
      const view = await h.get(`/api/v1/dossiers/${code}`, admin);
      expect(view.body.dueAt).toBe(dueAt);
      expectProjectionMatches(row!, view.body);
    }
  });
});

describe('publishing a rule change is an event (§6.9)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ now: '2025-03-10T09:30:00+07:00' });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('a new calendar version and a changed setting give one rules_rebased entry per affected open dossier, none for unaffected or closed ones; the worklist equals the dossier view', async () => {
    const admin = await h.admin();
    const affected = newDossierCode(); // due Thu 13/03 08:00: moves with 12/03 off
    const closed = newDossierCode(); // withdrawn: never changes
    const unaffected = newDossierCode(); // received 03/03, due 06/03: nothing after it moves
    const online = newDossierCode(); // online, submitted Fri 07/03 16:00: its reception deadline moves with the setting
    for (const e of [
      received(affected, '2025-03-10T08:00:00+07:00', { procedureCode: '1.014200' }),
      received(closed, '2025-03-10T08:05:00+07:00', { procedureCode: '1.014200' }),
      event(closed, 'withdrawn', '2025-03-10T08:10:00+07:00', { reason: 'Công dân xin rút' }),
      received(unaffected, '2025-03-03T08:00:00+07:00', { procedureCode: '1.014200' }),
      received(online, '2025-03-10T09:00:00+07:00', {
        procedureCode: '1.014200',
        channel: 'online',
        submittedAt: '2025-03-07T16:00:00+07:00',
      }),
    ])
      expect((await h.post('/api/v1/events', e, admin)).status).toBe(202);
    await h.waitForAllApplied();

    await publishExtraDayOff(h);
    // Published, but no date moved yet, in the view or in the projection.
    expect((await h.get(`/api/v1/dossiers/${affected}`, admin)).body.dueAt).toBe('2025-03-13T08:00:00+07:00');
    expect((await projectionRow(h, affected))!.due_at!.toISOString()).toBe('2025-03-13T01:00:00.000Z');
    // Only an administrator re-bases.
    expect(
      (await h.post('/api/v1/rules/rebase', {}, await h.createUser('desk.mc', ['officer'], ['*']))).status,
    ).toBe(403);

    const run = await h.post('/api/v1/rules/rebase', {}, admin);
    expect(run.status).toBe(200);
    expect(run.body.examined).toBe(3);
    expect(run.body.rebased.map((r: { dossierCode: string }) => r.dossierCode).sort()).toEqual(
      [affected, online].sort(),
    );
    const reasonOf = (code: string) =>
      run.body.rebased.find((r: { dossierCode: string }) => r.dossierCode === code).reason as string;
    expect(reasonOf(affected)).toContain('Lịch 2025 v2 (thay v1)');
    expect(reasonOf(affected)).toContain('dueAt 13/03/2025 08:00 → 14/03/2025 08:00');
    // Repeating the run logs nothing more.
    expect((await h.post('/api/v1/rules/rebase', {}, admin)).body.rebased).toEqual([]);
    await h.waitForAllApplied();

    const view = (await h.get(`/api/v1/dossiers/${affected}`, admin)).body;
    expect(view.dueAt).toBe('2025-03-14T08:00:00+07:00');
    expect(view.calendar).toMatchObject({ anchorAt: '2025-03-10T09:30:00+07:00', versions: { 2025: 2 } });
    expect(view.timeline.at(-1)).toMatchObject({ type: 'rules_rebased', status: 'applied', actor: 'admin' });
    const [logged] = await h.query<{ data: { reason: string }; actor: string }>(
      `SELECT data, actor FROM dossier_events WHERE dossier_code = $1 AND type = 'rules_rebased'`,
      [affected],
    );
    expect(logged).toEqual({ data: { reason: reasonOf(affected) }, actor: 'admin' });
    // The timeline entry itself says what moved and why.
    expect(view.timeline.at(-1).reason).toBe(reasonOf(affected));
    expect(await rebasedEntries(h, admin, closed)).toEqual([]);
    expect(await rebasedEntries(h, admin, unaffected)).toEqual([]);

    // A changed setting (the reception deadline of online dossiers: 8 → 16 working hours), published by
    // db:setup from now (its settings step alone here), re-bases as `system`: only the online dossier's reception
    // deadline moves.
    h.clock.advance(60_000);
    const changed = { ...h.config, sla: { ...h.config.sla, receptionSlaWorkingHours: 16 } };
    const db = new DataSource(dataSourceOptions(h.databaseUrl));
    await db.initialize();
    try {
      expect(await loadSettingsVersion(new RulesRepository(db), changed, h.clock.now())).toEqual({
        version: 2,
        created: true,
      });
    } finally {
      await db.destroy();
    }
    const second = await h.api.get(RebaseDossiers).run();
    expect(second.rebased.map((r) => r.dossierCode)).toEqual([online]);
    expect(second.rebased[0].reason).toContain('Cài đặt v2 (thay v1)');
    expect(second.rebased[0].reason).toContain('receptionDueAt 10/03/2025 16:00 → 11/03/2025 16:00');
    await h.waitForAllApplied();
    const onlineView = (await h.get(`/api/v1/dossiers/${online}`, admin)).body;
    expect(onlineView.timeline.at(-1)).toMatchObject({ type: 'rules_rebased', actor: 'system' });
    expect(onlineView.calendar.settingsVersion).toBe(2);
    expect(onlineView.receivedLate).toBe(false);
    expect(await rebasedEntries(h, admin, affected)).toHaveLength(1);

    // The worklist and the projection agree with the dossier view, dossier by dossier.
    const list = (await h.get('/api/v1/dossiers?limit=200', admin)).body.items as Array<
      Record<string, unknown>
    >;
    for (const code of [affected, closed, unaffected, online]) {
      const body = (await h.get(`/api/v1/dossiers/${code}`, admin)).body;
      const item = list.find((i) => i.code === code)!;
      expect(item).toMatchObject({
        status: body.status,
        dueAt: body.dueAt,
        receivedAt: body.receivedAt,
        sla: { state: body.sla.state, outcome: body.sla.outcome },
      });
      expectProjectionMatches((await projectionRow(h, code))!, body);
    }
    // Re-based dossiers moved their indicators with their dates (issue 10).
    expect(await h.indicatorDrift()).toEqual({ rollups: [], facts: [] });
  });

  it('db:setup with rebaseOnPublish automatic re-bases the open dossiers a changed calendar file affects', async () => {
    const admin = await h.admin();
    const code = newDossierCode();
    // Received now (after the 12/03 change): due Fri 14/03 09:31 with 12/03 off; Mon 17/03 with 13/03 too.
    await h.post(
      '/api/v1/events',
      received(code, '2025-03-10T09:31:00+07:00', { procedureCode: '1.014200' }),
      admin,
    );
    await h.waitForAllApplied();
    h.clock.advance(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-config-'));
    fs.cpSync(h.config.configDir, dir, { recursive: true });
    const file = path.join(dir, 'calendars', '2025.json');
    const y2025 = JSON.parse(fs.readFileSync(file, 'utf8'));
    // The file now has 12/03 off too (as published above), and 13/03 as well.
    y2025.daysOff.push(
      { date: '2025-03-12', kind: 'holiday', name: 'Ngày nghỉ bổ sung' },
      { date: '2025-03-13', kind: 'holiday', name: 'Ngày nghỉ bổ sung 2' },
    );
    fs.writeFileSync(file, JSON.stringify(y2025));
    const config = {
      ...h.config,
      configDir: dir,
      sla: { ...h.config.sla, receptionSlaWorkingHours: 16 },
      rules: { rebaseOnPublish: 'automatic' as const },
    };
    const { setup, rebase } = await setupAndRebase(config, h.clock);
    expect(setup.calendarsPublished.map((c) => c.year)).toEqual([2025]);
    expect(rebase!.rebased.find((r) => r.dossierCode === code)).toMatchObject({
      status: 'accepted',
      reason: expect.stringContaining('→ 17/03/2025 09:31'),
    });
    expect(rebase!.rebased.find((r) => r.dossierCode === code)!.reason).toMatch(
      /dueAt 1[34]\/03\/2025 09:31/,
    );
    await h.waitForAllApplied();
    expect((await h.get(`/api/v1/dossiers/${code}`, await h.admin())).body.dueAt).toBe(
      '2025-03-17T09:31:00+07:00',
    );
    expect((await projectionRow(h, code))!.due_at!.toISOString()).toBe('2025-03-17T02:31:00.000Z');
  });
});

describe('the projection stores no time-dependent fields; sla=late_reception', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ now: '2025-03-10T09:30:00+07:00' });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('the projection row folded a week later is identical, while GET shows the new state', async () => {
    const admin = await h.admin();
    const code = newDossierCode();
    await h.post(
      '/api/v1/events',
      received(code, '2025-03-10T08:00:00+07:00', { procedureCode: '1.014200' }),
      admin,
    );
    await h.post(
      '/api/v1/events',
      event(code, 'forwarded', '2025-03-10T09:00:00+07:00', {
        fromUnit: 'LDTBXH.MC',
        toUnit: 'LDTBXH.VLATLD',
        method: 'electronic',
      }),
      admin,
    );
    await h.post(
      '/api/v1/events',
      event(code, 'supplement_requested', '2025-03-10T09:20:00+07:00', { reason: 'Thiếu giấy tờ' }),
      admin,
    );
    await h.waitForAllApplied();
    const before = (await projectionRow(h, code))!;
    const stateBefore = JSON.stringify(before.state);
    expect(stateBefore).not.toMatch(/remainingWorkingMinutes|"state":"(on_track|paused|overdue)"/);
    const viewBefore = (await h.get(`/api/v1/dossiers/${code}`, admin)).body;
    expect(viewBefore.sla.state).toBe('paused');

    // A week later the worker folds the same events again (as after a redelivery): nothing stored changes.
    h.clock.advance(7 * DAY);
    const ids = (
      await h.query<{ id: string }>('SELECT id FROM dossier_events WHERE dossier_code = $1', [code])
    ).map((r) => r.id);
    await h.query('UPDATE dossier_events SET applied_at = NULL WHERE dossier_code = $1', [code]);
    await h.worker!.get(ApplyEvents).apply(ids.map((eventId) => ({ eventId, dossierCode: code })));
    const after = (await projectionRow(h, code))!;
    const { updated_at: _a, ...restAfter } = after as unknown as Record<string, unknown>;
    const { updated_at: _b, ...restBefore } = before as unknown as Record<string, unknown>;
    expect(restAfter).toEqual(restBefore);
    const viewAfter = (await h.get(`/api/v1/dossiers/${code}`, await h.admin())).body;
    expect(viewAfter.sla.state).toBe('paused');
    expect(viewAfter.pauses[0].workingMinutes).toBeGreaterThan(viewBefore.pauses[0].workingMinutes);
    expect(viewAfter.sla.pausedWorkingMinutes).toBeGreaterThan(viewBefore.sla.pausedWorkingMinutes);
    expectProjectionMatches(after, viewAfter);
  });

  it('sla=late_reception lists online dossiers received later than the reception deadline after submission', async () => {
    const admin = await h.admin();
    const late = newDossierCode();
    const onTime = newDossierCode();
    const direct = newDossierCode();
    // Submitted Mon 10/03 08:00; 8 working hours → Tue 11/03 08:00.
    await h.post(
      '/api/v1/events',
      received(late, '2025-03-12T08:00:00+07:00', {
        channel: 'online',
        submittedAt: '2025-03-10T08:00:00+07:00',
      }),
      admin,
    );
    await h.post(
      '/api/v1/events',
      received(onTime, '2025-03-10T14:00:00+07:00', {
        channel: 'online',
        submittedAt: '2025-03-10T08:00:00+07:00',
      }),
      admin,
    );
    await h.post('/api/v1/events', received(direct, '2025-03-12T08:00:00+07:00'), admin);
    await h.waitForAllApplied();
    const list = await h.get('/api/v1/dossiers?sla=late_reception', admin);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { code: string }) => i.code)).toEqual([late]);
    expect((await h.get(`/api/v1/dossiers/${late}`, admin)).body.receivedLate).toBe(true);
    const [row] = await h.query<{ received_late: boolean }>(
      'SELECT received_late FROM dossiers WHERE code = $1',
      [late],
    );
    expect(row.received_late).toBe(true);
    const bad = await h.get('/api/v1/dossiers?sla=late', admin);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('sla');
  });
});
