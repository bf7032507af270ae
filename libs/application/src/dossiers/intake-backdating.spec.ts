import { CalendarRegistry, createWorkingCalendar } from '@motcua/calendar';
import type { Principal } from '@motcua/contracts';
import { backdateRefusal, lateWorkingMinutes } from './intake-backdating';

const at = (iso: string) => Date.parse(iso);
const calendar = new CalendarRegistry({}, []).latest();

describe('lateWorkingMinutes', () => {
  it('counts working time only, and nothing for an event stamped at or after the recording', () => {
    // Friday 16:00 → Monday 08:00: 60 minutes on Friday, 60 on Monday; the weekend does not count.
    expect(
      lateWorkingMinutes(at('2025-03-07T16:00:00+07:00'), at('2025-03-10T08:00:00+07:00'), calendar),
    ).toBe(120);
    const t = at('2025-03-10T08:00:00+07:00');
    expect(lateWorkingMinutes(t + 60_000, t, calendar)).toBe(0);
  });

  it('falls back on elapsed clock time when the calendar refuses to count', () => {
    const refusing = createWorkingCalendar({ missingYearPolicy: 'refuse' });
    expect(
      lateWorkingMinutes(at('2025-03-07T16:00:00+07:00'), at('2025-03-10T08:00:00+07:00'), refusing),
    ).toBe((3 * 24 - 8) * 60);
  });
});

describe('backdateRefusal', () => {
  const officer: Principal = { username: 'o', roles: ['officer'], units: ['*'] };
  const head: Principal = { username: 'h', roles: ['unit_head'], units: ['*'] };
  const admin: Principal = { username: 'a', roles: ['admin'], units: ['*'] };
  const e = (data: Record<string, unknown> = {}) => ({ type: 'paid', data });

  it('lets anyone date an event within the allowance', () => {
    expect(backdateRefusal(e(), officer, 480, 480)).toBeNull();
  });

  it('refuses officers and specialists beyond it, even with a reason', () => {
    const r = backdateRefusal(e({ backdateReason: 'x' }), officer, 481, 480);
    expect(r).toMatchObject({
      status: 422,
      code: 'backdate_not_allowed',
      details: [{ field: 'occurredAt' }],
    });
  });

  it('needs a reason (not blank) from unit heads and administrators beyond it', () => {
    for (const who of [head, admin]) {
      expect(backdateRefusal(e({ backdateReason: '   ' }), who, 481, 480)).toMatchObject({
        code: 'backdate_not_allowed',
        details: [{ field: 'data.backdateReason' }],
      });
      expect(backdateRefusal(e({ backdateReason: 'Nhập bù từ sổ giấy' }), who, 10_000, 480)).toBeNull();
    }
  });
});
