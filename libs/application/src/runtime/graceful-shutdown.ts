import { Logger } from '@nestjs/common';
import { SHUTDOWN_MESSAGE } from './process-cluster';

interface Closable {
  close(): Promise<void>;
}

/**
 * On SIGTERM/SIGINT (or a cluster primary's shutdown message): close the app (finish in-flight work, release
 * connections), then exit 0; a second signal forces.
 */
export function closeOnSignals(app: Closable, name: string, timeoutMs = 25_000): void {
  const log = new Logger(name);
  let closing = false;
  /** When the primary's message started the shutdown: the Ctrl-C that caused it may reach us just after. */
  let messageAt = 0;
  const shutDown = (reason: string) => {
    log.log(`${reason}: shutting down`);
    const force = setTimeout(() => {
      log.error(`did not stop within ${timeoutMs} ms; exiting`);
      process.exit(1);
    }, timeoutMs);
    force.unref();
    app.close().then(
      () => {
        log.log('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        log.error(err instanceof Error ? err.message : String(err));
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.on(signal, () => {
      if (closing && Date.now() - messageAt > 2000) process.exit(1);
      if (closing) return;
      closing = true;
      shutDown(signal);
    });
  // A Ctrl-C reaches a cluster's processes directly as well as through the primary: the message never forces.
  process.on('message', (m) => {
    if (m !== SHUTDOWN_MESSAGE || closing) return;
    closing = true;
    messageAt = Date.now();
    shutDown('shutdown message from the cluster primary');
  });
}
