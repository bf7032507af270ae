import { Logger } from '@nestjs/common';
import { AppLogger, closeOnSignals, runClustered } from '@motcua/application';
import { loadConfigOrExit } from '@motcua/config';
import { startApi } from './api.app';

const config = loadConfigOrExit('api');
// From here on every line is in LOG_FORMAT, the cluster primary's and a failed start's included.
Logger.overrideLogger(new AppLogger(config.log));
// The processes of a cluster must sign and check tokens with one secret (a development one is random per process).
runClustered({ processes: config.apiProcesses, name: 'api', env: { JWT_SECRET: config.jwtSecret } }, () => {
  startApi(config.port, { config })
    .then((app) => closeOnSignals(app, 'api'))
    .catch((err: unknown) => {
      new Logger('api').fatal(err);
      process.exit(1);
    });
});
