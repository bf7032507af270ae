import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProcedureDefinition } from './entities/procedure-version.entity';
import { CATALOGUE_EPOCH, CatalogueRepository, type UnitRecord } from './catalogue.repository';

interface ProcedureFile extends ProcedureDefinition {
  code: string;
}

/** Loads config/catalogue into the database: units upserted, procedures published (new version only if changed). */
export async function loadCatalogue(
  repo: CatalogueRepository,
  configDir: string,
  now: number,
): Promise<{ units: number; procedures: number }> {
  const dir = path.join(configDir, 'catalogue');
  const units = JSON.parse(fs.readFileSync(path.join(dir, 'units.json'), 'utf8')) as UnitRecord[];
  const procedures = JSON.parse(
    fs.readFileSync(path.join(dir, 'procedures.json'), 'utf8'),
  ) as ProcedureFile[];
  for (const u of units)
    await repo.upsertUnit({ ...u, parentCode: u.parentCode ?? null, email: u.email ?? null });
  const existing = new Set((await repo.allVersions()).map((v) => v.code));
  for (const { code, ...definition } of procedures) {
    // The first load governs all history; a later edit of the file applies from now on.
    await repo.publishProcedure(code, definition, existing.has(code) ? now : CATALOGUE_EPOCH);
  }
  return { units: units.length, procedures: procedures.length };
}
