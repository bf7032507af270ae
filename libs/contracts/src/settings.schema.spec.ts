import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentSchema, withoutEmptyValues } from './environment.schema';
import { parseWith } from './problems';
import { settingsSchema } from './settings.schema';

const SHIPPED = JSON.parse(readFileSync(join(__dirname, '../../../config/settings.json'), 'utf8')) as unknown;

describe('settings', () => {
  it('the shipped file equals the defaults', () => {
    const { _about, ...shipped } = settingsSchema.parse(SHIPPED);
    expect(typeof _about).toBe('string');
    expect(shipped).toEqual(settingsSchema.parse({}));
  });

  it.each([
    [
      { calendar: { profile: { name: 'x', sessions: [{ start: '07:00', end: '11:00' }], sesions: [] } } },
      'calendar.profile.sesions',
      'is not an allowed field',
    ],
    [
      { calendar: { statutoryRules: { tetBlock: { daysBefore: 1, daysAfter: 3, extra: 1 } } } },
      'calendar.statutoryRules.tetBlock.extra',
      'is not an allowed field',
    ],
    [{ sla: { outcomeGranularty: 'date' } }, 'sla.outcomeGranularty', 'is not an allowed field'],
    [{ extra: 1 }, 'extra', 'is not an allowed field'],
    [{ sla: { sameDayCutoff: '25:00' } }, 'sla.sameDayCutoff', 'must be a time HH:MM (00:00–23:59)'],
    [{ sla: { hoursPerWorkingDay: 0 } }, 'sla.hoursPerWorkingDay', 'must be greater than 0'],
    [{ sla: { regime2025From: '2025-02-30' } }, 'sla.regime2025From', 'must be a real date YYYY-MM-DD'],
    [
      {
        calendar: {
          profile: {
            name: 'x',
            sessions: [
              { start: '13:00', end: '17:00' },
              { start: '07:00', end: '11:00' },
            ],
          },
        },
      },
      'calendar.profile.sessions[1].start',
      'must not be before the previous session ends',
    ],
  ])('refuses %j', (value, field, problem) => {
    expect(parseWith(settingsSchema, value)).toEqual({ ok: false, problems: [{ field, problem }] });
  });

  describe('§6.1: sla.hoursPerWorkingDay is one day of the office-hours profile', () => {
    // 07:30–11:30 and 13:30–17:00: 7.5 hours, as some provinces keep in summer.
    const summer = {
      name: 'summer',
      sessions: [
        { start: '07:30', end: '11:30' },
        { start: '13:30', end: '17:00' },
      ],
    };

    it('refuses a 7.5-hour profile with the default 8 hours a day, naming both values', () => {
      expect(parseWith(settingsSchema, { calendar: { profile: summer } })).toEqual({
        ok: false,
        problems: [
          {
            field: 'sla.hoursPerWorkingDay',
            problem:
              'must match calendar.profile "summer": it is 8 hours (480 working minutes), ' +
              "but the profile's sessions give 450 minutes (7.5 hours) a day",
          },
        ],
      });
    });

    it('accepts them when they agree', () => {
      const ok = parseWith(settingsSchema, {
        calendar: { profile: summer },
        sla: { hoursPerWorkingDay: 7.5 },
      });
      expect(ok).toMatchObject({ ok: true, value: { sla: { hoursPerWorkingDay: 7.5 } } });
    });
  });
});

describe('environment', () => {
  const parse = (env: Record<string, string>) => parseWith(environmentSchema, withoutEmptyValues(env));

  it('applies the defaults and ignores other variables', () => {
    const r = parse({ PATH: '/bin', PORT: '' });
    expect(r).toMatchObject({
      ok: true,
      value: { PORT: 3000, WORKER_CONCURRENCY: 64, NODE_ENV: 'development' },
    });
    expect(r.ok && 'PATH' in r.value).toBe(false);
  });

  it('coerces numbers and checks them', () => {
    expect(parse({ PORT: '4321', RELAY_GRACE_MS: '0' })).toMatchObject({
      ok: true,
      value: { PORT: 4321, RELAY_GRACE_MS: 0 },
    });
    expect(parse({ PORT: 'abc', WORKER_CONCURRENCY: '0', RELAY_STALE_MS: '1e6' })).toEqual({
      ok: false,
      problems: [
        { field: 'PORT', problem: 'must be an integer 0–65535, got "abc"' },
        { field: 'WORKER_CONCURRENCY', problem: 'must be an integer 1–1000' },
        { field: 'RELAY_STALE_MS', problem: 'must be an integer 1000–86400000, got "1e6"' },
      ],
    });
  });

  it('checks URLs, NODE_ENV and the production secret', () => {
    expect(parse({ DATABASE_URL: 'mysql://x', NODE_ENV: 'staging' })).toEqual({
      ok: false,
      problems: [
        { field: 'NODE_ENV', problem: 'must be one of development, test, production' },
        { field: 'DATABASE_URL', problem: 'must be a URL starting with postgres:// or postgresql://' },
      ],
    });
    expect(parse({ NODE_ENV: 'production' })).toEqual({
      ok: false,
      problems: [{ field: 'JWT_SECRET', problem: 'must be set in production' }],
    });
  });
});
