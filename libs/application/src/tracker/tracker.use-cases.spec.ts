import type { AppConfig } from '@motcua/config';
import type {
  DossierCodeSequences,
  EventStore,
  ProjectionRepository,
  TrackedDossier,
  TrackerCursor,
  TrackerRepository,
} from '@motcua/database';
import type { DossierEventQueue } from '@motcua/queue';
import { deadlineTimerJobId } from '@motcua/queue';
import type { Milestone } from '@motcua/sla';
import type { CatalogueService } from '../catalogue/catalogue.service';
import { ApplyEvents } from '../dossiers/apply-events.use-case';
import { RecordEvents } from '../dossiers/record-events.use-case';
import type { RulesProvider } from '../rules/rules.provider';
import {
  fixedRulesProvider,
  FixedCatalogue,
  FixedClock,
  inMemoryArming,
  INDICATORS_CONFIG,
  InMemoryCodeSequences,
  InMemoryEventStore,
  InMemoryProjections,
  InMemoryTimers,
  MC,
  RecordingQueue,
  TRACKER_CONFIG,
  VLATLD,
} from '../testing/in-memory.fakes';
import { timerPlan } from './deadline-arming';
import { DEADLINE_EVENT_NAMESPACE, deadlineEventId, uuidV5 } from './deadline-ids';
import { FireDueDeadlines } from './fire-due-deadlines.use-case';
import { SweepDeadlines } from './sweep-deadlines.use-case';

const t = (iso: string) => Date.parse(iso);
const RECEIVED = { procedureCode: 'P.1', channel: 'direct', applicant: { name: 'Nguyễn Văn An' } };

/**
 * The tracker over in-memory PostgreSQL and Redis: the event log behind the real intake, the projection written by
 * the real ApplyEvents (which arms the timers), the tracker's index read from the written rows.
 * P.1 is three working days: TN at the desk (4 h) → TD at the division (16 h) → TKQ at the desk (4 h).
 */
function setup(now: string, store = new InMemoryEventStore()) {
  const clock = new FixedClock(t(now));
  const queue = new RecordingQueue();
  const rules = fixedRulesProvider() as unknown as RulesProvider;
  const intake = new RecordEvents(
    store as unknown as EventStore,
    queue as unknown as DossierEventQueue,
    rules,
    clock,
    new FixedCatalogue() as unknown as CatalogueService,
    new InMemoryCodeSequences() as unknown as DossierCodeSequences,
    { intake: { backdateAllowanceWorkingMinutes: 525_600, agencyCode: 'H57.12' } } as AppConfig,
  );
  const timers = new InMemoryTimers();
  const arming = inMemoryArming(clock, timers);
  const projections = new InMemoryProjections(store.rows);
  const apply = new ApplyEvents(
    projections as unknown as ProjectionRepository,
    rules,
    clock,
    arming,
    INDICATORS_CONFIG,
  );
  const fire = new FireDueDeadlines(store as unknown as EventStore, rules, intake, clock);
  const index = {
    rows: () =>
      [...projections.written.values()]
        .filter((r) => r.nextDeadlineAt !== null)
        .map((r): TrackedDossier => ({
          code: r.code,
          nextDeadlineAt: r.nextDeadlineAt!,
          milestones: r.milestones,
        }))
        .sort((a, b) => a.nextDeadlineAt - b.nextDeadlineAt || (a.code < b.code ? -1 : 1)),
    page: (rows: TrackedDossier[], after: TrackerCursor | null, limit: number) =>
      rows
        .filter(
          (r) =>
            !after || r.nextDeadlineAt > after.at || (r.nextDeadlineAt === after.at && r.code > after.code),
        )
        .slice(0, limit),
  };
  const tracker = {
    due: async (at: number, after: TrackerCursor | null, limit: number) =>
      index.page(
        index.rows().filter((r) => r.nextDeadlineAt <= at),
        after,
        limit,
      ),
    upcoming: async (from: number, to: number, after: TrackerCursor | null, limit: number) =>
      index.page(
        index.rows().filter((r) => r.nextDeadlineAt > from && r.nextDeadlineAt <= to),
        after,
        limit,
      ),
  };
  const sweep = new SweepDeadlines(
    tracker as unknown as TrackerRepository,
    fire,
    arming,
    clock,
    TRACKER_CONFIG,
  );
  /** Logs events as an administrator, then lets the worker apply every event not applied yet. */
  const log = async (...events: Array<Record<string, unknown>>) => {
    const out = await intake.process(
      events.map((e) => ({ ...e, occurredAt: t(e.occurredAt as string) }) as never),
      { username: 'admin', roles: ['admin'], units: ['*'] },
    );
    expect(out.map((o) => (o.kind === 'rejected' ? o.error.message : o.kind))).toEqual(
      events.map(() => 'accepted'),
    );
    await applyAll();
  };
  const applyAll = async () => {
    const pending = store.rows.filter((r) => !projections.applied.has(r.id));
    if (pending.length > 0)
      await apply.apply(pending.map((r) => ({ eventId: r.id, dossierCode: r.dossierCode })));
  };
  const reached = () =>
    store.rows
      .filter((r) => r.type === 'deadline_reached')
      .map((r) => {
        const d = r.data as { kind: string; at: number; stepCode?: string };
        return `${r.dossierCode} ${d.kind}${d.stepCode ? `.${d.stepCode}` : ''} @${new Date(d.at).toISOString()}`;
      });
  return { store, clock, timers, fire, sweep, log, applyAll, reached, projections };
}

