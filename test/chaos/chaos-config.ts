// The run's copy of config/: apologies issued automatically at their deadline, and two short procedures whose
// deadlines fall within seconds or minutes of the load.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../support/settings';
import { APOLOGY_PROCEDURE, DUE_PROCEDURE, MC, NORMAL_PROCEDURE, VLATLD } from './chaos-load';

type Json = Record<string, any>;

export function writeChaosConfig(dir: string): string {
  const configDir = path.join(dir, 'config');
  fs.cpSync(path.join(ROOT, 'config'), configDir, { recursive: true });
  const settingsFile = path.join(configDir, 'settings.json');
  const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Json;
  settings.apology = {
    ...settings.apology,
    autoIssue: true,
    autoIssueSigner: { name: 'Trần Thị Kiểm Thử', title: 'GIÁM ĐỐC' },
  };
  fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  const proceduresFile = path.join(configDir, 'catalogue', 'procedures.json');
  const procedures = JSON.parse(fs.readFileSync(proceduresFile, 'utf8')) as Json[];
  const base = procedures.find((p) => p.code === NORMAL_PROCEDURE)!;
  const short = (code: string, hours: number): Json => ({
    ...base,
    code,
    name: `Thủ tục thử nghiệm ${hours} giờ làm việc`,
    duration: { value: hours, unit: 'working_hours' },
    steps: [
      { code: 'TN', name: 'Tiếp nhận', unitCode: MC, allocatedWorkingHours: hours / 4 },
      { code: 'TD', name: 'Thẩm định', unitCode: VLATLD, allocatedWorkingHours: (hours * 3) / 4 },
    ],
  });
  procedures.push(short(DUE_PROCEDURE, 1), short(APOLOGY_PROCEDURE, 8));
  fs.writeFileSync(proceduresFile, JSON.stringify(procedures, null, 2));
  return configDir;
}
