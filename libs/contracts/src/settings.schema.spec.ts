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
    [
      { notifications: { recipients: { 'LDTBXH.VP': ['không phải địa chỉ'] } } },
      'notifications.recipients.LDTBXH.VP[0]',
      'has an invalid format (expected ^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$)',
    ],
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

describe('apology settings (issue 8)', () => {
  it('default to drafting for a signature, proposing the remaining time plus 5 working days', () => {
    expect(settingsSchema.parse({}).apology).toEqual({
      proposedExtraWorkingDays: 5,
      autoIssue: false,
      autoIssueSigner: null,
      signerTitles: { agency: 'GIÁM ĐỐC', department: 'TRƯỞNG PHÒNG', one_stop: 'TRƯỞNG BỘ PHẬN' },
    });
  });

  it('refuse automatic issuing without a signer, and a proposal of no extra day', () => {
    expect(parseWith(settingsSchema, { apology: { autoIssue: true } })).toEqual({
      ok: false,
      problems: [
        {
          field: 'apology.autoIssueSigner',
          problem: 'must name the signer {name, title} when autoIssue is true',
        },
      ],
    });
    expect(parseWith(settingsSchema, { apology: { proposedExtraWorkingDays: 0 } })).toMatchObject({
      ok: false,
      problems: [{ field: 'apology.proposedExtraWorkingDays' }],
    });
    const signer = { name: 'Nguyễn Văn Bình', title: 'GIÁM ĐỐC' };
    expect(
      parseWith(settingsSchema, { apology: { autoIssue: true, autoIssueSigner: signer } }),
    ).toMatchObject({ ok: true, value: { apology: { autoIssue: true, autoIssueSigner: signer } } });
  });
});

describe('environment', () => {
  const parse = (env: Record<string, string>) => parseWith(environmentSchema, withoutEmptyValues(env));

  // Outside an explicit development or test the secrets are required (see below); these cases are about the rest.
  it('applies the defaults and ignores other variables', () => {
    const r = parse({ PATH: '/bin', PORT: '', NODE_ENV: 'development' });
    expect(r).toMatchObject({
      ok: true,
      value: { PORT: 3000, WORKER_CONCURRENCY: 100, NODE_ENV: 'development' },
    });
    expect(r.ok && 'PATH' in r.value).toBe(false);
  });

  it('coerces numbers and checks them', () => {
    expect(parse({ PORT: '4321', RELAY_GRACE_MS: '0', NODE_ENV: 'test' })).toMatchObject({
      ok: true,
      value: { PORT: 4321, RELAY_GRACE_MS: 0 },
    });
    expect(parse({ PORT: 'abc', WORKER_CONCURRENCY: '0', RELAY_STALE_MS: '1e6', NODE_ENV: 'test' })).toEqual({
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
    // Issue 7: production needs both secrets, and says what a good JWT_SECRET is.
    expect(parse({ NODE_ENV: 'production' })).toEqual({
      ok: false,
      problems: [
        {
          field: 'JWT_SECRET',
          problem:
            'must be set to a random value of at least 32 bytes unless NODE_ENV is development or test',
        },
        { field: 'ADMIN_PASSWORD', problem: 'must be set unless NODE_ENV is development or test' },
        {
          field: 'LOOKUP_SECRET',
          problem:
            'must be set to a random value of at least 32 bytes unless NODE_ENV is development or test',
        },
      ],
    });
  });

  const strong = {
    JWT_SECRET: 'k'.repeat(32),
    ADMIN_PASSWORD: 'a long admin password',
    LOOKUP_SECRET: 'l'.repeat(32),
  };

  it.each([
    ['production', { NODE_ENV: 'production' }],
    ['an unset NODE_ENV', {}],
  ])('refuses published, short or missing secrets under %s', (_name, nodeEnv) => {
    expect(parse({ ...nodeEnv, ...strong })).toMatchObject({ ok: true });
    expect(
      parse({
        ...nodeEnv,
        JWT_SECRET: 'motcua-dev-jwt-secret-change-me',
        ADMIN_PASSWORD: 'motcua-admin',
        LOOKUP_SECRET: 'motcua-dev-lookup-secret',
      }),
    ).toEqual({
      ok: false,
      problems: [
        { field: 'JWT_SECRET', problem: 'is a published default: set a random value of at least 32 bytes' },
        { field: 'ADMIN_PASSWORD', problem: 'is the published development default: choose another' },
        {
          field: 'LOOKUP_SECRET',
          problem: 'is the published development default: set a random value of at least 32 bytes',
        },
      ],
    });
    // Bytes, not characters: 16 Vietnamese letters of 2 bytes each are enough, 31 ASCII ones are not.
    expect(parse({ ...nodeEnv, ...strong, JWT_SECRET: 'đ'.repeat(16) })).toMatchObject({ ok: true });
    expect(parse({ ...nodeEnv, ...strong, JWT_SECRET: 'k'.repeat(31), ADMIN_PASSWORD: 'short' })).toEqual({
      ok: false,
      problems: [
        { field: 'JWT_SECRET', problem: 'must be at least 32 bytes, got 31' },
        { field: 'ADMIN_PASSWORD', problem: 'must have at least 10 characters' },
      ],
    });
    // Issue 9: the lookup key's HMAC secret, as long as JWT_SECRET's and never the same value.
    expect(parse({ ...nodeEnv, ...strong, LOOKUP_SECRET: 'l'.repeat(16) })).toEqual({
      ok: false,
      problems: [{ field: 'LOOKUP_SECRET', problem: 'must be at least 32 bytes, got 16' }],
    });
    expect(parse({ ...nodeEnv, ...strong, LOOKUP_SECRET: strong.JWT_SECRET })).toEqual({
      ok: false,
      problems: [{ field: 'LOOKUP_SECRET', problem: 'must differ from JWT_SECRET' }],
    });
  });

  it('lets development and test run without secrets (the apps warn and sign with a random secret)', () => {
    for (const NODE_ENV of ['development', 'test'])
      expect(parse({ NODE_ENV, JWT_SECRET: 'short', ADMIN_PASSWORD: 'motcua-admin' })).toMatchObject({
        ok: true,
      });
  });

  it('reads TRUST_PROXY as Express does, and refuses what Express would misread', () => {
    const trust = (TRUST_PROXY: string) => {
      const r = parse({ NODE_ENV: 'test', TRUST_PROXY });
      return r.ok ? r.value.TRUST_PROXY : r.problems[0].problem;
    };
    expect(parse({ NODE_ENV: 'test' })).toMatchObject({ ok: true, value: { TRUST_PROXY: false } });
    expect(trust('false')).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('1')).toBe(1);
    expect(trust('loopback, 10.0.0.0/8,fd00::/8')).toBe('loopback,10.0.0.0/8,fd00::/8');
    expect(trust('yes')).toMatch(/^must be false, true, a number of proxy hops, or a comma-separated list/);
    expect(trust('10.0.0.0/33')).toMatch(/got "10.0.0.0\/33"$/);
    expect(trust('300.1.1.1')).toMatch(/^must be/);
  });
});
