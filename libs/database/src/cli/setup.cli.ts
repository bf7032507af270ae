import { loadToolConfig } from '@motcua/config';
import { setupDatabase } from '../setup';

// Migrations and the catalogue need no secrets: the environment is checked without the apps' secret rules.
const config = loadToolConfig();
setupDatabase(config.databaseUrl, config.configDir)
  .then((r) => {
    console.log(
      `database ready: ${r.migrations.length} migration(s) run, ${r.units} units, ${r.procedures} procedures, ${r.calendarYears} official calendar years loaded`,
    );
  })
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
