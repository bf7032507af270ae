import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { CalendarRepository, CATALOGUE_EPOCH, dataSourceOptions, loadCalendars } from '@motcua/database';
import { Harness } from './support/harness';
import { event, newDossierCode, received } from './support/events';

/** Publishes a new version of 2025 with Wednesday 12/03/2025 as an extra day off, from `effectiveFrom`. */
async function publishExtraDayOff(h: Harness, effectiveFrom: string): Promise<void> {
  // A publication bumps the rules revision in its transaction, as CalendarRepository.publish does.
  await h.query(
    `WITH bumped AS (UPDATE rules_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision)
     INSERT INTO calendar_year_versions (year, version, effective_from, revision, schedule)
     SELECT year, version + 1, $1, (SELECT revision FROM bumped),
            jsonb_set(schedule, '{daysOff}', schedule->'daysOff' ||
              '[{"date": "2025-03-12", "kind": "holiday", "name": "Ngày nghỉ bổ sung"}]'::jsonb)
       FROM calendar_year_versions WHERE year = 2025 ORDER BY version DESC LIMIT 1`,
    [new Date(effectiveFrom)],
  );
  // Nothing to wait for: both apps read the rules revision before each use and reload when it moved.
}

describe('calendar versions: a changed calendar never moves open dossiers silently (§6.9)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ now: '2025-03-10T09:30:00+07:00' });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('keeps the dates of dossiers received before the change until an administrator re-bases them', async () => {
    const admin = await h.admin();
    const before = newDossierCode();
    // 1.014200: 3 working days. Received Mon 10/03 08:00 → due Thu 13/03 08:00.
    const rec = await h.post(
      '/api/v1/events',
      received(before, '2025-03-10T08:00:00+07:00', { procedureCode: '1.014200' }),
      admin,
    );
    expect(rec.body.dueAt).toBe('2025-03-13T08:00:00+07:00');

    await publishExtraDayOff(h, '2025-03-10T08:30:00+07:00');

    const after = newDossierCode();
    const rec2 = await h.post(
      '/api/v1/events',
      received(after, '2025-03-10T09:00:00+07:00', { procedureCode: '1.014200' }),
      admin,
    );
    // Wed 12/03 is now off: Tue, Thu, Fri → Fri 14/03 09:00.
    expect(rec2.body.dueAt).toBe('2025-03-14T09:00:00+07:00');

    const old = await h.get(`/api/v1/dossiers/${before}`, admin);
    expect(old.body.dueAt).toBe('2025-03-13T08:00:00+07:00');
    expect(old.body.calendar).toEqual({
      anchorAt: '2025-03-10T08:00:00+07:00',
      versions: { 2024: 1, 2025: 1, 2026: 1 },
      settingsVersion: 1,
    });

    // Only an administrator may re-base, and it is an event in the log with its reason and actor.
    await h.createUser('head.vlatld', ['unit_head'], ['*']);
    const rebase = event(before, 'rules_rebased', '2025-03-10T09:20:00+07:00', {
      reason: 'Ngày nghỉ bổ sung 12/03 theo thông báo',
    });
    expect((await h.post('/api/v1/events', rebase, await h.login('head.vlatld'))).status).toBe(403);
    expect((await h.post('/api/v1/events', rebase, admin)).status).toBe(202);
    await h.waitForAllApplied();

    const moved = await h.get(`/api/v1/dossiers/${before}`, admin);
    expect(moved.body.dueAt).toBe('2025-03-14T08:00:00+07:00');
    expect(moved.body.calendar.versions[2025]).toBe(2);
    expect(moved.body.timeline.at(-1)).toMatchObject({
      type: 'rules_rebased',
      status: 'applied',
      actor: 'admin',
    });
    const [row] = await h.query<{ due_at: Date }>('SELECT due_at FROM dossiers WHERE code = $1', [before]);
    expect(row.due_at.toISOString()).toBe('2025-03-14T01:00:00.000Z');
  });

  it('previews with the calendar published at the receipt instant', async () => {
    const admin = await h.admin();
    const preview = async (
      at: string,
    ): Promise<{
      dueAt: string;
      calendarVersions: Record<string, number>;
      skipped: Array<{ date: string }>;
    }> =>
      (await h.get(`/api/v1/calendar/due?procedureCode=1.014200&receivedAt=${encodeURIComponent(at)}`, admin))
        .body;
    expect((await preview('2025-03-10T08:00:00+07:00')).dueAt).toBe('2025-03-13T08:00:00+07:00');
    const later = await preview('2025-03-10T09:00:00+07:00');
    expect(later.dueAt).toBe('2025-03-14T09:00:00+07:00');
    expect(later.calendarVersions[2025]).toBe(2);
    expect(later.skipped.map((d: { date: string }) => d.date)).toContain('2025-03-12');
  });

  // Issue 7: an event the fold rejects that arrives as the dossier's newest is refused at the door (422
  // transition_not_allowed, nothing stored) instead of being kept as rejected.
  it('a re-basing of a closed dossier is refused and moves nothing', async () => {
    const admin = await h.admin();
    const code = newDossierCode();
    await h.post(
      '/api/v1/events',
      received(code, '2025-03-10T08:00:00+07:00', { procedureCode: '1.014200' }),
      admin,
    );
    await h.post(
      '/api/v1/events',
      event(code, 'withdrawn', '2025-03-10T08:10:00+07:00', { reason: 'Công dân xin rút' }),
      admin,
    );
    const res = await h.post(
      '/api/v1/events',
      event(code, 'rules_rebased', '2025-03-10T09:00:00+07:00', { reason: 'x' }),
      admin,
    );
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'transition_not_allowed',
      message: expect.stringMatching(/rules_rebased is not allowed in state WITHDRAWN/),
    });
    const d = await h.get(`/api/v1/dossiers/${code}`, admin);
    expect(d.body.timeline.at(-1)).toMatchObject({ type: 'withdrawn', status: 'applied' });
    expect(d.body.calendar.versions[2025]).toBe(1);
  });
});

