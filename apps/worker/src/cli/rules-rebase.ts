import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ApplicationModule, RebaseDossiers, SYSTEM_PRINCIPAL } from '@motcua/application';
import type { AppConfig } from '@motcua/config';
import type { RulesRebaseResult } from '@motcua/contracts';

/**
 * Re-bases the open dossiers onto the rules published now, as `system`: the events go through the intake (the
 * running worker applies them; if Redis is away, its outbox relay enqueues them later).
 */
export async function rebaseOpenDossiers(config: AppConfig): Promise<RulesRebaseResult> {
  const app = await NestFactory.createApplicationContext(ApplicationModule.forRoot('api', { config }), {
    logger: ['error', 'warn'],
  });
  try {
    return await app.get(RebaseDossiers).run(SYSTEM_PRINCIPAL);
  } finally {
    await app.close();
  }
}

export function printRebase(r: RulesRebaseResult): void {
  console.log(
    `rules revision ${r.revision}: ${r.examined} open dossier(s) examined, ${r.rebased.length} re-based`,
  );
  for (const x of r.rebased) console.log(`  ${x.dossierCode} ${x.status}: ${x.reason}`);
}
