import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_SCORING,
  scoringFileSchema,
  settingsSchema,
  targetsFileSchema,
  type ScoringFile,
  type Settings,
  type TargetsFile,
} from '@motcua/contracts';
import { ConfigError } from './config.errors';
import { checkFile, readJsonFile } from './config-file.reader';

const fail = (message: string) => new ConfigError(message);

/** config/settings.json over the documented defaults; no file means every default. */
export function loadSettings(configDir: string): Settings {
  const file = join(configDir, 'settings.json');
  const raw = existsSync(file) ? readJsonFile(file, fail) : {};
  return checkFile(settingsSchema, raw, file, fail);
}

/** config/targets.json: the plan's targets by year; no file means no targets. */
export function loadTargets(configDir: string): TargetsFile {
  const file = join(configDir, 'targets.json');
  const raw = existsSync(file) ? readJsonFile(file, fail) : { plan: '-', years: {} };
  return checkFile(targetsFileSchema, raw, file, fail);
}

/** config/scoring.json: the points and thresholds of Decision 766 and Circular 01/2018; no file means the shipped ones. */
export function loadScoring(configDir: string): ScoringFile {
  const file = join(configDir, 'scoring.json');
  const raw = existsSync(file) ? readJsonFile(file, fail) : DEFAULT_SCORING;
  return checkFile(scoringFileSchema, raw, file, fail);
}
