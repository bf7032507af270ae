import fc from 'fast-check';
import { foldDossier } from './dossier.fold';
import {
  deadlineReason,
  milestoneKey,
  milestonesOf,
  nextDeadlineOf,
  pendingMilestones,
  type Milestone,
} from './milestones';
import { FIVE_DAY_PROCEDURE, apology, at, context, ev, fmt, received } from './testing/sla-fixtures';
import type { DossierEvent, ProcedureRules } from './sla.types';

const TWO_DAYS: ProcedureRules = {
  ...FIVE_DAY_PROCEDURE,
  code: '1.000002',
  duration: { value: 2, unit: 'working_days' },
};
const ONE_DAY: ProcedureRules = {
  ...FIVE_DAY_PROCEDURE,
  code: '1.000003',
  duration: { value: 1, unit: 'working_days' },
};
const WITH_SUPPLEMENT_DEADLINE: ProcedureRules = { ...FIVE_DAY_PROCEDURE, supplementDeadlineWorkingDays: 3 };

/** The pending milestones of `events` folded at `now`, readable. */
function pending(events: DossierEvent[], now: string, procedure: ProcedureRules = FIVE_DAY_PROCEDURE) {
  return pendingMilestones(foldDossier(events, context(at(now), procedure))).map(readable);
}

function readable(m: Milestone) {
  return [m.kind, fmt(m.at), ...(m.stepCode ? [m.stepCode, m.unitCode] : [])].join(' ');
}

/** The event the tracker logs when it acts at `m`. */
function reached(m: Milestone, local: string): DossierEvent {
  return ev('deadline_reached', local, {
    kind: m.kind,
    at: m.at,
    ...(m.stepCode ? { stepCode: m.stepCode } : {}),
    ...(m.unitCode ? { unitCode: m.unitCode } : {}),
  });
}

