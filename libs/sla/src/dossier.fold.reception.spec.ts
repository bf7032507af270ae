import { foldDossier } from './dossier.fold';
import { FIVE_DAY_PROCEDURE, at, context, ev, fmt } from './testing/sla-fixtures';
import type { Channel } from './sla.types';

describe('§6.6 late reception of online dossiers (HanTiepNhan = submission + receptionSlaWorkingHours)', () => {
  const receive = (submitted: string, receivedLocal: string, channel: Channel = 'online', hours?: number) =>
    foldDossier(
      [
        ev('received', receivedLocal, {
          procedureCode: FIVE_DAY_PROCEDURE.code,
          channel,
          applicant: { name: 'Phạm Thị D' },
          submittedAt: at(submitted),
        }),
      ],
      context(
        at('2025-03-01 08:00'),
        FIVE_DAY_PROCEDURE,
        hours === undefined ? {} : { receptionSlaWorkingHours: hours },
      ),
    );

  it('counts 8 working hours from a submission in office hours, across the Tết 2025 block', () => {
    // Fri 24/01 16:00–17:00 is 60 min; Tết runs to Sun 02/02; the other 420 min end Mon 03/02 16:00.
    const onTime = receive('2025-01-24 16:00', '2025-02-03 16:00');
    expect(fmt(onTime.receptionDueAt)).toBe('2025-02-03T16:00:00+07:00');
    expect(onTime.receivedLate).toBe(false);
    expect(receive('2025-01-24 16:00', '2025-02-03 16:01').receivedLate).toBe(true);
  });

  it('a submission outside office hours counts from the next opening', () => {
    // Saturday night: the clock starts Mon 13/01 07:00, so the officer has until Mon 17:00.
    const weekend = receive('2025-01-11 21:00', '2025-01-13 17:00');
    expect(fmt(weekend.receptionDueAt)).toBe('2025-01-13T17:00:00+07:00');
    expect(weekend.receivedLate).toBe(false);
    expect(receive('2025-01-11 21:00', '2025-01-14 07:30').receivedLate).toBe(true);
    // Before the opening, and in the lunch break.
    expect(fmt(receive('2025-01-13 06:00', '2025-01-13 08:00').receptionDueAt)).toBe(
      '2025-01-13T17:00:00+07:00',
    );
    expect(fmt(receive('2025-01-13 12:00', '2025-01-13 14:00').receptionDueAt)).toBe(
      '2025-01-14T11:30:00+07:00',
    );
    // After the close: the next working day's opening.
    expect(fmt(receive('2025-01-13 17:30', '2025-01-14 08:00').receptionDueAt)).toBe(
      '2025-01-14T17:00:00+07:00',
    );
  });

  it('follows receptionSlaWorkingHours', () => {
    const sut = receive('2025-01-13 07:00', '2025-01-13 11:01', 'online', 4);
    expect(fmt(sut.receptionDueAt)).toBe('2025-01-13T11:00:00+07:00');
    expect(sut.receivedLate).toBe(true);
  });

  it('applies only to online dossiers; the clock of the dossier still starts at reception', () => {
    const desk = receive('2025-01-06 08:00', '2025-01-09 08:00', 'direct');
    expect(desk).toMatchObject({ receptionDueAt: null, receivedLate: false });
    const online = receive('2025-01-06 08:00', '2025-01-09 08:00');
    expect(online.receivedLate).toBe(true);
    expect(fmt(online.effectiveStartAt)).toBe('2025-01-09T08:00:00+07:00');
  });
});
