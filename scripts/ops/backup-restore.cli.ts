// `npm run db:backup`, `db:restore` and `db:redrive`: the runbook's procedures (docs/operations.md), one command each.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DATABASE_URL } from '../services/service-url';
import { errorMessage } from '../support/errors';
import { DATA_DIR, rel } from '../support/paths';
import { backupDatabase, databaseName, prepareRedrive, restoreDatabase } from './backup-restore';

const USAGE = `usage:
  db:backup  [--out FILE]                 pg_dump -Fc of DATABASE_URL (default .data/backups/<db>-<UTC time>.dump)
  db:restore --file FILE --target DB|URL  pg_restore into a new database (a name: on DATABASE_URL's server),
                                          then every unapplied event and pending mail re-driven from PostgreSQL
  db:redrive                              the same re-drive on DATABASE_URL itself, after Redis was lost or flushed`;

/** A bare database name means that database on DATABASE_URL's server. */
function targetUrl(target: string, source: string): string {
  if (/^postgres(ql)?:\/\//.test(target)) return target;
  const u = new URL(source);
  u.pathname = `/${encodeURIComponent(target)}`;
  return u.toString();
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      file: { type: 'string' },
      target: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  const source = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  if (values.help || positionals.length !== 1) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (command === 'backup') {
    const stamp = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    const file = values.out ?? path.join(DATA_DIR, 'backups', `${databaseName(source)}-${stamp}.dump`);
    const r = await backupDatabase(source, file);
    console.log(`backup: ${rel(path.resolve(r.file))} (${r.bytes} bytes, ${r.entries} archive entries)`);
    return 0;
  }
  if (command === 'restore') {
    if (!values.file || !values.target) {
      console.error(USAGE);
      return 2;
    }
    const r = await restoreDatabase(values.file, targetUrl(values.target, source));
    console.log(
      `restore: database ${r.database} (${r.created ? 'created' : 'was empty'}): ${r.events} events, ` +
        `${r.eventsToRedrive} unapplied to re-drive, ${r.mailsToRedrive} pending mail(s) to re-drive. ` +
        `Point DATABASE_URL at it and start the worker (npm run db:setup first when the code is newer than the backup).`,
    );
    return 0;
  }
  if (command === 'redrive') {
    const r = await prepareRedrive(source);
    console.log(
      `redrive: ${databaseName(source)}: ${r.eventsToRedrive} unapplied event(s) and ${r.mailsToRedrive} pending ` +
        `mail(s) go to the queue at the worker's next relay pass`,
    );
    return 0;
  }
  console.error(USAGE);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`${process.argv[2] ?? 'db'}: ${errorMessage(err)}`);
    process.exit(1);
  },
);