let n = 0;
const ev = (dossierCode: string, type: string, occurredAt: string, data: Record<string, unknown> = {}) => ({
  id: `5d0c7f4a-2222-4b1e-8c3d-${String(++n).padStart(12, '0')}`,
  dossierCode,
  type,
  occurredAt,
  data,
});

describe('the deadline ids', () => {
  it('are RFC 9562 version-5 UUIDs (the standard vector), one per dossier, kind, step and instant', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
    const due = { kind: 'due' as const, at: t('2025-03-06T08:30:00+07:00') };
    expect(deadlineEventId('D1', due)).toBe(deadlineEventId('D1', { ...due }));
    expect(
      new Set([
        deadlineEventId('D1', due),
        deadlineEventId('D2', due),
        deadlineEventId('D1', { ...due, at: due.at + 1 }),
        deadlineEventId('D1', { ...due, kind: 'warning' }),
        deadlineEventId('D1', { ...due, kind: 'step_due', stepCode: 'TD' }),
        deadlineEventId('D1', { ...due, kind: 'step_due', stepCode: 'TN' }),
      ]).size,
    ).toBe(6);
    expect(DEADLINE_EVENT_NAMESPACE).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('timerPlan', () => {
  const m = (kind: Milestone['kind'], iso: string, stepCode: string | null = null): Milestone => ({
    kind,
    at: t(iso),
    stepCode,
    unitCode: stepCode ? VLATLD : null,
  });
  const NOW = t('2025-03-05T08:00:00+07:00');

  it('arms what is pending within the horizon (a past one at once) and leaves later ones to PostgreSQL', () => {
    const after = [
      m('step_due', '2025-03-05T07:30:00+07:00', 'TD'),
      m('warning', '2025-03-05T08:30:00+07:00'),
      m('due', '2025-03-06T08:30:00+07:00'),
    ];
    const plan = timerPlan([{ code: 'D', before: [], after, fired: new Set() }], NOW, 3_600_000);
    expect(plan.arm.map((x) => [x.kind, x.delayMs])).toEqual([
      ['step_due', 0],
      ['warning', 1_800_000],
    ]);
    expect(plan.disarm).toEqual([]);
  });

  it('removes what a write cancelled (a pause) but not what was acted at', () => {
    const before = [
      m('warning', '2025-03-05T08:30:00+07:00'),
      m('step_due', '2025-03-05T07:30:00+07:00', 'TD'),
    ];
    const fired = new Set(['step_due|TD|' + t('2025-03-05T07:30:00+07:00')]);
    const plan = timerPlan([{ code: 'D', before, after: [], fired }], NOW, 3_600_000);
    expect(plan.disarm.map((x) => deadlineTimerJobId(x))).toEqual([
      `dl-D-warning-${t('2025-03-05T08:30:00+07:00')}`,
    ]);
    expect(plan.arm).toEqual([]);
  });
});

describe('FireDueDeadlines and SweepDeadlines', () => {
  // Received Mon 03/03 08:30, handed to the division at 10:00: the warning is Wed 05/03 08:30, TD is due Wed 10:00,
  // the apology deadline is Wed 17:00 and the dossier is due Thu 06/03 08:30.
  const life = (code: string) => [
    ev(code, 'received', '2025-03-03T08:30:00+07:00', RECEIVED),
    ev(code, 'forwarded', '2025-03-03T10:00:00+07:00', {
      fromUnit: MC,
      toUnit: VLATLD,
      method: 'electronic',
    }),
  ];

  it('fires what is due, earliest first, as the system, and nothing again', async () => {
    const s = setup('2025-03-03T10:05:00+07:00');
    await s.log(...life('D1'));
    expect(await s.fire.fire(['D1'], 'timer')).toEqual({ fired: 0, already: 0, rejected: 0 });
    s.clock.t = t('2025-03-05T10:00:00+07:00');
    expect(await s.fire.fire(['D1'], 'timer')).toEqual({ fired: 2, already: 0, rejected: 0 });
    expect(s.reached()).toEqual([
      'D1 warning @2025-03-05T01:30:00.000Z',
      'D1 step_due.TD @2025-03-05T03:00:00.000Z',
    ]);
    const row = s.store.rows.find((r) => r.type === 'deadline_reached')!;
    expect(row).toMatchObject({ actor: 'system', occurredAt: t('2025-03-05T10:00:00+07:00') });
    expect(row.id).toBe(deadlineEventId('D1', { kind: 'warning', at: t('2025-03-05T08:30:00+07:00') }));
    expect(s.store.rows.find((r) => (r.data as { stepCode?: string }).stepCode === 'TD')!.data).toMatchObject(
      {
        kind: 'step_due',
        unitCode: VLATLD,
      },
    );
    expect(await s.fire.fire(['D1'], 'timer')).toEqual({ fired: 0, already: 0, rejected: 0 });
  });

  it('two workers acting at once log each deadline once: the second finds the ids stored', async () => {
    const s = setup('2025-03-03T10:05:00+07:00');
    await s.log(...life('D1'));
    s.clock.t = t('2025-03-05T10:00:00+07:00');
    // Another worker process: its own intake and FireDueDeadlines (and in-process lock), the same event log.
    const second = setup('2025-03-05T10:00:00+07:00', s.store).fire;
    const [a, b] = await Promise.all([s.fire.fire(['D1'], 'timer'), second.fire(['D1'], 'sweep')]);
    expect(a.fired + b.fired).toBe(2);
    expect(a.already + b.already).toBe(2);
    expect(s.reached()).toHaveLength(2);
  });

  it('the sweep fires everything missed while nothing ran, in order per dossier, once; closed dossiers never', async () => {
    const s = setup('2025-03-03T10:05:00+07:00');
    await s.log(...life('D1'), ...life('D2'), ...life('D3'));
    await s.log(ev('D3', 'withdrawn', '2025-03-03T10:04:00+07:00', { reason: 'Công dân rút hồ sơ' }));
    // The worker was down from Monday to Friday 07:00: no timer ran.
    s.timers.armed.clear();
    s.clock.t = t('2025-03-07T07:00:00+07:00');
    const outcome = await s.sweep.sweep();
    expect(outcome).toMatchObject({ fired: 8, already: 0, rejected: 0, dossiers: 2 });
    const kinds = (code: string) => s.reached().filter((r) => r.startsWith(code));
    expect(kinds('D1')).toEqual([
      'D1 warning @2025-03-05T01:30:00.000Z',
      'D1 step_due.TD @2025-03-05T03:00:00.000Z',
      'D1 apology_deadline @2025-03-05T10:00:00.000Z',
      'D1 due @2025-03-06T01:30:00.000Z',
    ]);
    expect(kinds('D3')).toEqual([]);
    // Once applied, nothing is pending: the index holds no past deadline and a second sweep does nothing.
    await s.applyAll();
    expect(s.projections.written.get('D1')).toMatchObject({ nextDeadlineAt: null, milestones: [] });
    expect(await s.sweep.sweep()).toMatchObject({ fired: 0, dossiers: 0 });
  });

  it('the sweep refills the horizon; a projection write arms and a pause disarms; a resume re-arms at new instants', async () => {
    const s = setup('2025-03-05T07:50:00+07:00');
    await s.log(
      ev('D1', 'received', '2025-03-03T08:30:00+07:00', RECEIVED),
      ev('D1', 'forwarded', '2025-03-03T10:00:00+07:00', {
        fromUnit: MC,
        toUnit: VLATLD,
        method: 'electronic',
      }),
    );
    // Written at Wed 07:50: the warning at 08:30 is within the hour, TD at 10:00 is not.
    const armed = () => [...s.timers.armed.values()].map((x) => `${x.kind}@${new Date(x.at).toISOString()}`);
    expect(armed()).toEqual(['warning@2025-03-05T01:30:00.000Z']);
    s.timers.armed.clear();
    expect(await s.sweep.sweep()).toMatchObject({ fired: 0, armed: 1 });
    expect(armed()).toEqual(['warning@2025-03-05T01:30:00.000Z']);
    // A supplement asked for at 08:00 pauses the dossier: its armed timer is removed.
    s.clock.t = t('2025-03-05T08:00:00+07:00');
    await s.log(ev('D1', 'supplement_requested', '2025-03-05T08:00:00+07:00', { reason: 'Thiếu bản sao' }));
    expect(armed()).toEqual([]);
    expect(s.timers.removed).toContain(`dl-D1-warning-${t('2025-03-05T08:30:00+07:00')}`);
    expect(s.projections.written.get('D1')).toMatchObject({ isPaused: true, nextDeadlineAt: null });
    // Back Thursday at 07:30: every date moves by the 450 paused working minutes (Wed 08:00–17:00, Thu 07:00–07:30).
    s.clock.t = t('2025-03-06T07:30:00+07:00');
    await s.log(ev('D1', 'supplement_received', '2025-03-06T07:30:00+07:00'));
    const row = s.projections.written.get('D1')!;
    expect(row.milestones.map((m) => m.kind)).toEqual(['warning', 'step_due', 'apology_deadline', 'due']);
    // Due Fri 07/03 08:00, so the warning is Thu 08:00 (within the hour: armed); TD is due Thu 09:30 (not yet).
    expect(new Date(row.nextDeadlineAt!).toISOString()).toBe('2025-03-06T01:00:00.000Z');
    expect(armed()).toEqual(['warning@2025-03-06T01:00:00.000Z']);
  });

  it('an issued apology cancels the apology deadline and acts at the re-appointment instead', async () => {
    const s = setup('2025-03-05T16:30:00+07:00');
    await s.log(
      ...life('D1'),
      ev('D1', 'apology_issued', '2025-03-05T16:30:00+07:00', {
        reason: 'Chờ xác minh',
        newDueAt: t('2025-03-10T08:30:00+07:00'),
        signer: { name: 'Lê Văn C', title: 'Phó Giám đốc' },
        responsibleUnit: VLATLD,
      }),
    );
    s.clock.t = t('2025-03-10T09:00:00+07:00');
    await s.sweep.sweep();
    expect(s.reached().map((r) => r.split(' ')[1])).toEqual([
      'warning',
      'step_due.TD',
      'due',
      'rescheduled_due',
    ]);
  });
});
