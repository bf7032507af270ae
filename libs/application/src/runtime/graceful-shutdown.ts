import { Logger } from '@nestjs/common';

interface Closable {
  close(): Promise<void>;
}

/** On SIGTERM/SIGINT: close the app (finish in-flight work, release connections), then exit 0; a second signal forces. */
export function closeOnSignals(app: Closable, name: string, timeoutMs = 25_000): void {
  const log = new Logger(name);
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (closing) process.exit(1);
      closing = true;
      log.log(`${signal}: shutting down`);
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
    });
  }
}
