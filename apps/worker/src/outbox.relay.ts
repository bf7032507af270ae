import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { EventStore } from '@motcua/database';
import { DOSSIER_EVENTS_QUEUE, DossierEventProducer } from '@motcua/queue';

const INTERVAL_MS = Number(process.env.RELAY_INTERVAL_MS ?? 1000);
/** Leave the API a moment to enqueue its own events before the relay steps in. */
const GRACE_MS = Number(process.env.RELAY_GRACE_MS ?? 3000);
const BATCH = 1000;
/** An enqueued event still unapplied after this long is re-driven with a fresh job id. */
const STALE_MS = Number(process.env.RELAY_STALE_MS ?? 120_000);

/** The outbox relay: committed events without a job get one, so a crash or a Redis outage only delays them. */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('relay');
  private readonly producer: DossierEventProducer;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: EventStore,
    @InjectQueue(DOSSIER_EVENTS_QUEUE) queue: Queue,
  ) {
    this.producer = new DossierEventProducer(queue);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.tick().finally(() => (this.running = null));
    }, INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass: events without a job, then events whose job never applied them. */
  async tick(): Promise<void> {
    try {
      for (;;) {
        const pending = await this.store.unenqueued(GRACE_MS, BATCH);
        if (pending.length === 0) break;
        await this.producer.enqueue(pending);
        await this.store.markEnqueued(pending.map((p) => p.id));
        this.log.log(`relayed ${pending.length} event(s) that had no job`);
        if (pending.length < BATCH) break;
      }
      const stale = await this.store.staleUnapplied(STALE_MS, BATCH);
      if (stale.length > 0) {
        await this.producer.enqueue(stale, String(Date.now()));
        this.log.warn(`re-drove ${stale.length} event(s) enqueued over ${STALE_MS} ms ago but never applied`);
      }
    } catch (err) {
      this.log.warn(`relay pass failed, will retry: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
