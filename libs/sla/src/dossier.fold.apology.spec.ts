import { foldDossier } from './dossier.fold';
import { apology, at, context, ev, fmt, received } from './testing/sla-fixtures';

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
    expect(sut.timeline[2].reason).toContain('sla.maxReappointments allows 1');
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

describe('§5.1 sla.maxReappointments', () => {
  const settings = { maxReappointments: 2 };

  it('allows up to N apologies, each later than the previous re-appointment; the next is refused', () => {
    const sut = foldDossier(
      [
        received('2025-01-06 08:00'),
        apology('2025-01-09 08:00', '2025-01-15 10:00'),
        apology('2025-01-14 08:00', '2025-01-17 10:00'),
        apology('2025-01-16 08:00', '2025-01-20 10:00'),
        ev('result_ready', '2025-01-17 09:00', { outcome: 'approved' }),
      ],
      context(at('2025-01-20 09:00'), undefined, settings),
    );
    expect(sut.timeline.map((t) => t.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'rejected',
      'applied',
    ]);
    expect(sut.timeline[3].reason).toContain('sla.maxReappointments allows 2');
    // The first letter answers the duty; the re-appointment in force is the latest one.
    expect(fmt(sut.apology?.issuedAt)).toBe('2025-01-09T08:00:00+07:00');
    expect(sut.apology?.status).toBe('issued_on_time');
    expect(sut.apology?.later.map((l) => fmt(l.newDueAt))).toEqual(['2025-01-17T10:00:00+07:00']);
    expect(fmt(sut.rescheduledDueAt)).toBe('2025-01-17T10:00:00+07:00');
    expect(sut.apology?.reappointmentMet).toBe(true);
    expect(fmt(sut.dueAt)).toBe('2025-01-13T08:00:00+07:00');
    expect(sut.sla.outcome).toBe('late');
  });

  it('a later apology must re-appoint after the previous re-appointment', () => {
    const sut = foldDossier(
      [
        received('2025-01-06 08:00'),
        apology('2025-01-09 08:00', '2025-01-15 10:00'),
        apology('2025-01-14 08:00', '2025-01-15 10:00'),
      ],
      context(at('2025-01-14 09:00'), undefined, settings),
    );
    expect(sut.timeline[2]).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('later than the previous re-appointment, 2025-01-15T10:00:00+07:00'),
    });
  });

  it('0 refuses every apology with a new date', () => {
    const sut = foldDossier(
      [received('2025-01-06 08:00'), apology('2025-01-09 08:00', '2025-01-15 10:00')],
      context(at('2025-01-10 09:00'), undefined, { maxReappointments: 0 }),
    );
    expect(sut.timeline[1]).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('sla.maxReappointments allows 0'),
    });
    expect(sut.apology?.issuedAt).toBeNull();
  });
});
