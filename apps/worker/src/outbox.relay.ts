import { Inject, Injectable } from '@nestjs/common';
import { RelayOutbox } from '@motcua/application';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import { PeriodicTask } from './periodic-task';

/** Runs the outbox relay every `relayIntervalMs`. */
@Injectable()
export class OutboxRelay extends PeriodicTask {
  constructor(
    private readonly relay: RelayOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.worker.relayIntervalMs;
  }

  tick(): Promise<void> {
    return this.relay.pass();
  }
}
