import { closeOnSignals, runClustered } from '@motcua/application';
import { loadConfigOrExit } from '@motcua/config';
import { startApi } from './api.app';

const config = loadConfigOrExit('api');
// The processes of a cluster must sign and check tokens with one secret (a development one is random per process).
runClustered({ processes: config.apiProcesses, name: 'api', env: { JWT_SECRET: config.jwtSecret } }, () => {
  startApi(config.port, { config })
    .then((app) => closeOnSignals(app, 'api'))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
});
