import fc from 'fast-check';
import { foldDossier } from './dossier.fold';
import {
  FIVE_DAY_PROCEDURE,
  apology,
  at,
  context,
  ev,
  fmt,
  realCalendar,
  received,
  refusingCalendar,
} from './testing/sla-fixtures';
import type { DossierEvent, Instant, ProcedureRules } from './sla.types';
import type { FoldContext } from './dossier.fold';

const refusing = (now: Instant, procedure: ProcedureRules = FIVE_DAY_PROCEDURE): FoldContext => ({
  ...context(now, procedure),
  calendar: refusingCalendar(),
});

describe('the fold never throws (issue 7: one bad date breaks a dossier for good)', () => {
  it('a reception whose submittedAt lies in year 9999 is rejected with the calendar’s reason', () => {
    const bad = ev('received', '2025-01-06 08:00', {
      procedureCode: FIVE_DAY_PROCEDURE.code,
      channel: 'online',
      applicant: { name: 'Trần Thị B' },
      submittedAt: at('9999-12-31 08:00'),
    });
    const sut = foldDossier([bad, received('2025-01-06 09:00')], context(at('2025-01-07 08:00')));
    expect(sut.timeline[0]).toMatchObject({
      id: bad.id,
      status: 'rejected',
      reason: expect.stringContaining('Year 9999 is outside the supported range'),
    });
    // The half-applied reception left nothing behind: the next reception starts a clean dossier.
    expect(sut.timeline[1].status).toBe('applied');
    expect(sut).toMatchObject({ status: 'RECEIVED', submittedAt: null, receptionDueAt: null });
    expect(fmt(sut.receivedAt)).toBe('2025-01-06T09:00:00+07:00');
  });

  it('an apology whose newDueAt lies in year 9999 is rejected; the dossier keeps its due date', () => {
    const sut = foldDossier(
      [received('2025-01-06 08:00'), apology('2025-01-09 08:00', '9999-12-31 10:00')],
      context(at('2025-01-10 08:00')),
    );
    expect(sut.timeline[1]).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('cannot be applied: Year 9999'),
    });
    expect(sut.apology?.issuedAt).toBeNull();
    expect(fmt(sut.dueAt)).toBe('2025-01-13T08:00:00+07:00');
  });

  it('under missingYearPolicy refuse, a reception in a year without an official calendar is rejected', () => {
    const sut = foldDossier([received('2031-03-03 08:00')], refusing(at('2026-03-04 08:00')));
    expect(sut.timeline[0]).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('No official working-calendar schedule for year 2031'),
    });
    expect(sut.status).toBe('NEW');
    expect(sut.sla.state).toBe('closed');
  });

  it('under refuse, a reading instant in a year without a calendar rejects no event: dates as of the newest event', () => {
    // Received and due in 2026 (official); read in 2027, which has no official calendar.
    const sut = foldDossier([received('2026-03-02 08:00')], refusing(at('2027-01-05 08:00')));
    expect(sut.timeline.map((t) => t.status)).toEqual(['applied']);
    expect(fmt(sut.dueAt)).toBe('2026-03-09T08:00:00+07:00');
    // The state at the reading instant comes from the time-free facts; what needs counting up to it is unknown.
    expect(sut.sla).toMatchObject({ state: 'overdue', remainingWorkingMinutes: null });
  });

  it('an error while assessing the final state rejects the newest applied event and folds again', () => {
    // TD's allocation runs into 2027, which has no official calendar: only the assessment computes step dues.
    const longStep: ProcedureRules = {
      ...FIVE_DAY_PROCEDURE,
      steps: [
        FIVE_DAY_PROCEDURE.steps[0],
        { code: 'TD', unitCode: 'LDTBXH.VLATLD', allocatedWorkingHours: 2000 },
      ],
    };
    const toTd = ev('forwarded', '2026-06-02 08:00', {
      fromUnit: 'LDTBXH.MC',
      toUnit: 'LDTBXH.VLATLD',
      method: 'electronic',
    });
    const sut = foldDossier([received('2026-06-01 08:00'), toTd], refusing(at('2026-06-02 09:00'), longStep));
    expect(sut.timeline.map((t) => t.status)).toEqual(['applied', 'rejected']);
    expect(sut.timeline[1]).toMatchObject({
      id: toTd.id,
      reason: expect.stringMatching(/dates cannot be computed with this event: No official .* year 2027/),
    });
    expect(sut).toMatchObject({ status: 'RECEIVED', unitCode: 'LDTBXH.MC' });
    expect(sut.steps.map((s) => s.code)).toEqual(['TN']);
  });

  it('a paper handover from an ad-hoc step gets no paper-forwarding allowance (no negative allowance)', () => {
    // No steps: the dossier starts with the lead unit and no desk step; the first handover opens an ad-hoc step.
    const noSteps: ProcedureRules = { ...FIVE_DAY_PROCEDURE, steps: [] };
    const sut = foldDossier(
      [
        received('2025-01-06 08:00'),
        ev('forwarded', '2025-01-07 09:00', {
          fromUnit: 'LDTBXH.VLATLD',
          toUnit: 'LDTBXH.VP',
          method: 'electronic',
        }),
        ev('forwarded', '2025-01-07 10:00', { fromUnit: 'LDTBXH.VP', toUnit: 'LDTBXH.MC', method: 'paper' }),
      ],
      context(at('2025-01-08 08:00'), noSteps),
    );
    expect(sut.timeline.map((t) => t.status)).toEqual(['applied', 'applied', 'applied']);
    expect(sut.steps[0]).toMatchObject({
      code: 'ADHOC-LDTBXH.VP',
      handoverMethod: 'paper',
      dueAt: null,
      outcome: null,
      usedWorkingMinutes: 60,
      overrunWorkingMinutes: 0,
    });
    expect(sut.unitCode).toBe('LDTBXH.MC');
  });
});

