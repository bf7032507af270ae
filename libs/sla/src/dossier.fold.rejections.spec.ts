import { foldDossier } from './dossier.fold';
import { at, context, ev, received } from './testing/sla-fixtures';

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
