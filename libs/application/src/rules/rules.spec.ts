import { validateEvent, type Principal } from '@motcua/contracts';
import type { AppConfig } from '@motcua/config';
import type {
  CalendarYearRecord,
  CatalogueRepository,
  DossierCodeSequences,
  EventStore,
  ProjectionRepository,
} from '@motcua/database';
import type { DossierEventQueue } from '@motcua/queue';
import { AppError } from '../app-error';
import { CatalogueService } from '../catalogue/catalogue.service';
import { ApplyEvents } from '../dossiers/apply-events.use-case';
import { foldStored } from '../dossiers/dossier-fold';
import { RecordEvents } from '../dossiers/record-events.use-case';
import {
  DEFAULT_PUBLISHED_SETTINGS,
  fixedRulesProvider,
  FixedCatalogue,
  FixedClock,
  inMemoryArming,
  INDICATORS_CONFIG,
  InMemoryCatalogue,
  InMemoryCodeSequences,
  InMemoryEventStore,
  InMemoryProjections,
  MC,
  PROCEDURE,
  publishedRules,
  RecordingQueue,
  VLATLD,
} from '../testing/in-memory.fakes';
import { rebaseEventId, RebaseDossiers } from './rebase-dossiers.use-case';
import type { Rules, RulesProvider } from './rules.provider';

const admin: Principal = { username: 'admin', roles: ['admin'], units: ['*'] };
const NOW = Date.parse('2025-03-10T09:30:00+07:00');
const procedures = () =>
  new Map([['P.1', [{ code: 'P.1', version: 1, effectiveFrom: 0, revision: 1, definition: PROCEDURE }]]]);

/** 2025's first official calendar, published at `revision`, with Wednesday 12/03 off: it governs all history. */
function year2025(revision: number): CalendarYearRecord {
  return {
    year: 2025,
    version: 1,
    effectiveFrom: 0,
    revision,
    schedule: {
      year: 2025,
      source: 'test',
      daysOff: [{ date: '2025-03-12', kind: 'holiday', name: 'Ngày nghỉ bổ sung' }],
      makeupWorkdays: [],
    } as unknown as CalendarYearRecord['schedule'],
  };
}

const rev1 = () => publishedRules({ revision: 1, procedures: procedures() });
const rev2 = () => publishedRules({ revision: 2, procedures: procedures(), calendarYears: [year2025(2)] });

let n = 0;
const id = () => `3f1c2a9e-2222-4c8e-9a3a-${String(++n).padStart(12, '0')}`;
const received = (code: string, at: string, channel = 'direct', submittedAt?: string) => ({
  id: id(),
  dossierCode: code,
  type: 'received',
  occurredAt: at,
  data: {
    procedureCode: 'P.1',
    channel,
    applicant: { name: 'Nguyễn Văn An' },
    ...(submittedAt ? { submittedAt } : {}),
  },
});

/** Events as the intake receives them after validation (instants as epoch ms). */
function valid(...events: unknown[]) {
  return events.map((e) => {
    const v = validateEvent(e);
    if (!v.ok) throw new Error(JSON.stringify(v.problems));
    return v.event;
  });
}

function world(rules: Rules = rev1()) {
  const store = new InMemoryEventStore();
  const queue = new RecordingQueue();
  const provider = fixedRulesProvider(rules);
  const clock = new FixedClock(NOW);
  const intake = new RecordEvents(
    store as unknown as EventStore,
    queue as unknown as DossierEventQueue,
    provider as unknown as RulesProvider,
    clock,
    new FixedCatalogue() as unknown as CatalogueService,
    new InMemoryCodeSequences() as unknown as DossierCodeSequences,
    // These dossiers' histories lie weeks before the clock: the widest back-dating allowance the settings take.
    { intake: { backdateAllowanceWorkingMinutes: 525_600, agencyCode: 'H57.12' } } as AppConfig,
  );
  const projections = new InMemoryProjections(store.rows);
  const fakeProjections = Object.assign(projections, {
    maybeOpen: async (after: string | null) =>
      [...new Set(store.rows.map((r) => r.dossierCode))].filter((c) => c > (after ?? '')).sort(),
  });
  const apply = new ApplyEvents(
    fakeProjections as unknown as ProjectionRepository,
    provider as unknown as RulesProvider,
    clock,
    inMemoryArming(clock),
    INDICATORS_CONFIG,
  );
  const rebase = new RebaseDossiers(
    fakeProjections as unknown as ProjectionRepository,
    store as unknown as EventStore,
    provider as unknown as RulesProvider,
    intake,
    clock,
  );
  const applyAll = () =>
    apply.apply(
      store.rows
        .filter((r) => !projections.applied.has(r.id))
        .map((r) => ({ eventId: r.id, dossierCode: r.dossierCode })),
    );
  return { store, provider, intake, projections, applyAll, rebase, clock };
}

