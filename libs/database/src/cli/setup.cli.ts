import { loadConfig } from '@motcua/config';
import { setupDatabase } from '../setup';

const config = loadConfig();
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
