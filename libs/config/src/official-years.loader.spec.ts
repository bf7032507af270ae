import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidCalendarScheduleError, validateOfficialYearSchedule } from '@motcua/calendar';
import { loadOfficialYears } from './official-years.loader';

const CONFIG_DIR = join(__dirname, '../../../config/calendars');

describe('official-years.loader', () => {
  it('loads the 2024–2026 schedules from config/calendars', () => {
    const years = loadOfficialYears(CONFIG_DIR);
    expect(years.map((y) => y.year)).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    const y2026 = years.find((y) => y.year === 2026)!;
    expect(y2026.notes).toMatch(/03\/09.*ASSUMPTION/);
    expect(y2026.makeupWorkdays.map((d) => d.date)).toEqual(['2026-01-10']);
  });

  describe('with a temporary directory', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'motcua-calendar-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('rejects a file whose name does not match its year and ignores other files', () => {
      writeFileSync(join(dir, 'README.txt'), 'ignored');
      writeFileSync(
        join(dir, '2030.json'),
        JSON.stringify({ year: 2031, source: 's', daysOff: [], makeupWorkdays: [] }),
      );
      expect(() => loadOfficialYears(dir)).toThrow(/file name does not match year 2031/);
    });

    it('rejects invalid JSON', () => {
      writeFileSync(join(dir, '2030.json'), '{ "year": 2030,');
      expect(() => loadOfficialYears(dir)).toThrow(InvalidCalendarScheduleError);
    });
  });
});

describe('official-year.validator', () => {
  const base = { year: 2030, source: 'test', daysOff: [], makeupWorkdays: [] };

  it('accepts a minimal schedule', () => {
    expect(validateOfficialYearSchedule(base)).toEqual(base);
  });

  it.each([
    ['unknown key', { ...base, dayOff: [] }, /unknown key "dayOff"/],
    [
      'date outside the year',
      { ...base, daysOff: [{ date: '2031-01-01', kind: 'holiday', name: 'x' }] },
      /outside/,
    ],
    [
      'impossible date',
      { ...base, daysOff: [{ date: '2030-02-30', kind: 'holiday', name: 'x' }] },
      /invalid date/,
    ],
    ['bad kind', { ...base, daysOff: [{ date: '2030-01-01', kind: 'weekend', name: 'x' }] }, /invalid kind/],
    [
      'weekend compensatory',
      { ...base, daysOff: [{ date: '2030-01-05', kind: 'compensatory', name: 'x' }] },
      /weekend/,
    ],
    ['weekday make-up', { ...base, makeupWorkdays: [{ date: '2030-01-07', name: 'x' }] }, /not a Saturday/],
    [
      'duplicate date',
      {
        ...base,
        daysOff: [{ date: '2030-01-01', kind: 'holiday', name: 'x' }],
        makeupWorkdays: [{ date: '2030-01-01', name: 'y' }],
      },
      /listed twice/,
    ],
    ['missing name', { ...base, daysOff: [{ date: '2030-01-01', kind: 'holiday' }] }, /name is required/],
  ])('rejects %s', (_label, value, message) => {
    expect(() => validateOfficialYearSchedule(value)).toThrow(message);
  });
});
