import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import { EventStore } from '@motcua/database';
import { DossierEventQueue } from '@motcua/queue';

const BATCH = 1000;

/** The outbox relay: committed events without a job get one, so a crash or a Redis outage only delays them. */
@Injectable()
export class RelayOutbox {
  private readonly log = new Logger('relay');
  /**
   * Where the next look for stale events starts. The look only reads: jobs waiting behind a backlog are many, and
   * writing each of them every pass made the relay the engine's heaviest writer (issue 12, full-size chaos run).
   */
  private staleCursor = '0';

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
        await this.store.markEnqueued(await this.queue.enqueue(pending));
        this.log.log(`relayed ${pending.length} event(s) that had no job`);
        if (pending.length < BATCH) break;
      }
      // Only those whose job will not run: one still waiting behind a backlog would run twice (and, before this
      // check, a backlog longer than RELAY_STALE_MS doubled itself in Redis every RELAY_STALE_MS: issue 12).
      const stale = await this.store.staleUnapplied(relayStaleMs, this.staleCursor, BATCH);
      // A page per pass, walking the whole backlog over successive passes, then from the start again.
      this.staleCursor = stale.length < BATCH ? '0' : stale[stale.length - 1].seq;
      const lost = stale.length > 0 ? await this.queue.withoutLiveJob(stale) : [];
      if (lost.length > 0) {
        await this.store.markRedriven(await this.queue.redrive(lost));
        this.log.warn(
          `re-drove ${lost.length} event(s) enqueued over ${relayStaleMs} ms ago whose job was lost`,
        );
      }
    } catch (err) {
      this.log.warn(`relay pass failed, will retry: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
