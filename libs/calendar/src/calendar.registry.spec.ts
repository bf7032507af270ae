import * as path from 'node:path';
import { CalendarRegistry, type CalendarYearVersion } from './calendar.registry';
import { localInstant } from './local-time.util';
import { loadOfficialYears } from '@motcua/config';

const official = loadOfficialYears(path.join(__dirname, '../../../config/calendars'));
const y2025 = official.find((s) => s.year === 2025)!;
const T0 = 0;
const PUBLISHED = localInstant('2025-03-01', '09:00');

/** 2025 as shipped, then a second version that adds Friday 14/03/2025 as a day off. */
const versions: CalendarYearVersion[] = [
  { year: 2025, version: 1, effectiveFrom: T0, schedule: y2025 },
  {
    year: 2025,
    version: 2,
    effectiveFrom: PUBLISHED,
    schedule: {
      ...y2025,
      daysOff: [...y2025.daysOff, { date: '2025-03-14', kind: 'holiday', name: 'Ngày nghỉ bổ sung' }],
    },
  },
];

describe('CalendarRegistry', () => {
  const sut = new CalendarRegistry({}, versions);

  it('gives each instant the schedules published by then', () => {
    expect(sut.at(PUBLISHED - 1).isWorkingDay('2025-03-14')).toBe(true);
    expect(sut.at(PUBLISHED).isWorkingDay('2025-03-14')).toBe(false);
    expect(sut.latest().isWorkingDay('2025-03-14')).toBe(false);
    expect(sut.versionsAt(PUBLISHED - 1)).toEqual({ 2025: 1 });
    expect(sut.versionsAt(PUBLISHED)).toEqual({ 2025: 2 });
  });

  it('counts a year published later as provisional for earlier instants', () => {
    expect(sut.at(T0).dayInfo('2026-02-17').provisional).toBe(true);
    expect(sut.at(T0).dayInfo('2025-01-29').provisional).toBe(false);
  });

  it('builds one calendar per combination of versions', () => {
    expect(sut.at(PUBLISHED + 1)).toBe(sut.at(PUBLISHED + 2));
    expect(sut.at(PUBLISHED - 1)).not.toBe(sut.at(PUBLISHED));
  });
});