describe('a dossier folds with the rules published at its anchor, as its intake knew them', () => {
  it('stores the due date the 202 answer gave, even when a publication comes between intake and worker', async () => {
    const w = world();
    const [answer] = await w.intake.process(valid(received('A', '2025-03-10T08:00:00+07:00')), admin);
    if (answer.kind === 'rejected') throw answer.error;
    expect(answer.kind).toBe('accepted');
    const dueAt = (answer as unknown as { body: { dueAt: string } }).body.dueAt;
    expect(dueAt).toBe('2025-03-13T08:00:00+07:00');
    expect(w.store.rows[0].rulesRevision).toBe(1);
    // 2025's first official calendar (12/03 off) is published before the worker applies the event.
    w.provider.rules = rev2();
    await w.applyAll();
    expect(w.projections.written.get('A')!.dueAt).toBe(Date.parse(dueAt));
  });

  it('a receipt decided after the publication counts with it', async () => {
    const w = world(rev2());
    const [answer] = await w.intake.process(valid(received('B', '2025-03-10T08:00:00+07:00')), admin);
    expect((answer as unknown as { body: { dueAt: string } }).body.dueAt).toBe('2025-03-14T08:00:00+07:00');
    const fold = foldStored(w.store.rows, rev2(), NOW);
    expect(fold.published.calendarVersions).toEqual({ 2025: 1 });
    expect(fold.published.settingsVersion).toBe(1);
  });
});

describe('RebaseDossiers: a publication reaches open dossiers only by a rules_rebased event each', () => {
  async function scenario() {
    const w = world();
    await w.intake.process(
      valid(
        received('A', '2025-03-10T08:00:00+07:00'), // due 13/03: moves to 14/03 with 12/03 off
        received('B', '2025-03-10T08:10:00+07:00'),
        {
          id: id(),
          dossierCode: 'B',
          type: 'withdrawn',
          occurredAt: '2025-03-10T08:20:00+07:00',
          data: { reason: 'x' },
        },
        received('C', '2025-03-03T08:00:00+07:00'), // due 06/03: nothing after it moves
      ),
      admin,
    );
    await w.applyAll();
    w.provider.rules = rev2();
    return w;
  }

  it('logs one event for the open dossier whose dates move, none for the unaffected or the closed one', async () => {
    const w = await scenario();
    // Published, but nothing moved yet: the fold still counts A with what its intake knew.
    expect(
      foldStored(
        w.store.rows.filter((r) => r.dossierCode === 'A'),
        rev2(),
        NOW,
      ).state.dueAt,
    ).toBe(Date.parse('2025-03-13T08:00:00+07:00'));
    const r = await w.rebase.run();
    expect(r).toMatchObject({ revision: 2, examined: 2 });
    expect(r.rebased).toHaveLength(1);
    expect(r.rebased[0]).toMatchObject({
      dossierCode: 'A',
      status: 'accepted',
      eventId: rebaseEventId('A', 2),
    });
    expect(r.rebased[0].reason).toContain('Lịch 2025 v1 (thay quy tắc luật định)');
    expect(r.rebased[0].reason).toContain('dueAt 13/03/2025 08:00 → 14/03/2025 08:00');
    const logged = w.store.rows.find((e) => e.type === 'rules_rebased')!;
    expect(logged).toMatchObject({ dossierCode: 'A', actor: 'system', rulesRevision: 2, occurredAt: NOW });
    await w.applyAll();
    expect(w.projections.written.get('A')!.dueAt).toBe(Date.parse('2025-03-14T08:00:00+07:00'));
    expect(w.projections.written.get('B')!.dueAt).toBe(Date.parse('2025-03-13T08:10:00+07:00'));
  });

  it('logs nothing twice: a second run finds nothing to move', async () => {
    const w = await scenario();
    await w.rebase.run(admin);
    const again = await w.rebase.run(admin);
    expect(again.rebased).toEqual([]);
    expect(w.store.rows.filter((e) => e.type === 'rules_rebased')).toHaveLength(1);
  });

  it('a run at an unchanged revision logs nothing', async () => {
    const w = world();
    await w.intake.process(valid(received('A', '2025-03-10T08:00:00+07:00')), admin);
    expect((await w.rebase.run()).rebased).toEqual([]);
  });

  it('changed settings move open dossiers too, and the reason names the settings version', async () => {
    const w = world();
    await w.intake.process(valid(received('A', '2025-03-10T08:00:00+07:00')), admin);
    w.provider.rules = publishedRules({
      revision: 2,
      procedures: procedures(),
      settings: [
        { version: 1, effectiveFrom: 0, revision: 1, settings: DEFAULT_PUBLISHED_SETTINGS },
        {
          version: 2,
          effectiveFrom: NOW - 60_000,
          revision: 2,
          settings: {
            ...DEFAULT_PUBLISHED_SETTINGS,
            sla: { ...DEFAULT_PUBLISHED_SETTINGS.sla, warningLeadWorkingMinutes: 960 },
          },
        },
      ],
    });
    const r = await w.rebase.run();
    expect(r.rebased).toHaveLength(1);
    expect(r.rebased[0].reason).toContain('Cài đặt v2 (thay v1)');
    expect(r.rebased[0].reason).toContain('warningAt 12/03/2025 08:00 → 11/03/2025 08:00');
    expect(r.rebased[0].reason).not.toContain('dueAt 13');
  });
});

