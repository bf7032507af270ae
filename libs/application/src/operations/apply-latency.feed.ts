import { Injectable } from '@nestjs/common';

export type ApplyLatencyListener = (seconds: readonly number[]) => void;

/**
 * How long each event the projection applied had waited since its commit (`recorded_at` → `applied_at`, seconds),
 * told by ApplyEvents after its transaction commits; the worker's metrics listen, nobody else needs to.
 */
@Injectable()
export class ApplyLatencyFeed {
  private readonly listeners = new Set<ApplyLatencyListener>();

  /** Returns the call that stops listening. */
  listen(listener: ApplyLatencyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(seconds: readonly number[]): void {
    if (seconds.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(seconds);
      } catch {
        // The events are applied and committed: a broken listener must not fail their jobs.
      }
    }
  }
}
