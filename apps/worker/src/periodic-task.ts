import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/** Work the worker repeats on an interval, one pass at a time, letting the last pass finish on shutdown. */
export abstract class PeriodicTask implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  protected abstract intervalMs(): number;

  abstract tick(): Promise<unknown>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.tick().finally(() => (this.running = null));
    }, this.intervalMs());
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
