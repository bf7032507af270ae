import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_STATUTORY_RULES, DEFAULT_OFFICE_HOURS } from '@motcua/calendar';
import { DEFAULT_SLA_SETTINGS } from '@motcua/sla';
import { findConfigDir, loadConfig } from './app.config';

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