describe('the milestones the deadline tracker acts at', () => {
  it('across Tết 2025: the desk step resumes after the holiday block, then warning, apology deadline and due', () => {
    // Fri 24/01/2025 16:00, five working days: Tết closes Sat 25/01 – Sun 02/02 (domain.md §6.8).
    expect(pending([received('2025-01-24 16:00')], '2025-01-24 16:30')).toEqual([
      'step_due 2025-02-03T10:00:00+07:00 TN LDTBXH.MC', // 1 h on Friday, 3 h from Mon 03/02 07:00
      'warning 2025-02-06T16:00:00+07:00',
      'apology_deadline 2025-02-06T17:00:00+07:00',
      'due 2025-02-07T16:00:00+07:00',
    ]);
  });

  it('on a make-up Saturday: a due on Sat 26/04/2025 warns and asks for the apology on Friday', () => {
    expect(pending([received('2025-04-24 09:00', TWO_DAYS.code)], '2025-04-24 09:30', TWO_DAYS)).toEqual([
      'step_due 2025-04-24T15:00:00+07:00 TN LDTBXH.MC', // 2.5 h before lunch, 1.5 h after 13:30
      'warning 2025-04-25T09:00:00+07:00',
      'apology_deadline 2025-04-25T17:00:00+07:00',
      'due 2025-04-26T09:00:00+07:00',
    ]);
  });

  it('over the swapped Friday 02/05/2025 and the 30/4–1/5 holidays: one working day lands on Monday 05/05', () => {
    expect(pending([received('2025-04-29 14:00', ONE_DAY.code)], '2025-04-29 14:00', ONE_DAY)).toEqual([
      'warning 2025-04-29T14:00:00+07:00', // a whole working day before the due: the receipt itself
      'apology_deadline 2025-04-29T17:00:00+07:00',
      'step_due 2025-05-05T08:00:00+07:00 TN LDTBXH.MC', // 3 h on Tuesday, the fourth on Monday
      'due 2025-05-05T14:00:00+07:00',
    ]);
  });

  it('over a weekend: a Friday receipt of one working day is due on Monday; its deadlines sit on Friday', () => {
    expect(pending([received('2025-01-10 10:00', ONE_DAY.code)], '2025-01-10 10:05', ONE_DAY)).toEqual([
      'warning 2025-01-10T10:00:00+07:00',
      'step_due 2025-01-10T16:00:00+07:00 TN LDTBXH.MC',
      'apology_deadline 2025-01-10T17:00:00+07:00',
      'due 2025-01-13T10:00:00+07:00',
    ]);
  });

  it('a milestone acted at is no longer pending; past and future ones stay until acted at', () => {
    const events = [received('2025-01-24 16:00')];
    const all = pendingMilestones(foldDossier(events, context(at('2025-02-06 16:30'))));
    // At Thu 06/02 16:30 the desk step and the warning are past, the others ahead: all four are pending.
    expect(all).toHaveLength(4);
    const [step, warning] = all;
    const after = [...events, reached(step, '2025-02-03 10:00'), reached(warning, '2025-02-06 16:00')];
    expect(pending(after, '2025-02-06 16:30')).toEqual([
      'apology_deadline 2025-02-06T17:00:00+07:00',
      'due 2025-02-07T16:00:00+07:00',
    ]);
    // Acted at is acted at, whatever the reading instant.
    expect(pending(after, '2025-03-01 10:00')).toEqual(pending(after, '2025-02-06 16:30'));
  });

  it('a pause cancels every pending milestone; the resume brings them back at their new instants', () => {
    const events = [
      received('2025-01-06 08:00'),
      ev('supplement_requested', '2025-01-07 08:00', { reason: 'x' }),
    ];
    expect(pending(events, '2025-01-08 08:00')).toEqual([]);
    // Resumed a working day later: every date moves by the paused working day.
    const resumed = [...events, ev('supplement_received', '2025-01-08 08:00', {})];
    expect(pending(resumed, '2025-01-08 08:05')).toEqual([
      'step_due 2025-01-07T14:00:00+07:00 TN LDTBXH.MC', // Mon 14:00 moved by the paused working day
      'warning 2025-01-13T08:00:00+07:00',
      'apology_deadline 2025-01-13T17:00:00+07:00',
      'due 2025-01-14T08:00:00+07:00',
    ]);
  });

  it('a milestone that moved is a new one: acted at before the pause, it acts again at its new instant', () => {
    const events = [received('2025-01-06 08:00')];
    const [step] = pendingMilestones(foldDossier(events, context(at('2025-01-06 14:00'))));
    expect(fmt(step.at)).toBe('2025-01-06T14:00:00+07:00');
    const history = [
      ...events,
      reached(step, '2025-01-06 14:00'),
      ev('supplement_requested', '2025-01-06 13:30', { reason: 'x' }),
      ev('supplement_received', '2025-01-07 13:30', {}),
    ];
    // Paused at 13:30 for 8 working hours: the desk step's due moves a day, so it is pending again.
    expect(pending(history, '2025-01-07 13:35')[0]).toBe('step_due 2025-01-07T14:00:00+07:00 TN LDTBXH.MC');
  });

  it('a paused dossier keeps only the end of the applicant’s supplement deadline, where the procedure sets one', () => {
    const events = [
      received('2025-01-24 16:00'),
      ev('supplement_requested', '2025-01-24 16:30', { reason: 'Thiếu bản sao' }),
    ];
    // Three working days (24 h) from Fri 16:30, over Tết: 0.5 h on Friday, 8 h Mon 03/02 and Tue 04/02, 7.5 h Wed.
    expect(pending(events, '2025-01-24 17:00', WITH_SUPPLEMENT_DEADLINE)).toEqual([
      'supplement_deadline 2025-02-05T16:30:00+07:00',
    ]);
    expect(pending(events, '2025-01-24 17:00')).toEqual([]);
    // Returned in time: the supplement deadline is gone and the processing deadlines are back.
    const back = [...events, ev('supplement_received', '2025-02-04 09:00', {})];
    expect(pending(back, '2025-02-04 09:05', WITH_SUPPLEMENT_DEADLINE).map((l) => l.split(' ')[0])).toEqual([
      'step_due',
      'warning',
      'apology_deadline',
      'due',
    ]);
  });

  it('an issued apology drops the apology deadline and adds its re-appointment', () => {
    const events = [received('2025-01-06 08:00'), apology('2025-01-09 10:00', '2025-01-15 10:00')];
    expect(pending(events, '2025-01-09 10:05')).toEqual([
      'step_due 2025-01-06T14:00:00+07:00 TN LDTBXH.MC',
      'warning 2025-01-10T08:00:00+07:00',
      'due 2025-01-13T08:00:00+07:00',
      'rescheduled_due 2025-01-15T10:00:00+07:00',
    ]);
  });

  it('a handover ends a step: only the open step has a step deadline, with its unit', () => {
    const events = [
      received('2025-01-06 08:00'),
      ev('forwarded', '2025-01-06 10:00', {
        fromUnit: 'LDTBXH.MC',
        toUnit: 'LDTBXH.VLATLD',
        method: 'electronic',
      }),
    ];
    expect(pending(events, '2025-01-06 10:05').filter((l) => l.startsWith('step_due'))).toEqual([
      'step_due 2025-01-09T10:00:00+07:00 TD LDTBXH.VLATLD',
    ]);
  });

  it('an online dossier received after its reception deadline acts once at that deadline', () => {
    const late = ev('received', '2025-01-08 10:00', {
      procedureCode: FIVE_DAY_PROCEDURE.code,
      channel: 'online',
      applicant: { name: 'Nguyễn Văn An' },
      submittedAt: at('2025-01-06 08:00'),
    });
    expect(pending([late], '2025-01-08 10:05')[0]).toBe('reception_deadline 2025-01-07T08:00:00+07:00');
    const onTime = {
      ...late,
      id: 'on-time',
      data: { ...late.data, submittedAt: at('2025-01-08 09:00') },
    } as DossierEvent;
    expect(pending([onTime], '2025-01-08 10:05').some((l) => l.startsWith('reception'))).toBe(false);
  });

  it('closed dossiers never have any, even with deadlines long past', () => {
    for (const end of [
      ev('result_ready', '2025-01-07 10:00', { outcome: 'approved' }),
      ev('withdrawn', '2025-01-07 10:00', { reason: 'Công dân rút hồ sơ' }),
      ev('stopped', '2025-01-07 10:00', { reason: 'Dừng xử lý' }),
    ]) {
      const s = foldDossier([received('2025-01-06 08:00'), end], context(at('2025-03-01 10:00')));
      expect(milestonesOf(s)).toEqual([]);
    }
    expect(milestonesOf(foldDossier([], context(at('2025-03-01 10:00'))))).toEqual([]);
  });

  it('next_deadline_at is the earliest pending milestone, past or future', () => {
    const s = foldDossier([received('2025-01-24 16:00')], context(at('2025-02-06 16:30')));
    const all = pendingMilestones(s);
    expect(fmt(nextDeadlineOf(all))).toBe('2025-02-03T10:00:00+07:00'); // in the past at 06/02 16:30
    expect(fmt(nextDeadlineOf(all.slice(1)))).toBe('2025-02-06T16:00:00+07:00');
    expect(nextDeadlineOf([])).toBeNull();
  });

  it('deadlines acted at in one go read in deadline order in the timeline, whatever their ids', () => {
    const [step, warning] = pendingMilestones(
      foldDossier([received('2025-01-24 16:00')], context(at('2025-02-07 10:00'))),
    );
    const second = { ...reached(warning, '2025-02-07 10:00'), id: 'a-first-by-id' };
    const first = { ...reached(step, '2025-02-07 10:00'), id: 'z-last-by-id' };
    const s = foldDossier([received('2025-01-24 16:00'), second, first], context(at('2025-02-07 10:00')));
    expect(s.timeline.slice(1).map((t) => t.reason)).toEqual([
      'Bước TN quá hạn (LDTBXH.MC), hạn bước 03/02/2025 10:00',
      'Sắp đến hạn (cảnh báo lúc 06/02/2025 16:00)',
    ]);
    expect(s.deadlinesReached.map((d) => d.kind)).toEqual(['step_due', 'warning']);
  });

  it('names each deadline in the timeline in Vietnamese', () => {
    const t = at('2025-03-13 08:00');
    expect(deadlineReason({ kind: 'due', at: t })).toBe('Quá hạn (hạn giải quyết 13/03/2025 08:00)');
    expect(deadlineReason({ kind: 'step_due', at: t, stepCode: 'TD', unitCode: 'LDTBXH.VLATLD' })).toMatch(
      /^Bước TD quá hạn \(LDTBXH\.VLATLD\)/,
    );
    expect(milestoneKey({ kind: 'due', at: t })).toBe(`due||${t}`);
  });
});

