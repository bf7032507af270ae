// `npm run db:setup`: migrations, then the catalogue, calendars and rule settings of config/ (each publication
// bumps the rules revision). With `rules.rebaseOnPublish: automatic`, a run that published a calendar or settings
// version then re-bases the open dossiers it affects, as `system`.
import { loadConfig } from '@motcua/config';
import { setupDatabase } from '@motcua/database';
import { printRebase, rebaseOpenDossiers } from './rules-rebase';

async function main(): Promise<void> {
  const config = loadConfig();
  const r = await setupDatabase(config.databaseUrl, config.configDir, Date.now(), config);
  console.log(
    `database ready: ${r.migrations.length} migration(s) run, ${r.units} units, ${r.procedures} procedures, ` +
      `${r.calendarYears} official calendar years, settings v${r.settings.version}` +
      `${r.settings.created ? ' (published now)' : ''}`,
  );
  for (const c of r.calendarsPublished) console.log(`published calendar ${c.year} v${c.version}`);
  const changed = r.calendarsPublished.length > 0 || r.settings.created;
  if (changed && config.rules.rebaseOnPublish === 'automatic') printRebase(await rebaseOpenDossiers(config));
  else if (changed) console.log('open dossiers keep their dates until re-based: npm run rules:rebase');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
