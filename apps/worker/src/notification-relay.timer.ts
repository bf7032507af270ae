import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RelayNotifications } from '@motcua/application';
import { APP_CONFIG, type AppConfig } from '@motcua/config';

/** Runs the mail outbox's relay every `relayIntervalMs`, one pass at a time. */
@Injectable()
export class NotificationRelayTimer implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly relay: RelayNotifications,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.tick().finally(() => (this.running = null));
    }, this.config.worker.relayIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  tick(): Promise<unknown> {
    return this.relay.pass();
  }
}
