import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_STATUTORY_RULES, DEFAULT_OFFICE_HOURS } from '@motcua/calendar';
import { DEFAULT_SLA_SETTINGS } from '@motcua/sla';
import { DEV_ADMIN_PASSWORD, findConfigDir, loadConfig } from './app.config';
import { ConfigError } from './config.errors';

describe('loadConfig', () => {
  it('ships config/settings.json equal to the documented defaults', () => {
    const sut = loadConfig({});
    expect(sut.sla).toEqual(DEFAULT_SLA_SETTINGS);
    expect(sut.calendar.statutoryRules).toEqual(DEFAULT_STATUTORY_RULES);
    expect(sut.calendar.profile?.sessions).toEqual(DEFAULT_OFFICE_HOURS.sessions);
    expect(sut.calendar.missingYearPolicy).toBe('provisional');
  });

  it('reads the environment', () => {
    const sut = loadConfig({ DATABASE_URL: 'postgres://x@h:1/db', PORT: '4321', ADMIN_PASSWORD: 'p' });
    expect(sut).toMatchObject({ databaseUrl: 'postgres://x@h:1/db', port: 4321, adminPassword: 'p' });
  });

  it('refuses a misspelt rule name and a production start without a JWT secret', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-config-'));
    fs.mkdirSync(path.join(dir, 'calendars'));
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ sla: { outcomeGranularty: 'date' } }));
    expect(() => loadConfig({ MOTCUA_CONFIG_DIR: dir })).toThrow(/outcomeGranularty/);
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
    expect(() => loadConfig({ MOTCUA_CONFIG_DIR: dir })).toThrow(ConfigError);
    expect(() => loadConfig({ MOTCUA_CONFIG_DIR: dir })).toThrow(
      `${path.join(dir, 'settings.json')}: unknown key "calendar.profile.sesions"`,
    );
    const typo = withSettings({ calendar: { statutoryRules: { nationalDayAdjacnt: 'after' } } });
    expect(() => loadConfig({ MOTCUA_CONFIG_DIR: typo })).toThrow(
      /calendar\.statutoryRules\.nationalDayAdjacnt/,
    );
  });

  it('stops on a bad value or malformed JSON in settings.json', () => {
    expect(() =>
      loadConfig({ MOTCUA_CONFIG_DIR: withSettings({ sla: { hoursPerWorkingDay: 'eight' } }) }),
    ).toThrow(/sla\.hoursPerWorkingDay must be a number, got string/);
    const dir = withSettings({});
    fs.writeFileSync(path.join(dir, 'settings.json'), '{ "sla": ');
    expect(() => loadConfig({ MOTCUA_CONFIG_DIR: dir })).toThrow(/settings\.json: not valid JSON/);
  });

  it('stops when sla.hoursPerWorkingDay is not one day of the office-hours profile (§6.1)', () => {
    const dir = withSettings({
      calendar: { profile: { name: 'seven', sessions: [{ start: '08:00', end: '15:00' }] } },
    });
    expect(() => loadConfig({ MOTCUA_CONFIG_DIR: dir })).toThrow(
      /sla\.hoursPerWorkingDay must match calendar\.profile "seven": it is 8 hours .* give 420 minutes \(7 hours\)/,
    );
  });

  it('names a non-numeric PORT and a bad WORKER_CONCURRENCY', () => {
    expect(() => loadConfig({ PORT: 'http' })).toThrow(
      /^Invalid environment: PORT must be an integer 0–65535, got "http"$/,
    );
    expect(() => loadConfig({ WORKER_CONCURRENCY: '0' })).toThrow(
      /WORKER_CONCURRENCY must be an integer 1–1000/,
    );
    expect(() => loadConfig({ WORKER_CONCURRENCY: 'many', RELAY_GRACE_MS: '-1' })).toThrow(
      /WORKER_CONCURRENCY .*; RELAY_GRACE_MS /,
    );
  });

  it('types every variable the apps read, with today’s defaults', () => {
    expect(loadConfig({})).toMatchObject({
      nodeEnv: 'development',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/motcua',
      databasePoolSize: 10,
      redisUrl: 'redis://127.0.0.1:6379',
      smtpUrl: 'smtp://127.0.0.1:1025',
      port: 3000,
      adminPassword: DEV_ADMIN_PASSWORD,
      jwtTtlSeconds: 8 * 3600,
      queryTimeoutMs: 10_000,
      worker: { concurrency: 64, relayIntervalMs: 1000, relayGraceMs: 3000, relayStaleMs: 120_000 },
    });
    const env = {
      NODE_ENV: 'production',
      JWT_SECRET: 's',
      WORKER_CONCURRENCY: '8',
      RELAY_INTERVAL_MS: '200',
      PORT: '',
    };
    expect(loadConfig(env)).toMatchObject({
      nodeEnv: 'production',
      jwtSecret: 's',
      port: 3000,
      worker: { concurrency: 8, relayIntervalMs: 200 },
    });
  });

  it('uses every default when settings.json is absent', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-config-'));
    expect(loadConfig({ MOTCUA_CONFIG_DIR: dir }).sla).toEqual(DEFAULT_SLA_SETTINGS);
  });
});
