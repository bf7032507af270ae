import fc from 'fast-check';
import { formatInstant } from '@motcua/calendar';
import { foldDossier } from './dossier.fold';
import { DOSSIER_STATUSES, NATIONAL_STATUS_BY_STATE } from './status-mapping';
import { FIVE_DAY_PROCEDURE, apology, at, context, ev, received } from './testing/sla-fixtures';
import type { DossierEvent, ProcedureRules } from './sla.types';

const fmt = (t: number | null | undefined) => (t === null || t === undefined ? t : formatInstant(t));

describe('foldDossier: a dossier through its whole life', () => {
  // Due: Mon 06/01/2025 08:00 + 5 × 8 working hours = Mon 13/01/2025 08:00.
  const life = (): DossierEvent[] => [
    received('2025-01-06 08:00'),
    ev('forwarded', '2025-01-06 10:00', {
      fromUnit: 'LDTBXH.MC',
      toUnit: 'LDTBXH.VLATLD',
      method: 'electronic',
    }),
    ev('paid', '2025-01-06 10:05', { amountVnd: 600000, method: 'online' }),
    ev('forwarded', '2025-01-08 09:00', {
      fromUnit: 'LDTBXH.VLATLD',
      toUnit: 'LDTBXH.VP',
      method: 'electronic',
    }),
    ev('forwarded', '2025-01-09 09:00', { fromUnit: 'LDTBXH.VP', toUnit: 'LDTBXH.MC', method: 'electronic' }),
    ev('result_ready', '2025-01-09 10:00', { outcome: 'approved', electronicResult: true }),
    ev('digitized', '2025-01-09 10:10', { result: true, components: 3 }),
    ev('returned', '2025-01-10 08:00', { method: 'desk' }),
    ev('rated', '2025-01-10 08:05', { rating: 'very_satisfied' }),
  ];

  it('reaches RETURNED, early, with every step on its clock', () => {
    const sut = foldDossier(life(), context(at('2025-01-20 09:00')));
    expect(sut.status).toBe('RETURNED');
    expect(sut.nationalStatus).toBe(10);
    expect(fmt(sut.dueAt)).toBe('2025-01-13T08:00:00+07:00');
    expect(fmt(sut.finishedAt)).toBe('2025-01-09T10:00:00+07:00');
    expect(sut.sla).toEqual({
      state: 'closed',
      remainingWorkingMinutes: 840,
      pausedWorkingMinutes: 0,
      outcome: 'early',
    });
    expect(sut.steps.map((s) => [s.code, s.unitCode, s.outcome])).toEqual([
      ['TN', 'LDTBXH.MC', 'early'],
      ['TD', 'LDTBXH.VLATLD', 'early'],
      ['KY', 'LDTBXH.VP', 'on_time'],
      ['TRA', 'LDTBXH.MC', 'early'],
    ]);
    expect(sut.responsibleUnits).toEqual([]);
    expect(sut.apology?.status).toBe('not_required');
    expect(sut.timeline.every((t) => t.status === 'applied')).toBe(true);
    expect(sut.payments).toEqual([{ at: at('2025-01-06 10:05'), amountVnd: 600000, method: 'online' }]);
    expect(sut.rating).toBe('very_satisfied');
    expect(sut.ruleSet).toBe('ND61_2018');
  });

  it('moves through the national codes as events arrive', () => {
    const events = life();
    const codes = events.map(
      (_, i) => foldDossier(events.slice(0, i + 1), context(at('2025-01-07 09:00'))).nationalStatus,
    );
    expect(codes).toEqual([2, 4, 4, 4, 4, 9, 9, 10, 10]);
  });

  it('folds any arrival order to the same state', () => {
    const events = life();
    const expected = foldDossier(events, context(at('2025-01-20 09:00')));
    fc.assert(
      fc.property(
        fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
        (shuffled) => {
          expect(foldDossier(shuffled, context(at('2025-01-20 09:00')))).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('SLA state at a given now', () => {
  const open = () => [received('2025-01-06 08:00')];
  it.each([
    ['2025-01-09 12:00', 'on_track', 'not_required'],
    ['2025-01-10 09:00', 'apology_due', 'due'],
    ['2025-01-13 08:00', 'overdue', 'missing'],
  ])('at %s the dossier is %s', (now, state, apology) => {
    const sut = foldDossier(open(), context(at(now)));
    expect(sut.sla.state).toBe(state);
    expect(sut.apology?.status).toBe(apology);
    expect(fmt(sut.apology?.deadline)).toBe('2025-01-10T17:00:00+07:00');
  });

  it('is due soon (not apology due) once the apology is issued', () => {
    const events = [
      ...open(),
      ev('apology_issued', '2025-01-10 08:30', {
        reason: 'Chờ ý kiến phối hợp',
        newDueAt: at('2025-01-15 10:00'),
        signer: { name: 'Trần Thị B', title: 'Phó Giám đốc' },
        responsibleUnit: 'LDTBXH.VLATLD',
      }),
    ];
    const sut = foldDossier(events, context(at('2025-01-10 09:00')));
    expect(sut.sla.state).toBe('due_soon');
    expect(sut.apology?.status).toBe('issued_on_time');
    expect(fmt(sut.rescheduledDueAt)).toBe('2025-01-15T10:00:00+07:00');
    expect(fmt(sut.warningAt)).toBe('2025-01-10T08:00:00+07:00');
  });

  it('counts remaining working minutes, negative when overdue', () => {
    expect(foldDossier(open(), context(at('2025-01-10 08:00'))).sla.remainingWorkingMinutes).toBe(480);
    expect(foldDossier(open(), context(at('2025-01-13 09:00'))).sla.remainingWorkingMinutes).toBe(-60);
  });
});

describe('supplement pauses (§3.3, §6.7)', () => {
  const tet: ProcedureRules = { ...FIVE_DAY_PROCEDURE, steps: [] };

  it('pause/resume across Tết 2024 shifts the due by the paused working time', () => {
    // Base due Mon 19/02/2024 08:00; paused Tue 06/02 08:00 → Thu 15/02 08:00 = 960 working minutes.
    const events = [
      received('2024-02-05 08:00'),
      ev('supplement_requested', '2024-02-06 08:00', { reason: 'Thiếu bản sao hộ chiếu' }),
      ev('supplement_received', '2024-02-15 08:00', {}),
    ];
    const sut = foldDossier(events, context(at('2024-02-16 09:00'), tet));
    expect(fmt(sut.dueAt)).toBe('2024-02-21T08:00:00+07:00');
    expect(sut.sla.pausedWorkingMinutes).toBe(960);
    expect(sut.dueHistory.map((d) => fmt(d.dueAt))).toEqual([
      '2024-02-19T08:00:00+07:00',
      '2024-02-21T08:00:00+07:00',
    ]);
    expect(sut.status).toBe('RECEIVED');
  });

  it('pause/resume across the 2024 make-up Saturday counts that Saturday as paused working time', () => {
    const events = [
      received('2024-05-02 09:00'),
      ev('supplement_requested', '2024-05-03 09:00', { reason: 'x' }),
      ev('supplement_received', '2024-05-06 09:00', {}),
    ];
    const sut = foldDossier(
      events,
      context(at('2024-05-06 10:00'), { ...tet, duration: { value: 3, unit: 'working_days' } }),
    );
    expect(sut.sla.pausedWorkingMinutes).toBe(960);
    expect(fmt(sut.dueAt)).toBe('2024-05-08T09:00:00+07:00');
  });

  it('while paused the clock is frozen and the state says paused', () => {
    const events = [
      received('2025-01-06 08:00'),
      ev('supplement_requested', '2025-01-07 08:00', { reason: 'x' }),
    ];
    const a = foldDossier(events, context(at('2025-01-08 08:00'), tet));
    const b = foldDossier(events, context(at('2025-01-20 08:00'), tet));
    expect(a.sla.state).toBe('paused');
    expect(a.nationalStatus).toBe(5);
    expect(a.sla.remainingWorkingMinutes).toBe(b.sla.remainingWorkingMinutes);
    expect(a.sla.remainingWorkingMinutes).toBe(2400 - 480);
  });

  it('the restart policy runs the full duration again from the accepted supplement', () => {
    const events = [
      received('2025-01-06 08:00'),
      ev('supplement_requested', '2025-01-07 08:00', { reason: 'x' }),
      ev('supplement_received', '2025-01-08 18:00', {}),
    ];
    const sut = foldDossier(events, context(at('2025-01-09 08:00'), { ...tet, supplementPolicy: 'restart' }));
    // Resumes Thu 09/01 07:00 + 5 working days = Thu 16/01 07:00 → lands at the close of Wed 15/01.
    expect(fmt(sut.effectiveStartAt)).toBe('2025-01-09T07:00:00+07:00');
    expect(fmt(sut.dueAt)).toBe('2025-01-15T17:00:00+07:00');
    expect(sut.dueHistory.at(-1)?.reason).toBe('supplement_restart');
  });

  it('a second request is rejected unless flagged, and a flagged one makes the dossier late', () => {
    const base = [
      received('2025-01-06 08:00'),
      ev('supplement_requested', '2025-01-06 09:00', { reason: 'x' }),
      ev('supplement_received', '2025-01-06 10:00', {}),
    ];
    const unflagged = foldDossier(
      [...base, ev('supplement_requested', '2025-01-06 11:00', { reason: 'y' })],
      context(at('2025-01-07 08:00'), tet),
    );
    expect(unflagged.timeline.at(-1)).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('override'),
    });
    expect(unflagged.supplementRequests).toBe(1);

    const flagged = foldDossier(
      [
        ...base,
        ev('supplement_requested', '2025-01-06 11:00', { reason: 'y', override: true }),
        ev('supplement_received', '2025-01-06 13:30', {}),
        ev('result_ready', '2025-01-07 09:00', { outcome: 'approved' }),
      ],
      context(at('2025-01-08 08:00'), tet),
    );
    expect(flagged.extraSupplement).toBe(true);
    expect(flagged.sla.outcome).toBe('late');
  });

  it('a supplement after the apology shifts both the due and the re-appointment (§5.6.7)', () => {
    const events = [
      received('2025-01-06 08:00'),
      ev('apology_issued', '2025-01-10 08:00', {
        reason: 'r',
        newDueAt: at('2025-01-15 10:00'),
        signer: { name: 'A', title: 'Giám đốc' },
        responsibleUnit: 'LDTBXH.VLATLD',
      }),
      ev('supplement_requested', '2025-01-10 09:00', { reason: 'x' }),
      ev('supplement_received', '2025-01-10 10:00', {}),
    ];
    const sut = foldDossier(events, context(at('2025-01-10 11:00'), tet));
    expect(fmt(sut.dueAt)).toBe('2025-01-13T09:00:00+07:00');
    expect(fmt(sut.rescheduledDueAt)).toBe('2025-01-15T11:00:00+07:00');
  });

  it('a financial obligation pauses only where the procedure says so', () => {
    const events = [
      received('2025-01-06 08:00'),
      ev('obligation_requested', '2025-01-07 08:00', { amountVnd: 100000 }),
      ev('obligation_fulfilled', '2025-01-08 08:00', {}),
    ];
    const without = foldDossier(events, context(at('2025-01-09 08:00'), tet));
    const withPause = foldDossier(
      events,
      context(at('2025-01-09 08:00'), { ...tet, pauseOnFinancialObligation: true }),
    );
    expect(fmt(without.dueAt)).toBe('2025-01-13T08:00:00+07:00');
    expect(fmt(withPause.dueAt)).toBe('2025-01-14T08:00:00+07:00');
    expect(foldDossier(events.slice(0, 2), context(at('2025-01-07 09:00'), tet)).nationalStatus).toBe(6);
  });
});

describe('apology rules (§5)', () => {
  it('allows one apology; a second is rejected', () => {
    const sut = foldDossier(
      [
        received('2025-01-06 08:00'),
        apology('2025-01-09 08:00', '2025-01-15 10:00'),
        apology('2025-01-10 08:00', '2025-01-16 10:00'),
      ],
      context(at('2025-01-10 09:00')),
    );
    expect(sut.timeline.map((t) => t.status)).toEqual(['applied', 'applied', 'rejected']);
    expect(fmt(sut.apology?.newDueAt)).toBe('2025-01-15T10:00:00+07:00');
  });

  it('rejects a new date that is not later than the due or falls on a day off', () => {
    const early = foldDossier(
      [received('2025-01-06 08:00'), apology('2025-01-09 08:00', '2025-01-13 08:00')],
      context(at('2025-01-10 09:00')),
    );
    expect(early.timeline[1]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('later') });
    const sunday = foldDossier(
      [received('2025-01-06 08:00'), apology('2025-01-09 08:00', '2025-01-19 10:00')],
      context(at('2025-01-10 09:00')),
    );
    expect(sunday.timeline[1]).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('not a working day'),
    });
  });

  it('classifies late and post-due apologies, and keeps the original due as the KPI due', () => {
    const late = foldDossier(
      [
        received('2025-01-06 08:00'),
        apology('2025-01-13 07:30', '2025-01-15 10:00'),
        ev('result_ready', '2025-01-14 09:00', { outcome: 'approved' }),
      ],
      context(at('2025-01-15 09:00')),
    );
    expect(late.apology?.status).toBe('issued_late');
    expect(late.sla.outcome).toBe('late');
    expect(fmt(late.dueAt)).toBe('2025-01-13T08:00:00+07:00');
    const postDue = foldDossier(
      [received('2025-01-06 08:00'), apology('2025-01-13 09:00', '2025-01-15 10:00')],
      context(at('2025-01-13 10:00')),
    );
    expect(postDue.apology?.status).toBe('issued_after_due');
  });

  it('a late dossier without an apology is reported missing', () => {
    const sut = foldDossier(
      [received('2025-01-06 08:00'), ev('result_ready', '2025-01-14 09:00', { outcome: 'approved' })],
      context(at('2025-01-15 09:00')),
    );
    expect(sut.sla.outcome).toBe('late');
    expect(sut.apology?.status).toBe('missing');
  });

  it('a dossier finished on its due day needs no apology', () => {
    const sut = foldDossier(
      [received('2025-01-06 08:00'), ev('result_ready', '2025-01-13 16:00', { outcome: 'approved' })],
      context(at('2025-01-15 09:00')),
    );
    expect(sut.sla.outcome).toBe('on_time');
    expect(sut.apology?.status).toBe('not_required');
  });
});

describe('outcome granularity (§7.1, §10.10)', () => {
  const dayBased = { workingDayModel: 'day_based' as const };
  const finishAt = (t: string, granularity: 'date' | 'datetime') =>
    foldDossier(
      [received('2025-01-06 08:00'), ev('result_ready', t, { outcome: 'approved' })],
      context(at('2025-01-20 09:00'), FIVE_DAY_PROCEDURE, { ...dayBased, outcomeGranularity: granularity }),
    ).sla.outcome;

  it('date granularity: 16:59 and 17:01 on the due day are both on time', () => {
    expect(finishAt('2025-01-13 16:59', 'date')).toBe('on_time');
    expect(finishAt('2025-01-13 17:01', 'date')).toBe('on_time');
    expect(finishAt('2025-01-10 17:01', 'date')).toBe('early');
    expect(finishAt('2025-01-14 07:01', 'date')).toBe('late');
  });

  it('datetime granularity: 17:01 on the due day is late', () => {
    expect(finishAt('2025-01-13 16:59', 'datetime')).toBe('on_time');
    expect(finishAt('2025-01-13 17:01', 'datetime')).toBe('late');
  });

  it('a procedure without a deadline counts as on time by default', () => {
    const none: ProcedureRules = { ...FIVE_DAY_PROCEDURE, duration: { value: 0, unit: 'none' } };
    const sut = foldDossier(
      [received('2025-01-06 08:00'), ev('result_ready', '2025-03-01 09:00', { outcome: 'approved' })],
      context(at('2025-03-02 09:00'), none),
    );
    expect(sut.dueAt).toBeNull();
    expect(sut.apology).toBeNull();
    expect(sut.sla.outcome).toBe('on_time');
  });
});

describe('steps and attribution of lateness (§5.5)', () => {
  it('names the unit whose step overran, and not the applicant time', () => {
    const events = [
      received('2025-01-06 08:00'),
      ev('forwarded', '2025-01-06 10:00', {
        fromUnit: 'LDTBXH.MC',
        toUnit: 'LDTBXH.VLATLD',
        method: 'electronic',
      }),
      // TD has 24 h = 1440 min from Mon 10:00 → Thu 09/01 10:00; the supplement day (480 min) is the applicant's.
      ev('supplement_requested', '2025-01-07 07:00', { reason: 'x' }),
      ev('supplement_received', '2025-01-08 07:00', {}),
      ev('forwarded', '2025-01-10 12:00', {
        fromUnit: 'LDTBXH.VLATLD',
        toUnit: 'LDTBXH.VP',
        method: 'electronic',
      }),
      ev('forwarded', '2025-01-13 09:00', { fromUnit: 'LDTBXH.VP', toUnit: 'LDTBXH.MC', method: 'paper' }),
      ev('result_ready', '2025-01-13 10:00', { outcome: 'approved' }),
    ];
    const sut = foldDossier(events, context(at('2025-01-14 09:00')));
    const td = sut.steps.find((s) => s.code === 'TD')!;
    expect(fmt(td.dueAt)).toBe('2025-01-10T10:00:00+07:00');
    expect(td.usedWorkingMinutes).toBe(1440 + 90);
    expect(td.overrunWorkingMinutes).toBe(90);
    expect(td.outcome).toBe('late');
    expect(sut.responsibleUnits).toEqual(['LDTBXH.VLATLD']);
    expect(sut.primaryResponsibleUnit).toBe('LDTBXH.VLATLD');
    expect(sut.sla.outcome).toBe('early');
  });

  it('a paper forward after the 15:00 cut-off may leave the next morning; later is the desk’s overrun', () => {
    const onTime = foldDossier(
      [
        received('2025-01-06 15:30'),
        ev('forwarded', '2025-01-07 11:00', {
          fromUnit: 'LDTBXH.MC',
          toUnit: 'LDTBXH.VLATLD',
          method: 'paper',
        }),
      ],
      context(at('2025-01-07 12:00')),
    );
    expect(onTime.steps[0].outcome).toBe('early');
    const late = foldDossier(
      [
        received('2025-01-06 15:30'),
        ev('forwarded', '2025-01-07 14:00', {
          fromUnit: 'LDTBXH.MC',
          toUnit: 'LDTBXH.VLATLD',
          method: 'paper',
        }),
      ],
      context(at('2025-01-07 15:00')),
    );
    expect(late.steps[0]).toMatchObject({ outcome: 'late', overrunWorkingMinutes: 30 });
    expect(late.responsibleUnits).toEqual(['LDTBXH.MC']);
  });

  it('rejects a handover from a unit that does not hold the dossier, and keeps it in the timeline', () => {
    const sut = foldDossier(
      [
        received('2025-01-06 08:00'),
        ev('forwarded', '2025-01-06 09:00', { fromUnit: 'LDTBXH.VP', toUnit: 'LDTBXH.NCC', method: 'paper' }),
      ],
      context(at('2025-01-06 10:00')),
    );
    expect(sut.timeline[1]).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('held by LDTBXH.MC'),
    });
    expect(sut.unitCode).toBe('LDTBXH.MC');
  });
});

