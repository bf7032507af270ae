// Generates a migration, or checks (CI) that the entities need none: both against a scratch database migrated from zero.
import { execa } from 'execa';
import { Client } from 'pg';
import { DEFAULT_DATABASE_URL } from './services';
import { errorMessage } from './support/errors';
import { ROOT, TS_NODE_ARGS } from './support/paths';

const mode = process.argv[2];
const base = new URL(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
const scratch = new URL(base);
scratch.pathname = `/motcua_migration_${process.pid}`;
const admin = new URL(base);
admin.pathname = '/postgres';

async function sql(text: string): Promise<void> {
  const c = new Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

/** The TypeORM CLI on the scratch database, with the TypeScript data source. */
async function typeorm(args: readonly string[]): Promise<void> {
  await execa(
    process.execPath,
    [
      ...TS_NODE_ARGS,
      'node_modules/typeorm/cli.js',
      ...args,
      '-d',
      'libs/database/src/cli/typeorm.data-source.ts',
    ],
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, DATABASE_URL: scratch.toString() } },
  );
}

async function main(): Promise<void> {
  if (mode !== 'generate' && mode !== 'check') throw new Error('usage: migration.ts generate NAME | check');
  const dbName = scratch.pathname.slice(1);
  await sql(`CREATE DATABASE "${dbName}"`);
  try {
    await typeorm(['migration:run']);
    if (mode === 'check') {
      await typeorm(['migration:generate', 'libs/database/src/migrations/Check', '--check']);
      console.log('migration check: the entities match the migrations');
    } else {
      const name = process.argv[3];
      if (!name) throw new Error('usage: migration.ts generate NAME');
      await typeorm(['migration:generate', `libs/database/src/migrations/${name}`, '--pretty']);
      console.log('add the new class to libs/database/src/migrations/index.ts, then review it');
    }
  } finally {
    await sql(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  }
}

main().catch((err: unknown) => {
  console.error(errorMessage(err));
  process.exit(1);
});
