import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_STATUTORY_RULES, DEFAULT_OFFICE_HOURS } from '@motcua/calendar';
import { DEFAULT_SLA_SETTINGS } from '@motcua/sla';
import { PUBLISHED_LOOKUP_SECRETS } from '@motcua/contracts';
import { DEV_ADMIN_PASSWORD, DEV_LOOKUP_SECRET, findConfigDir, loadConfig } from './app.config';
import { ConfigError } from './config.errors';

// An unset NODE_ENV is production (issue 7): the secrets are required. Most cases here are about other
// variables and settings.json, so they say NODE_ENV=development.
const DEV = { NODE_ENV: 'development' };

describe('loadConfig', () => {
  it('ships config/settings.json equal to the documented defaults', () => {
    const sut = loadConfig(DEV);
    expect(sut.sla).toEqual(DEFAULT_SLA_SETTINGS);
    expect(sut.calendar.statutoryRules).toEqual(DEFAULT_STATUTORY_RULES);
    expect(sut.calendar.profile?.sessions).toEqual(DEFAULT_OFFICE_HOURS.sessions);
    expect(sut.calendar.missingYearPolicy).toBe('provisional');
  });

  it('reads the environment', () => {
    const sut = loadConfig({
      ...DEV,
      DATABASE_URL: 'postgres://x@h:1/db',
      PORT: '4321',
      ADMIN_PASSWORD: 'p',
    });
    expect(sut).toMatchObject({ databaseUrl: 'postgres://x@h:1/db', port: 4321, adminPassword: 'p' });
  });

  it('refuses a misspelt rule name and a production start without a JWT secret', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-config-'));
    fs.mkdirSync(path.join(dir, 'calendars'));
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ sla: { outcomeGranularty: 'date' } }));
    expect(() => loadConfig({ ...DEV, MOTCUA_CONFIG_DIR: dir })).toThrow(/outcomeGranularty/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(findConfigDir()).toMatch(/config$/);
  });
});

