import { foldDossier } from './dossier.fold';
import { at, context, ev, fmt, received } from './testing/sla-fixtures';

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