describe('property: any schema-valid event stream folds without throwing', () => {
  const FIRST = at('1000-01-01 00:00');
  const LAST = at('9999-12-31 23:59');
  const near = fc.integer({ min: at('2024-12-20 00:00'), max: at('2025-02-20 00:00') });
  const extreme = fc.oneof(
    fc.integer({ min: FIRST, max: LAST }),
    fc.constantFrom(FIRST, LAST, at('2026-12-31 16:00'), at('2027-01-04 08:00')),
  );
  const instant = fc.oneof({ weight: 5, arbitrary: near }, { weight: 1, arbitrary: extreme });
  const unit = fc.constantFrom('LDTBXH.MC', 'LDTBXH.VLATLD', 'LDTBXH.VP');
  const applicant = { name: 'Nguyễn Văn An' };
  const event = fc.oneof(
    fc.record({
      type: fc.constant('received'),
      occurredAt: instant,
      data: fc.record(
        {
          procedureCode: fc.constantFrom(FIVE_DAY_PROCEDURE.code, '9.999999'),
          channel: fc.constantFrom('online', 'direct'),
          applicant: fc.constant(applicant),
          submittedAt: instant,
        },
        { requiredKeys: ['procedureCode', 'channel', 'applicant'] },
      ),
    }),
    fc.record({
      type: fc.constant('forwarded'),
      occurredAt: instant,
      data: fc.record(
        {
          fromUnit: unit,
          toUnit: unit,
          method: fc.constantFrom('electronic', 'paper'),
          stepCode: fc.constantFrom('TN', 'TD', 'KY', 'TRA'),
        },
        { requiredKeys: ['fromUnit', 'toUnit', 'method'] },
      ),
    }),
    fc.record({
      type: fc.constant('apology_issued'),
      occurredAt: instant,
      data: fc.record({
        reason: fc.constant('r'),
        newDueAt: instant,
        signer: fc.constant({ name: 'A', title: 'Giám đốc' }),
        responsibleUnit: unit,
      }),
    }),
    fc.record({
      type: fc.constant('supplement_requested'),
      occurredAt: instant,
      data: fc.record({ reason: fc.constant('x'), override: fc.boolean() }),
    }),
    fc.record({
      type: fc.constantFrom(
        'supplement_received',
        'obligation_requested',
        'obligation_fulfilled',
        'rules_rebased',
      ),
      occurredAt: instant,
      data: fc.constant({ reason: 'x' }),
    }),
    fc.record({
      type: fc.constant('result_ready'),
      occurredAt: instant,
      data: fc.constant({ outcome: 'approved' }),
    }),
    fc.record({ type: fc.constant('returned'), occurredAt: instant, data: fc.constant({ method: 'desk' }) }),
    fc.record({
      type: fc.constantFrom('withdrawn', 'stopped'),
      occurredAt: instant,
      data: fc.constant({ reason: 'x' }),
    }),
    fc.record({
      type: fc.constant('refused_at_reception'),
      occurredAt: instant,
      data: fc.constant({
        procedureCode: FIVE_DAY_PROCEDURE.code,
        channel: 'direct',
        applicant,
        reason: 'x',
      }),
    }),
    fc.record({
      type: fc.constant('paid'),
      occurredAt: instant,
      data: fc.constant({ amountVnd: 1, method: 'online' }),
    }),
    fc.record({
      type: fc.constant('rated'),
      occurredAt: instant,
      data: fc.constant({ rating: 'satisfied' }),
    }),
  );
  // Mostly a plain reception first, so the later events meet an open dossier.
  const lead = fc.option(fc.constant(received('2024-12-19 08:00')), { freq: 4 });
  const stream = fc
    .tuple(lead, fc.array(event, { maxLength: 10 }))
    .map(([first, items]) => [
      ...(first ? [first] : []),
      ...items.map((e, i) => ({ ...e, id: `p${String(i).padStart(2, '0')}` }) as DossierEvent),
    ]);
  const procedure = fc.constantFrom<ProcedureRules>(
    FIVE_DAY_PROCEDURE,
    { ...FIVE_DAY_PROCEDURE, steps: [] },
    { ...FIVE_DAY_PROCEDURE, duration: { value: 30, unit: 'calendar_days' }, supplementPolicy: 'restart' },
    { ...FIVE_DAY_PROCEDURE, duration: { value: 0, unit: 'same_day' }, pauseOnFinancialObligation: true },
    { ...FIVE_DAY_PROCEDURE, duration: { value: 0, unit: 'none' } },
  );
  const settings = fc.record({
    workingDayModel: fc.constantFrom('hour_based', 'day_based'),
    outcomeGranularity: fc.constantFrom('date', 'datetime'),
    afterHoursPolicy: fc.constantFrom('next_opening', 'as_received'),
    maxReappointments: fc.integer({ min: 0, max: 3 }),
  } as const);

  it('never throws, and every event appears exactly once in the timeline, whatever the order', () => {
    fc.assert(
      fc.property(
        stream,
        procedure,
        settings,
        fc.constantFrom('provisional', 'refuse'),
        fc.oneof({ weight: 4, arbitrary: near.map((t) => t + 30 * 86_400_000) }, extreme),
        fc.integer(),
        (events, rules, overrides, policy, now, seed) => {
          const ctx = {
            ...context(now, rules, overrides),
            calendar: policy === 'refuse' ? refusingCalendar() : realCalendar(),
          };
          const shuffled = [...events].sort(
            (a, b) => ((a.id.charCodeAt(2) * seed) % 5) - ((b.id.charCodeAt(2) * seed) % 5),
          );
          const sut = foldDossier(shuffled, ctx);
          expect(sut.timeline.map((t) => t.id).sort()).toEqual(events.map((e) => e.id).sort());
          expect(foldDossier(events, ctx)).toEqual(sut);
        },
      ),
      { numRuns: 300 },
    );
  });
});
