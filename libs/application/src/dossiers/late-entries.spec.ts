import { CalendarRegistry } from '@motcua/calendar';
import type { StoredEvent } from '@motcua/database';
import { stored } from '../testing/in-memory.fakes';
import { lateEntriesOf } from './late-entries';

const calendars = new CalendarRegistry({}, []);
const at = (iso: string) => Date.parse(iso);
const audited = (e: StoredEvent, recordedAt: string, late: number | null, actor = 'desk'): StoredEvent => ({
  ...e,
  actor,
  recordedAt: at(recordedAt),
  lateWorkingMinutes: late,
});

describe('lateEntriesOf', () => {
  it('lists the events recorded beyond the allowance, with who, when, how late and why', () => {
    const onTime = audited(
      stored('D', 'received', '2025-03-03T08:30:00+07:00'),
      '2025-03-03T08:31:00+07:00',
      1,
    );
    const late = audited(
      stored('D', 'result_ready', '2025-03-03T10:00:00+07:00', {
        outcome: 'approved',
        backdateReason: 'Sổ giấy',
      }),
      '2025-03-05T10:00:00+07:00',
      960,
      'head',
    );
    const exactly = audited(
      stored('D', 'paid', '2025-03-04T10:00:00+07:00'),
      '2025-03-05T10:00:00+07:00',
      480,
    );
    expect(lateEntriesOf([onTime, late, exactly], 480, (t) => calendars.at(t))).toEqual([
      {
        id: late.id,
        type: 'result_ready',
        occurredAt: late.occurredAt,
        recordedAt: at('2025-03-05T10:00:00+07:00'),
        actor: 'head',
        lateWorkingMinutes: 960,
        reason: 'Sổ giấy',
      },
    ]);
  });

  it('counts the lateness of events recorded before intake kept it, from occurredAt to recordedAt', () => {
    // Monday 08:30 → Tuesday 08:30: one working day of 480 minutes, plus 30 minutes more to 09:00.
    const old = audited(stored('D', 'paid', '2025-03-03T08:30:00+07:00'), '2025-03-04T09:00:00+07:00', null);
    expect(lateEntriesOf([old], 480, (t) => calendars.at(t))).toMatchObject([
      { id: old.id, lateWorkingMinutes: 510, reason: null },
    ]);
    expect(lateEntriesOf([old], 510, (t) => calendars.at(t))).toEqual([]);
  });
});
