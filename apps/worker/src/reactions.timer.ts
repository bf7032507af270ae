import { Inject, Injectable } from '@nestjs/common';
import { ReactorRunner } from '@motcua/application';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import { PeriodicTask } from './periodic-task';

/** Runs the reactors over newly applied events every `relayIntervalMs`. */
@Injectable()
export class ReactionsTimer extends PeriodicTask {
  constructor(
    private readonly runner: ReactorRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.worker.relayIntervalMs;
  }

  tick(): Promise<number> {
    return this.runner.runOnce();
  }
}
