// `npm run services [-- up|stop]`: ensures both services (prints which path each took) or stops what we started.
import { errorMessage } from '../support/errors';
import { ensureServices, stopServices } from './services';

async function main(command: string): Promise<string[]> {
  const log = (msg: string): void => console.error(`[services] ${msg}`);
  if (command === 'stop') return stopServices({ log });
  if (command === 'up') return (await ensureServices({ log })).summary;
  throw new Error(`unknown command "${command}" (use: npm run services -- [up|stop])`);
}

main(process.argv[2] ?? 'up').then(
  (lines) => {
    for (const line of lines) console.log(line);
  },
  (err: unknown) => {
    console.error(`services: ${errorMessage(err)}`);
    process.exitCode = 1;
  },
);
