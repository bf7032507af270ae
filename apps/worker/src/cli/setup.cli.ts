// `npm run db:setup`: see setupAndRebase. The summary comes last (the demo reprints the last line).
import { loadConfigOrExit } from '@motcua/config';
import { printRebase, setupAndRebase } from './rules-rebase';

async function main(): Promise<void> {
  const config = loadConfigOrExit('db:setup');
  const { setup: r, rebase } = await setupAndRebase(config);
  for (const c of r.calendarsPublished) console.log(`published calendar ${c.year} v${c.version}`);
  if (r.settings.created) console.log(`published settings v${r.settings.version}`);
  if (rebase) printRebase(rebase);
  else if (r.calendarsPublished.length > 0 || r.settings.created)
    console.log(
      'open dossiers keep their dates until re-based: npm run rules:rebase (rules.rebaseOnPublish: manual)',
    );
  console.log(
    `database ready: ${r.migrations.length} migration(s) run, ${r.units} units, ${r.procedures} procedures, ` +
      `${r.calendarYears} official calendar years, settings v${r.settings.version}`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