describe('CatalogueService.putProcedure: the first version governs all history, later ones take effectiveFrom', () => {
  const { effectiveFrom: _e, ...body } = { ...PROCEDURE, effectiveFrom: undefined };
  function setup() {
    const repo = new InMemoryCatalogue();
    const units = [MC, VLATLD].map((code) => ({
      code,
      name: code,
      parentCode: null,
      email: null,
      kind: 'department' as const,
      headName: null,
      headEmail: null,
    }));
    const sut = new CatalogueService(
      repo as unknown as CatalogueRepository,
      fixedRulesProvider(rev1(), units) as unknown as RulesProvider,
      new FixedClock(NOW),
    );
    return { repo, sut };
  }
  const problemOf = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).details;
  };

  it('publishes a new code from the start of time; effectiveFrom is refused for it', async () => {
    const { sut, repo } = setup();
    expect(await problemOf(sut.putProcedure('1.000001', { ...body, effectiveFrom: '2025-03-10' }))).toEqual([
      { field: 'effectiveFrom', problem: expect.stringContaining('first version') },
    ]);
    const v1 = await sut.putProcedure('1.000001', body);
    expect(v1).toMatchObject({ version: 1, effectiveFrom: '1970-01-01T07:00:00+07:00' });
    expect(repo.versions[0].effectiveFrom).toBe(0);
  });

  it('a later version: today means now, a later date its local midnight, never earlier than the newest', async () => {
    const { sut } = setup();
    await sut.putProcedure('1.000001', body);
    const five = { ...body, duration: { value: 5, unit: 'working_days' } };
    expect(await problemOf(sut.putProcedure('1.000001', { ...five, effectiveFrom: '2025-03-09' }))).toEqual([
      { field: 'effectiveFrom', problem: 'must be today (2025-03-10) or later' },
    ]);
    expect(await sut.putProcedure('1.000001', { ...five, effectiveFrom: '2025-03-10' })).toMatchObject({
      version: 2,
      effectiveFrom: '2025-03-10T09:30:00+07:00',
    });
    const six = { ...body, duration: { value: 6, unit: 'working_days' } };
    expect(await sut.putProcedure('1.000001', { ...six, effectiveFrom: '2025-04-01' })).toMatchObject({
      version: 3,
      effectiveFrom: '2025-04-01T00:00:00+07:00',
    });
    const seven = { ...body, duration: { value: 7, unit: 'working_days' } };
    expect(await problemOf(sut.putProcedure('1.000001', { ...seven, effectiveFrom: '2025-03-31' }))).toEqual([
      { field: 'effectiveFrom', problem: expect.stringContaining('must not be before 2025-04-01') },
    ]);
    expect(await problemOf(sut.putProcedure('1.000001', seven))).toEqual([
      { field: 'effectiveFrom', problem: expect.stringContaining('is required') },
    ]);
    expect(await sut.putProcedure('1.000001', { ...seven, effectiveFrom: '2025-04-01' })).toMatchObject({
      version: 4,
      effectiveFrom: '2025-04-01T00:00:00+07:00',
    });
  });
});
