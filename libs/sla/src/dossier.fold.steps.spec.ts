import { foldDossier } from './dossier.fold';
import { at, context, ev, fmt, received } from './testing/sla-fixtures';

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

  describe('§3.1 / §6.5: a paper dossier leaves the desk the same working day, or at the next opening', () => {
    const paperAt = (receivedLocal: string, forwardedLocal: string) =>
      foldDossier(
        [
          received(receivedLocal),
          ev('forwarded', forwardedLocal, {
            fromUnit: 'LDTBXH.MC',
            toUnit: 'LDTBXH.VLATLD',
            method: 'paper',
          }),
        ],
        context(at('2025-01-08 12:00')),
      ).steps[0];

    it('after the 15:00 cut-off: by the opening of the next working day; later is the desk’s overrun', () => {
      // Received Mon 15:30: the allowance is the rest of Monday (90 min), up to Tue 07:00.
      expect(paperAt('2025-01-06 15:30', '2025-01-06 16:30')).toMatchObject({ outcome: 'early' });
      expect(paperAt('2025-01-06 15:30', '2025-01-07 07:00')).toMatchObject({
        outcome: 'on_time',
        allocatedWorkingMinutes: 90,
        usedWorkingMinutes: 90,
      });
      expect(paperAt('2025-01-06 15:30', '2025-01-07 11:00')).toMatchObject({
        outcome: 'late',
        overrunWorkingMinutes: 240,
      });
    });

    it('before the cut-off: by the close of the same working day', () => {
      expect(paperAt('2025-01-06 14:59', '2025-01-06 17:00')).toMatchObject({ outcome: 'on_time' });
      expect(paperAt('2025-01-06 14:59', '2025-01-07 07:10')).toMatchObject({
        outcome: 'late',
        overrunWorkingMinutes: 10,
      });
    });

    it('a receipt after office hours counts as made at the next opening, so it may leave that day', () => {
      expect(paperAt('2025-01-06 17:30', '2025-01-07 16:00')).toMatchObject({ outcome: 'early' });
      expect(paperAt('2025-01-06 17:30', '2025-01-07 17:00')).toMatchObject({ outcome: 'on_time' });
    });

    it('the late desk is named responsible', () => {
      const sut = foldDossier(
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
      expect(sut.steps[0]).toMatchObject({ outcome: 'late', overrunWorkingMinutes: 300 });
      expect(sut.responsibleUnits).toEqual(['LDTBXH.MC']);
    });
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
