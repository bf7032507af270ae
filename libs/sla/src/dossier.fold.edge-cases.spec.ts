import { foldDossier } from './dossier.fold';
import { FIVE_DAY_PROCEDURE, apology, at, context, ev, fmt, received } from './testing/sla-fixtures';
import type { ProcedureRules } from './sla.types';

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