describe('transitions the fold refuses', () => {
  it('keeps impossible events, marked rejected with a reason', () => {
    const sut = foldDossier(
      [
        received('2025-01-06 08:00'),
        ev('returned', '2025-01-06 09:00', { method: 'desk' }),
        ev('received', '2025-01-06 09:30', {
          procedureCode: '1.000001',
          channel: 'online',
          applicant: { name: 'X' },
        }),
        ev('supplement_received', '2025-01-06 10:00', {}),
        ev('withdrawn', '2025-01-07 10:00', { reason: 'Công dân xin rút' }),
        ev('result_ready', '2025-01-08 10:00', { outcome: 'approved' }),
      ],
      context(at('2025-01-09 10:00')),
    );
    expect(sut.timeline.map((t) => t.status)).toEqual([
      'applied',
      'rejected',
      'rejected',
      'rejected',
      'applied',
      'rejected',
    ]);
    expect(sut.status).toBe('WITHDRAWN');
    expect(sut.nationalStatus).toBe(7);
    expect(sut.timeline[1].reason).toContain('returned is not allowed in state RECEIVED');
  });

  it('events before reception are rejected; refusal at reception is terminal with no clock', () => {
    const sut = foldDossier(
      [
        ev('refused_at_reception', '2025-01-06 08:00', {
          procedureCode: '1.000001',
          channel: 'direct',
          applicant: { name: 'X' },
          reason: 'Không thuộc thẩm quyền',
        }),
        ev('received', '2025-01-06 09:00', {
          procedureCode: '1.000001',
          channel: 'direct',
          applicant: { name: 'X' },
        }),
      ],
      context(at('2025-01-09 10:00')),
    );
    expect(sut.nationalStatus).toBe(3);
    expect(sut.unitCode).toBe('LDTBXH.MC');
    expect(sut.dueAt).toBeNull();
    expect(sut.sla.state).toBe('closed');
    expect(sut.timeline[1].status).toBe('rejected');
  });

  it('an unknown procedure is a rejection, not a crash', () => {
    const sut = foldDossier([received('2025-01-06 08:00', '9.999999')], context(at('2025-01-09 10:00')));
    expect(sut.timeline[0]).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('unknown procedure'),
    });
  });
});

