import { closeOnSignals } from '@motcua/application';
import { loadConfigOrExit } from '@motcua/config';
import { startApi } from './api.app';

const config = loadConfigOrExit('api');
startApi(config.port, { config })
  .then((app) => closeOnSignals(app, 'api'))
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
