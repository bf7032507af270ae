import { foldDossier } from './dossier.fold';
import { FIVE_DAY_PROCEDURE, at, context, ev, fmt, received } from './testing/sla-fixtures';
import type { ProcedureRules } from './sla.types';

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
    // §6.7: pausedWorkingMinutes counts only the pauses that moved the due date; the interval itself is kept.
    expect(without.sla.pausedWorkingMinutes).toBe(0);
    expect(without.pauses).toEqual([
      expect.objectContaining({ kind: 'financial_obligation', workingMinutes: 480 }),
    ]);
    expect(withPause.sla.pausedWorkingMinutes).toBe(480);
    expect(foldDossier(events.slice(0, 2), context(at('2025-01-07 09:00'), tet)).nationalStatus).toBe(6);
  });

  it('§6.7: pausedWorkingMinutes adds a supplement pause but not an obligation that left the clock running', () => {
    const sut = foldDossier(
      [
        received('2025-01-06 08:00'),
        ev('supplement_requested', '2025-01-06 09:00', { reason: 'x' }),
        ev('supplement_received', '2025-01-06 10:00', {}),
        ev('obligation_requested', '2025-01-07 08:00', { amountVnd: 100000 }),
      ],
      context(at('2025-01-08 08:00'), tet),
    );
    expect(sut.pauses.map((p) => [p.kind, p.workingMinutes])).toEqual([
      ['supplement', 60],
      ['financial_obligation', 480],
    ]);
    expect(sut.sla.pausedWorkingMinutes).toBe(60);
    expect(sut.sla.state).not.toBe('paused');
  });
});
