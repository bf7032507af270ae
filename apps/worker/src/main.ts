import { loadConfig } from '@motcua/config';
import { startWorker } from './worker.app';

startWorker({ config: loadConfig() }).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
