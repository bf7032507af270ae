import { loadCatalogueFiles } from '@motcua/config';
import { CATALOGUE_EPOCH, CatalogueRepository } from './catalogue.repository';

/** Loads config/catalogue into the database: units upserted, procedures published (new version only if changed). */
export async function loadCatalogue(
  repo: CatalogueRepository,
  configDir: string,
  now: number,
): Promise<{ units: number; procedures: number }> {
  // Checked against the contracts' schemas: a typo in an administrator's file stops the setup with its path.
  const { units, procedures } = loadCatalogueFiles(configDir);
  for (const u of units)
    await repo.upsertUnit({
      ...u,
      parentCode: u.parentCode ?? null,
      email: u.email ?? null,
      headName: u.headName ?? null,
      headEmail: u.headEmail ?? null,
    });
  for (const { code, ...definition } of procedures) {
    // The first version governs all history; a later edit of the file applies from now on.
    await repo.publishProcedure(code, definition, (latest) => (latest ? now : CATALOGUE_EPOCH));
  }
  return { units: units.length, procedures: procedures.length };
}
