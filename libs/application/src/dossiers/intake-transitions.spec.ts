import type { Principal } from '@motcua/contracts';
import { MC, rulesWith, stored, VLATLD } from '../testing/in-memory.fakes';
import { arrivesNewest, transitionRefusal, tryFold } from './intake-transitions';

const admin: Principal = { username: 'a', roles: ['admin'], units: ['*'] };
const RECEIVED = { procedureCode: 'P.1', channel: 'direct', applicant: { name: 'An' } };
const NOW = Date.parse('2025-03-10T09:00:00+07:00');

describe('intake transitions', () => {
  it('a fold that throws becomes a refusal, never a 500', () => {
    const e = { id: 'x', type: 'paid', occurredAt: NOW, data: {} };
    expect(transitionRefusal(e, admin, [], null, new Error('year 9999 is out of range'))).toMatchObject({
      status: 422,
      code: 'transition_not_allowed',
      message: expect.stringMatching(/cannot be computed with this event: year 9999/),
    });
  });

  it('tryFold hands back what the fold threw', () => {
    const rules = rulesWith();
    // The same rules, except that no calendar can be had for any instant.
    const bad = Object.assign(Object.create(rules) as object, {
      at: () => {
        throw new Error('no calendar');
      },
    }) as never;
    const history = [stored('D', 'received', '2025-03-03T08:30:00+07:00', RECEIVED)];
    expect(tryFold(history, bad, NOW)).toEqual(new Error('no calendar'));
    expect(tryFold(history, rules, NOW)).toMatchObject({ state: { status: 'RECEIVED', unitCode: MC } });
  });

  it('an event at the same instant as the newest stored one still arrives as the newest', () => {
    const history = [
      stored('D', 'received', '2025-03-03T08:30:00+07:00', RECEIVED),
      stored('D', 'forwarded', '2025-03-03T10:00:00+07:00', {
        fromUnit: MC,
        toUnit: VLATLD,
        method: 'paper',
      }),
    ];
    expect(arrivesNewest({ occurredAt: history[1].occurredAt }, history)).toBe(true);
    expect(arrivesNewest({ occurredAt: history[1].occurredAt - 1 }, history)).toBe(false);
  });

  it('what the engine recorded on its own (a deadline reached) does not make a later-logged event out of order', () => {
    const history = [
      stored('D', 'received', '2025-03-10T08:00:00+07:00', RECEIVED),
      stored('D', 'deadline_reached', '2025-03-10T12:00:00+07:00', {
        kind: 'step_due',
        at: Date.parse('2025-03-10T12:00:00+07:00'),
      }),
    ];
    expect(arrivesNewest({ occurredAt: Date.parse('2025-03-10T11:55:00+07:00') }, history)).toBe(true);
    expect(arrivesNewest({ occurredAt: Date.parse('2025-03-10T07:55:00+07:00') }, history)).toBe(false);
  });
});