describe('national status mapping (§3.2, §9.5)', () => {
  it('maps every internal state to exactly one code in 1..10, each code used once', () => {
    const codes = DOSSIER_STATUSES.map((s) => NATIONAL_STATUS_BY_STATE[s]);
    expect(codes.every((c) => Number.isInteger(c) && c >= 1 && c <= 10)).toBe(true);
    expect(new Set(codes).size).toBe(10);
    expect(DOSSIER_STATUSES).toHaveLength(10);
  });
});

describe('property: random event streams', () => {
  const types = [
    'forwarded',
    'supplement_requested',
    'supplement_received',
    'obligation_requested',
    'obligation_fulfilled',
    'paid',
    'result_ready',
    'returned',
    'withdrawn',
    'rated',
  ] as const;
  const dataFor = (type: (typeof types)[number], i: number): DossierEvent['data'] => {
    switch (type) {
      case 'forwarded':
        return i % 2
          ? { fromUnit: 'LDTBXH.MC', toUnit: 'LDTBXH.VLATLD', method: 'electronic' }
          : { fromUnit: 'LDTBXH.VLATLD', toUnit: 'LDTBXH.VP', method: 'paper' };
      case 'supplement_requested':
        return { reason: 'x' };
      case 'paid':
        return { amountVnd: 1000, method: 'online' };
      case 'result_ready':
        return { outcome: 'approved' };
      case 'returned':
        return { method: 'desk' };
      case 'withdrawn':
        return { reason: 'x' };
      case 'rated':
        return { rating: 'satisfied' };
      case 'supplement_received':
      case 'obligation_requested':
      case 'obligation_fulfilled':
        return {};
    }
  };
  const stream = fc
    .array(fc.tuple(fc.constantFrom(...types), fc.integer({ min: 0, max: 20 * 24 * 60 })), { maxLength: 12 })
    .map((items) => [
      received('2025-03-03 08:00'),
      ...items.map(
        ([type, minutes], i) =>
          ({
            id: `r${i}`,
            type,
            occurredAt: at('2025-03-03 08:00') + minutes * 60_000,
            data: dataFor(type, i),
          }) as DossierEvent,
      ),
    ]);

  it('never throws, and any permutation folds to the same state', () => {
    fc.assert(
      fc.property(stream, fc.integer(), (events, seed) => {
        const now = at('2025-04-01 09:00');
        const a = foldDossier(events, context(now));
        const shuffled = [...events]
          .sort((x, y) => ((x.id.charCodeAt(1) * seed) % 7) - ((y.id.charCodeAt(1) * seed) % 7))
          .reverse();
        expect(foldDossier(shuffled, context(now))).toEqual(a);
        expect(a.nationalStatus).toBeGreaterThanOrEqual(1);
        if (a.dueAt !== null && a.status !== 'NEW') expect(realCalendarWorking(a.dueAt)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

function realCalendarWorking(t: number): boolean {
  const cal = context(0).calendar;
  // A due instant is working time or exactly a session end.
  return cal.isWorkingTime(t) || cal.isWorkingTime(t - 1);
}

describe('more edge cases (§5.6, §6.9)', () => {
  const noSteps: ProcedureRules = { ...FIVE_DAY_PROCEDURE, steps: [] };

  it('late against the original due but within the re-appointment (§5.6.5)', () => {
    const met = foldDossier(
      [
        received('2025-01-06 08:00'),
        apology('2025-01-09 08:00', '2025-01-15 10:00'),
        ev('result_ready', '2025-01-14 09:00', { outcome: 'approved' }),
      ],
      context(at('2025-01-16 09:00'), noSteps),
    );
    expect(met.sla.outcome).toBe('late');
    expect(met.apology).toMatchObject({ status: 'issued_on_time', reappointmentMet: true });
    const missed = foldDossier(
      [
        received('2025-01-06 08:00'),
        apology('2025-01-09 08:00', '2025-01-15 10:00'),
        ev('result_ready', '2025-01-16 09:00', { outcome: 'approved' }),
      ],
      context(at('2025-01-17 09:00'), noSteps),
    );
    expect(missed.apology?.reappointmentMet).toBe(false);
  });

  it('a dossier withdrawn after its due date is not classified late (§5.6.8)', () => {
    const sut = foldDossier(
      [received('2025-01-06 08:00'), ev('withdrawn', '2025-01-14 09:00', { reason: 'Công dân xin rút' })],
      context(at('2025-01-15 09:00'), noSteps),
    );
    expect(sut.nationalStatus).toBe(7);
    expect(sut.sla).toMatchObject({ state: 'closed', outcome: null });
    expect(fmt(sut.finishedAt)).toBe('2025-01-14T09:00:00+07:00');
  });

  it('a supplement requested on the due date itself still shifts the due by the pause', () => {
    const sut = foldDossier(
      [
        received('2025-01-06 08:00'),
        ev('supplement_requested', '2025-01-13 07:30', { reason: 'x' }),
        ev('supplement_received', '2025-01-13 10:00', {}),
      ],
      context(at('2025-01-13 10:30'), noSteps),
    );
    // Paused 07:30–10:00 = 150 working minutes; due Mon 13/01 08:00 → 10:30.
    expect(fmt(sut.dueAt)).toBe('2025-01-13T10:30:00+07:00');
    expect(sut.sla.state).toBe('overdue');
  });

  it('a supplement returned on a holiday resumes at the next opening', () => {
    // Requested Fri 24/01/2025 16:00 (the last working day before Tết); returned Thu 30/01 (Tết).
    const sut = foldDossier(
      [
        received('2025-01-20 08:00'),
        ev('supplement_requested', '2025-01-24 16:00', { reason: 'x' }),
        ev('supplement_received', '2025-01-30 09:00', {}),
      ],
      context(at('2025-02-03 08:00'), noSteps),
    );
    // Paused working time: Fri 16:00–17:00 only (60 min): base due Mon 27/01 08:00 is inside Tết,
    // so the unshifted due already lands on Mon 03/02 08:00; +60 min → 09:00.
    expect(sut.sla.pausedWorkingMinutes).toBe(60);
    expect(fmt(sut.dueAt)).toBe('2025-02-03T09:00:00+07:00');
  });

  it('a due date in a year without an official schedule is provisional', () => {
    const sut = foldDossier([received('2026-12-28 08:00')], context(at('2026-12-28 09:00'), noSteps));
    expect(sut.provisional).toBe(true);
    const known = foldDossier([received('2026-06-01 08:00')], context(at('2026-06-01 09:00'), noSteps));
    expect(known.provisional).toBe(false);
  });
});