describe('loadConfig checks everything it reads', () => {
  const withSettings = (settings: unknown) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-config-'));
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings));
    return dir;
  };

  it('stops on an unknown key anywhere in settings.json, naming the key path and the file', () => {
    const dir = withSettings({
      calendar: { profile: { name: 'x', sessions: [{ start: '07:00', end: '11:00' }], sesions: [] } },
    });
    expect(() => loadConfig({ ...DEV, MOTCUA_CONFIG_DIR: dir })).toThrow(ConfigError);
    expect(() => loadConfig({ ...DEV, MOTCUA_CONFIG_DIR: dir })).toThrow(
      `${path.join(dir, 'settings.json')}: unknown key "calendar.profile.sesions"`,
    );
    const typo = withSettings({ calendar: { statutoryRules: { nationalDayAdjacnt: 'after' } } });
    expect(() => loadConfig({ ...DEV, MOTCUA_CONFIG_DIR: typo })).toThrow(
      /calendar\.statutoryRules\.nationalDayAdjacnt/,
    );
  });

  it('stops on a bad value or malformed JSON in settings.json', () => {
    expect(() =>
      loadConfig({ ...DEV, MOTCUA_CONFIG_DIR: withSettings({ sla: { hoursPerWorkingDay: 'eight' } }) }),
    ).toThrow(/sla\.hoursPerWorkingDay must be a number, got string/);
    const dir = withSettings({});
    fs.writeFileSync(path.join(dir, 'settings.json'), '{ "sla": ');
    expect(() => loadConfig({ ...DEV, MOTCUA_CONFIG_DIR: dir })).toThrow(/settings\.json: not valid JSON/);
  });

  it('names a non-numeric PORT and a bad WORKER_CONCURRENCY', () => {
    expect(() => loadConfig({ ...DEV, PORT: 'http' })).toThrow(
      /^Invalid environment: PORT must be an integer 0–65535, got "http"$/,
    );
    expect(() => loadConfig({ ...DEV, WORKER_CONCURRENCY: '0' })).toThrow(
      /WORKER_CONCURRENCY must be an integer 1–1000/,
    );
    expect(() => loadConfig({ ...DEV, WORKER_CONCURRENCY: 'many', RELAY_GRACE_MS: '-1' })).toThrow(
      /WORKER_CONCURRENCY .*; RELAY_GRACE_MS /,
    );
  });

  it('types every variable the apps read, with today’s defaults', () => {
    expect(loadConfig(DEV)).toMatchObject({
      nodeEnv: 'development',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/motcua',
      databasePoolSize: 10,
      redisUrl: 'redis://127.0.0.1:6379',
      smtpUrl: 'smtp://127.0.0.1:1025',
      port: 3000,
      adminPassword: DEV_ADMIN_PASSWORD,
      jwtTtlSeconds: 8 * 3600,
      queryTimeoutMs: 10_000,
      worker: { concurrency: 100, relayIntervalMs: 1000, relayGraceMs: 3000, relayStaleMs: 120_000 },
      tracker: { enabled: true, horizonMs: 3_600_000, sweepIntervalMs: 60_000 },
      trustProxy: false,
      rateLimits: {
        loginMaxFailures: 10,
        loginWindowMs: 300_000,
        intakeRequests: 6000,
        intakeWindowMs: 60_000,
        lookupRequests: 30,
        lookupWindowMs: 60_000,
      },
      // Issue 8: mail.
      publicBaseUrl: 'http://127.0.0.1:3000',
      mail: { from: 'Bộ phận Một cửa Sở LĐTBXH <motcua@motcua.example>', attempts: 100, backoffMs: 30_000 },
      notifications: { recipients: {} },
    });
    expect(
      loadConfig({
        ...DEV,
        PUBLIC_BASE_URL: 'https://motcua.thanhhoa.gov.vn/',
        MAIL_FROM: 'mc@thanhhoa.gov.vn',
      }),
    ).toMatchObject({
      publicBaseUrl: 'https://motcua.thanhhoa.gov.vn',
      mail: { from: 'mc@thanhhoa.gov.vn' },
    });
    expect(() => loadConfig({ ...DEV, MAIL_FROM: 'Một cửa', PUBLIC_BASE_URL: 'ftp://x' })).toThrow(
      /PUBLIC_BASE_URL must be a URL starting with http:\/\/ or https:\/\/; MAIL_FROM must be an address/,
    );
    // Production needs real secrets (issue 7: a 32-byte JWT_SECRET, an ADMIN_PASSWORD of its own).
    const secret = 'x'.repeat(32);
    const lookupSecret = 'l'.repeat(32);
    const env = {
      NODE_ENV: 'production',
      JWT_SECRET: secret,
      ADMIN_PASSWORD: 'a real admin password',
      LOOKUP_SECRET: lookupSecret,
      TRUST_PROXY: '1',
      INTAKE_RATE_LIMIT: '120',
      LOOKUP_RATE_LIMIT: '10',
      WORKER_CONCURRENCY: '8',
      RELAY_INTERVAL_MS: '200',
      TRACKER_ENABLED: 'false',
      TRACKER_HORIZON_MS: '600000',
      PORT: '',
    };
    expect(loadConfig(env)).toMatchObject({
      nodeEnv: 'production',
      jwtSecret: secret,
      lookupSecret,
      trustProxy: 1,
      rateLimits: { intakeRequests: 120, lookupRequests: 10, lookupWindowMs: 60_000 },
      warnings: [],
      port: 3000,
      worker: { concurrency: 8, relayIntervalMs: 200 },
      tracker: { enabled: false, horizonMs: 600_000, sweepIntervalMs: 60_000 },
    });
  });

  it('outside development and test, stops on a missing, published or short secret, naming the variable', () => {
    const good = {
      JWT_SECRET: 'r'.repeat(32),
      ADMIN_PASSWORD: 'a real admin password',
      LOOKUP_SECRET: 'k'.repeat(32),
    };
    for (const nodeEnv of [{ NODE_ENV: 'production' }, {}]) {
      expect(loadConfig({ ...nodeEnv, ...good }).nodeEnv).toBe('production');
      expect(() =>
        loadConfig({ ...nodeEnv, ADMIN_PASSWORD: good.ADMIN_PASSWORD, LOOKUP_SECRET: good.LOOKUP_SECRET }),
      ).toThrow(
        /^Invalid environment: JWT_SECRET must be set to a random value of at least 32 bytes unless NODE_ENV is development or test$/,
      );
      expect(() => loadConfig({ ...nodeEnv, ...good, JWT_SECRET: 'motcua-dev-secret-change-me' })).toThrow(
        /^Invalid environment: JWT_SECRET is a published default/,
      );
      expect(() => loadConfig({ ...nodeEnv, ...good, JWT_SECRET: 'too-short' })).toThrow(
        /^Invalid environment: JWT_SECRET must be at least 32 bytes, got 9$/,
      );
      expect(() => loadConfig({ ...nodeEnv, ...good, ADMIN_PASSWORD: DEV_ADMIN_PASSWORD })).toThrow(
        /^Invalid environment: ADMIN_PASSWORD is the published development default: choose another$/,
      );
      expect(() =>
        loadConfig({ ...nodeEnv, JWT_SECRET: good.JWT_SECRET, LOOKUP_SECRET: good.LOOKUP_SECRET }),
      ).toThrow(/^Invalid environment: ADMIN_PASSWORD must be set unless NODE_ENV is development or test$/);
    }
  });

  it('takes JWT_PREVIOUS_SECRET during a rotation, and outside development refuses a published or short one', () => {
    const good = {
      JWT_SECRET: 'r'.repeat(32),
      ADMIN_PASSWORD: 'a real admin password',
      LOOKUP_SECRET: 'k'.repeat(32),
    };
    expect(loadConfig({ NODE_ENV: 'production', ...good }).jwtPreviousSecret).toBeNull();
    expect(
      loadConfig({ NODE_ENV: 'production', ...good, JWT_PREVIOUS_SECRET: 'o'.repeat(32) }).jwtPreviousSecret,
    ).toBe('o'.repeat(32));
    expect(() =>
      loadConfig({ NODE_ENV: 'production', ...good, JWT_PREVIOUS_SECRET: 'motcua-dev-secret-change-me' }),
    ).toThrow(/^Invalid environment: JWT_PREVIOUS_SECRET is a published default: leave it unset$/);
    expect(() => loadConfig({ NODE_ENV: 'production', ...good, JWT_PREVIOUS_SECRET: 'old' })).toThrow(
      /^Invalid environment: JWT_PREVIOUS_SECRET must be at least 32 bytes, got 3$/,
    );
  });

  it('outside development and test, stops on a missing, published, short or reused LOOKUP_SECRET', () => {
    const good = { JWT_SECRET: 'r'.repeat(32), ADMIN_PASSWORD: 'a real admin password' };
    for (const nodeEnv of [{ NODE_ENV: 'production' }, {}]) {
      expect(loadConfig({ ...nodeEnv, ...good, LOOKUP_SECRET: 'k'.repeat(32) }).lookupSecret).toBe(
        'k'.repeat(32),
      );
      expect(() => loadConfig({ ...nodeEnv, ...good })).toThrow(
        /^Invalid environment: LOOKUP_SECRET must be set to a random value of at least 32 bytes unless NODE_ENV is development or test$/,
      );
      expect(() => loadConfig({ ...nodeEnv, ...good, LOOKUP_SECRET: DEV_LOOKUP_SECRET })).toThrow(
        /^Invalid environment: LOOKUP_SECRET is the published development default/,
      );
      expect(() => loadConfig({ ...nodeEnv, ...good, LOOKUP_SECRET: 'short-lookup' })).toThrow(
        /^Invalid environment: LOOKUP_SECRET must be at least 32 bytes, got 12$/,
      );
      expect(() => loadConfig({ ...nodeEnv, ...good, LOOKUP_SECRET: good.JWT_SECRET })).toThrow(
        /^Invalid environment: LOOKUP_SECRET must differ from JWT_SECRET$/,
      );
    }
    // The development fallback is on the published list, so production can never run with it.
    expect(PUBLISHED_LOOKUP_SECRETS).toContain(DEV_LOOKUP_SECRET);
  });

  it('in development and test, signs with a random secret of the process and says so', () => {
    const dev = loadConfig(DEV);
    expect(dev.jwtSecret).not.toMatch(/motcua|change-me/);
    expect(Buffer.from(dev.jwtSecret, 'base64url').length).toBe(32);
    expect(loadConfig({ NODE_ENV: 'test' }).jwtSecret).toBe(dev.jwtSecret);
    expect(dev.warnings).toEqual([
      expect.stringMatching(
        /^JWT_SECRET is not set \(NODE_ENV=development\): tokens are signed with a random secret/,
      ),
      expect.stringMatching(/^ADMIN_PASSWORD is not set \(NODE_ENV=development\)/),
      expect.stringMatching(
        /^LOOKUP_SECRET is not set \(NODE_ENV=development\): lookup keys come from the published/,
      ),
    ]);
    expect(dev.lookupSecret).toBe(DEV_LOOKUP_SECRET);
    expect(
      loadConfig({ ...DEV, JWT_SECRET: 'mine', ADMIN_PASSWORD: 'mine too', LOOKUP_SECRET: 'ours' }).warnings,
    ).toEqual([]);
  });

  it('shifts the clock only for demos and tests (CLOCK_OFFSET_MS)', () => {
    const good = {
      JWT_SECRET: 'r'.repeat(32),
      ADMIN_PASSWORD: 'a real admin password',
      LOOKUP_SECRET: 'k'.repeat(32),
    };
    expect(loadConfig({ NODE_ENV: 'development', CLOCK_OFFSET_MS: '-3600000' }).clockOffsetMs).toBe(
      -3_600_000,
    );
    expect(loadConfig({ NODE_ENV: 'test' }).clockOffsetMs).toBe(0);
    expect(() => loadConfig({ NODE_ENV: 'production', ...good, CLOCK_OFFSET_MS: '60000' })).toThrow(
      /CLOCK_OFFSET_MS is for demos and tests only/,
    );
    expect(() => loadConfig({ NODE_ENV: 'development', CLOCK_OFFSET_MS: '1h' })).toThrow(
      /CLOCK_OFFSET_MS must be a whole number of milliseconds, got "1h"/,
    );
  });

  it('uses every default when settings.json is absent', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-config-'));
    expect(loadConfig({ ...DEV, MOTCUA_CONFIG_DIR: dir }).sla).toEqual(DEFAULT_SLA_SETTINGS);
  });
});
