import { loadConfigOrExit } from '@motcua/config';
import { closeOnSignals } from '@motcua/application';
import { startWorker } from './worker.app';

startWorker({ config: loadConfigOrExit('worker') })
  .then((app) => closeOnSignals(app, 'worker'))
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
