import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@motcua/config';
import { AppLogger, closeOnSignals } from '@motcua/application';
import { startWorker } from './worker.app';

const config = loadConfigOrExit('worker');
// From here on every line is in LOG_FORMAT, a failed start's included.
Logger.overrideLogger(new AppLogger(config.log));
startWorker({ config })
  .then((app) => closeOnSignals(app, 'worker'))
  .catch((err: unknown) => {
    new Logger('worker').fatal(err);
    process.exit(1);
  });
