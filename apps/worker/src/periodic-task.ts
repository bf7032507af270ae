import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/** Work the worker repeats on an interval, one pass at a time, letting the last pass finish on shutdown. */
export abstract class PeriodicTask implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  protected abstract intervalMs(): number;

  abstract tick(): Promise<unknown>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      // A pass that throws is logged, not left unhandled: an unhandled rejection would end the worker.
      if (!this.running)
        this.running = this.tick()
          .catch((err: unknown) => new Logger(this.constructor.name).error(err))
          .finally(() => (this.running = null));
    }, this.intervalMs());
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
