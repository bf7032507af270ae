import { DESK_EVENTS, EVENT_ROLES, mayBackdate, mayLog, type Principal } from './permissions';
import { DOSSIER_EVENT_TYPES, SYSTEM_EVENT_TYPES } from './vocabulary';

const MC = 'LDTBXH.MC';
const VL = 'LDTBXH.VLATLD';
const VP = 'LDTBXH.VP';
const who = (roles: Principal['roles'], units: string[]): Principal => ({ username: 'u', roles, units });

describe('the role × event table (README, "Who logs what")', () => {
  it('names a role for every event type people log, none for what the system logs, and managers log nothing', () => {
    for (const type of DOSSIER_EVENT_TYPES) {
      const system = (SYSTEM_EVENT_TYPES as readonly string[]).includes(type);
      expect([type, EVENT_ROLES[type].length > 0]).toEqual([type, !system]);
      expect(EVENT_ROLES[type]).not.toContain('manager');
    }
  });

  it('lets the desk log its desk events on a dossier another unit holds, but no longer a withdrawal', () => {
    const desk = who(['officer'], [MC]);
    expect(mayLog(desk, 'paid', VL, MC)).toBe(true);
    expect(mayLog(desk, 'returned', VL, MC)).toBe(true);
    expect(DESK_EVENTS.has('withdrawn')).toBe(false);
    expect(mayLog(desk, 'withdrawn', VL, MC)).toBe(false);
    expect(mayLog(desk, 'withdrawn', MC, MC)).toBe(true);
    expect(mayLog(who(['unit_head'], [VL]), 'withdrawn', VL, MC)).toBe(true);
  });

  it('lets the head of the unit named responsible for the delay issue the apology while another holds it', () => {
    const head = who(['unit_head'], [VL]);
    expect(mayLog(head, 'apology_issued', VP, MC)).toBe(false);
    expect(mayLog(head, 'apology_issued', VP, MC, VL)).toBe(true);
    // Only apologies: the responsible unit does not reach any other event.
    expect(mayLog(head, 'stopped', VP, MC, VL)).toBe(false);
    // Only unit heads and administrators issue apologies.
    expect(mayLog(who(['specialist'], [VL]), 'apology_issued', VP, MC, VL)).toBe(false);
  });

  it('lets the head of the receiving desk issue an apology in the centre’s name, not its officers', () => {
    expect(mayLog(who(['unit_head'], [MC]), 'apology_issued', VP, MC)).toBe(true);
    expect(mayLog(who(['officer'], [MC]), 'apology_issued', VP, MC)).toBe(false);
  });

  it('lets only unit heads and administrators back-date beyond the allowance', () => {
    expect(mayBackdate(who(['officer'], ['*']))).toBe(false);
    expect(mayBackdate(who(['specialist', 'manager'], ['*']))).toBe(false);
    expect(mayBackdate(who(['unit_head'], [VL]))).toBe(true);
    expect(mayBackdate(who(['admin'], ['*']))).toBe(true);
  });

  it('lets only the engine itself log what the system does, whatever a user’s roles', () => {
    const engine = { username: 'system', roles: ['admin' as const], units: ['*'], system: true as const };
    for (const type of SYSTEM_EVENT_TYPES) {
      expect(mayLog(who(['admin'], ['*']), type, VP, MC)).toBe(false);
      expect(mayLog(engine, type, VP, MC)).toBe(true);
    }
    // The engine's flag gives nothing beyond its roles for what people log.
    expect(mayLog({ ...engine, roles: [] }, 'returned', VP, MC)).toBe(false);
  });
});
