import { loadConfig } from '@motcua/config';
import { closeOnSignals } from '@motcua/core';
import { startApi } from './api.app';

const config = loadConfig();
startApi(config.port, { config })
  .then((app) => closeOnSignals(app, 'api'))
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