describe('loading config/calendars', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ now: '2025-03-10T09:30:00+07:00', worker: false });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('publishes a changed file as a new version from now, a new year from the start, and skips unchanged ones', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-calendars-'));
    fs.mkdirSync(path.join(dir, 'calendars'));
    const shipped = path.join(h.config.configDir, 'calendars');
    for (const f of fs.readdirSync(shipped))
      fs.copyFileSync(path.join(shipped, f), path.join(dir, 'calendars', f));
    const y2025 = JSON.parse(fs.readFileSync(path.join(dir, 'calendars', '2025.json'), 'utf8'));
    y2025.daysOff.push({ date: '2025-03-12', kind: 'holiday', name: 'Ngày nghỉ bổ sung' });
    fs.writeFileSync(path.join(dir, 'calendars', '2025.json'), JSON.stringify(y2025));
    const y2027 = { year: 2027, source: 'test', daysOff: [], makeupWorkdays: [] };
    fs.writeFileSync(path.join(dir, 'calendars', '2027.json'), JSON.stringify(y2027));

    const db = new DataSource(dataSourceOptions(h.databaseUrl));
    await db.initialize();
    try {
      const repo = new CalendarRepository(db);
      const now = Date.parse('2025-03-10T09:30:00+07:00');
      await loadCalendars(repo, dir, now);
      await loadCalendars(repo, dir, now + 60_000);
      const versions = (await repo.allVersions()).map((v) => [v.year, v.version, v.effectiveFrom]);
      expect(versions).toEqual([
        [2024, 1, CATALOGUE_EPOCH],
        [2025, 1, CATALOGUE_EPOCH],
        [2025, 2, now],
        [2026, 1, CATALOGUE_EPOCH],
        [2027, 1, CATALOGUE_EPOCH],
      ]);
    } finally {
      await db.destroy();
    }
  });
});

describe('office hours from config/settings.json reach the calendar', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({
      now: '2025-03-10T09:30:00+07:00',
      worker: false,
      config: {
        calendar: {
          profile: {
            name: 'summer',
            sessions: [
              { start: '07:30', end: '11:30' },
              { start: '13:00', end: '17:00' },
            ],
          },
        },
      },
    });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('starts the clock at 07:30 and counts 8 hours over the other sessions', async () => {
    const res = await h.get(
      `/api/v1/calendar/due?procedureCode=1.014200&receivedAt=${encodeURIComponent('2025-03-10T07:00:00+07:00')}`,
      await h.admin(),
    );
    expect(res.body.effectiveStartAt).toBe('2025-03-10T07:30:00+07:00');
    // 3 working days × 8 h from Mon 07:30 → Wed 17:00 (the end of the third full day).
    expect(res.body.dueAt).toBe('2025-03-12T17:00:00+07:00');
  });
});
