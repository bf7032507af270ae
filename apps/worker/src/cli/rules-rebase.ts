import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import {
  ApplicationModule,
  RebaseDossiers,
  SYSTEM_PRINCIPAL,
  systemClock,
  type Clock,
} from '@motcua/application';
import type { AppConfig } from '@motcua/config';
import type { RulesRebaseResult } from '@motcua/contracts';
import { setupDatabase, type SetupResult } from '@motcua/database';

/**
 * Re-bases the open dossiers onto the rules published now, as `system`: the events go through the intake (the
 * running worker applies them; if Redis is away, its outbox relay enqueues them later).
 */
export async function rebaseOpenDossiers(
  config: AppConfig,
  clock: Clock = systemClock,
): Promise<RulesRebaseResult> {
  const app = await NestFactory.createApplicationContext(
    ApplicationModule.forRoot('api', { config, clock }),
    {
      logger: ['error', 'warn'],
    },
  );
  try {
    return await app.get(RebaseDossiers).run(SYSTEM_PRINCIPAL);
  } finally {
    await app.close();
  }
}

/**
 * `db:setup`: migrations, then the catalogue, calendars and rule settings of config/ (each publication bumps the
 * rules revision). With `rules.rebaseOnPublish: automatic`, a run that published a calendar or settings version
 * then re-bases the open dossiers it affects, as `system`; with `manual`, an administrator does (rules:rebase).
 */
export async function setupAndRebase(
  config: AppConfig,
  clock: Clock = systemClock,
): Promise<{ setup: SetupResult; rebase: RulesRebaseResult | null }> {
  const setup = await setupDatabase(config.databaseUrl, config.configDir, clock.now(), config);
  const published = setup.calendarsPublished.length > 0 || setup.settings.created;
  const automatic = published && config.rules.rebaseOnPublish === 'automatic';
  return { setup, rebase: automatic ? await rebaseOpenDossiers(config, clock) : null };
}

export function printRebase(r: RulesRebaseResult): void {
  console.log(
    `rules revision ${r.revision}: ${r.examined} open dossier(s) examined, ${r.rebased.length} re-based`,
  );
  for (const x of r.rebased) console.log(`  ${x.dossierCode} ${x.status}: ${x.reason}`);
}