describe('property: pending milestones over random histories', () => {
  const steps = [
    ['forwarded', { fromUnit: 'LDTBXH.MC', toUnit: 'LDTBXH.VLATLD', method: 'electronic' }],
    ['forwarded', { fromUnit: 'LDTBXH.VLATLD', toUnit: 'LDTBXH.VP', method: 'paper' }],
    ['supplement_requested', { reason: 'x' }],
    ['supplement_received', {}],
    ['obligation_requested', {}],
    ['obligation_fulfilled', {}],
    ['result_ready', { outcome: 'approved' }],
    ['withdrawn', { reason: 'x' }],
  ] as const;
  const history = fc
    .array(
      fc.tuple(fc.integer({ min: 0, max: steps.length - 1 }), fc.integer({ min: 1, max: 15 * 24 * 60 })),
      {
        maxLength: 8,
      },
    )
    .map((items) => [
      received('2025-01-20 08:00'), // across Tết 2025
      ...items.map(
        ([k, minutes], i) =>
          ({
            id: `p${i}`,
            type: steps[k][0],
            occurredAt: at('2025-01-20 08:00') + minutes * 60_000,
            data: steps[k][1],
          }) as DossierEvent,
      ),
    ]);

  it('are sorted, independent of the reading instant, and none is left once each is acted at', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 60 * 24 * 60 }), (events, later) => {
        const last = Math.max(...events.map((e) => e.occurredAt));
        const ctx = (t: number) => context(t, WITH_SUPPLEMENT_DEADLINE);
        const s = foldDossier(events, ctx(last));
        const pendingNow = pendingMilestones(s);
        // The projection stores them: they must not move with the instant the dossier was folded at.
        expect(pendingMilestones(foldDossier(events, ctx(last + later * 60_000)))).toEqual(pendingNow);
        for (let i = 1; i < pendingNow.length; i++)
          expect(pendingNow[i].at).toBeGreaterThanOrEqual(pendingNow[i - 1].at);
        if (!s.slaFacts.open) expect(pendingNow).toEqual([]);
        if (s.slaFacts.paused) expect(pendingNow.every((m) => m.kind === 'supplement_deadline')).toBe(true);
        const acted = pendingNow.map((m, i) => ({ ...reached(m, '2025-03-01 10:00'), id: `z${i}` }));
        expect(pendingMilestones(foldDossier([...events, ...acted], ctx(last)))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
