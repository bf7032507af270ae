import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import { EventStore } from '@motcua/database';
import { DossierEventQueue } from '@motcua/queue';

const BATCH = 1000;

/** The outbox relay: committed events without a job get one, so a crash or a Redis outage only delays them. */
@Injectable()
export class RelayOutbox {
  private readonly log = new Logger('relay');

  constructor(
    private readonly store: EventStore,
    private readonly queue: DossierEventQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One pass: events without a job, then events whose job never applied them. Never throws. */
  async pass(): Promise<void> {
    const { relayGraceMs, relayStaleMs } = this.config.worker;
    try {
      for (;;) {
        // The grace period leaves the API a moment to enqueue its own events first.
        const pending = await this.store.unenqueued(relayGraceMs, BATCH);
        if (pending.length === 0) break;
        await this.queue.enqueue(pending);
        await this.store.markEnqueued(pending.map((p) => p.id));
        this.log.log(`relayed ${pending.length} event(s) that had no job`);
        if (pending.length < BATCH) break;
      }
      // BullMQ ignores an id it still keeps, so a re-drive gets a tagged job id.
      const stale = await this.store.staleUnapplied(relayStaleMs, BATCH);
      if (stale.length > 0) {
        await this.queue.enqueue(stale, String(Date.now()));
        this.log.warn(
          `re-drove ${stale.length} event(s) enqueued over ${relayStaleMs} ms ago but never applied`,
        );
      }
    } catch (err) {
      this.log.warn(`relay pass failed, will retry: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
