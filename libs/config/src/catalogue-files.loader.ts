import { join } from 'node:path';
import {
  proceduresFileSchemaFor,
  unitsFileSchema,
  type ProcedureFileEntry,
  type UnitFileEntry,
} from '@motcua/contracts';
import { ConfigError } from './config.errors';
import { checkFile, readJsonFile } from './config-file.reader';

export interface CatalogueFiles {
  units: UnitFileEntry[];
  procedures: ProcedureFileEntry[];
}

const fail = (message: string) => new ConfigError(message);

/** config/catalogue/units.json and procedures.json, checked: codes unique, every unit code a unit of units.json. */
export function loadCatalogueFiles(configDir: string): CatalogueFiles {
  const dir = join(configDir, 'catalogue');
  const unitsFile = join(dir, 'units.json');
  const units = checkFile(unitsFileSchema, readJsonFile(unitsFile, fail), unitsFile, fail);
  const proceduresFile = join(dir, 'procedures.json');
  const schema = proceduresFileSchemaFor(units.map((u) => u.code));
  const procedures = checkFile(schema, readJsonFile(proceduresFile, fail), proceduresFile, fail);
  return { units, procedures };
}
