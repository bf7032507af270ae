// `npm run indicators:rebuild [-- --refold]`: recomputes the indicators' rollups from the dossiers (issue 10).
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { ApplicationModule, RebuildIndicators } from '@motcua/application';
import { loadConfigOrExit } from '@motcua/config';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { refold: { type: 'boolean', default: false } } });
  // A rebuild reads every dossier: the apps' 10-second query timeout is for requests, not for this.
  const config = loadConfigOrExit('indicators:rebuild', {
    ...process.env,
    DATABASE_QUERY_TIMEOUT_MS: process.env.DATABASE_QUERY_TIMEOUT_MS ?? '3600000',
  });
  const app = await NestFactory.createApplicationContext(ApplicationModule.forRoot('api', { config }), {
    logger: ['error', 'warn'],
  });
  try {
    const started = Date.now();
    const r = await app.get(RebuildIndicators).run({ refold: values.refold });
    console.log(
      `indicators: ${r.refolded} dossier(s) re-folded, ${r.rows} rollup row(s) rebuilt, ` +
        `${r.drift} differing from the recomputation, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    if (r.drift > 0) process.exitCode = 2;
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
