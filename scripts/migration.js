// Generates a migration, or checks (CI) that the entities need none: both against a scratch database migrated from zero.
const { execFileSync } = require('node:child_process');
const { Client } = require('pg');
const path = require('node:path');

const mode = process.argv[2];
const base = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/motcua');
const scratch = new URL(base);
scratch.pathname = `/motcua_migration_${process.pid}`;
const admin = new URL(base);
admin.pathname = '/postgres';
const root = path.resolve(__dirname, '..');

async function sql(text) {
  const c = new Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

function typeorm(args) {
  execFileSync(
    process.execPath,
    [
      '-r',
      './scripts/swc-register.js',
      'node_modules/typeorm/cli.js',
      ...args,
      '-d',
      'libs/database/src/data-source.ts',
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, DATABASE_URL: scratch.toString() },
    },
  );
}

async function main() {
  if (mode !== 'generate' && mode !== 'check') throw new Error('usage: migration.js generate NAME | check');
  const dbName = scratch.pathname.slice(1);
  await sql(`CREATE DATABASE "${dbName}"`);
  try {
    typeorm(['migration:run']);
    if (mode === 'check') {
      typeorm(['migration:generate', 'libs/database/src/migrations/Check', '--check']);
      console.log('migration check: the entities match the migrations');
    } else {
      const name = process.argv[3];
      if (!name) throw new Error('usage: migration.js generate NAME');
      typeorm(['migration:generate', `libs/database/src/migrations/${name}`, '--pretty']);
      console.log('add the new class to libs/database/src/migrations/index.ts, then review it');
    }
  } finally {
    await sql(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  }
}

main().catch((err) => {
  console.error(err.message || err);
  process.exit(1);
});
