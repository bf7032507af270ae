import { closeOnSignals } from '@motcua/application';
import { loadConfig } from '@motcua/config';
import { startApi } from './api.app';

const config = loadConfig();
startApi(config.port, { config })
  .then((app) => closeOnSignals(app, 'api'))
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
