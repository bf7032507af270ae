// Replays events through POST /api/v1/events/batch as the users who log them. The API authorises an event against
// the dossier's state at intake, so a dossier's events go in order: one request at a time per dossier.
import type { BatchError, DemoApi } from './api-client';
import type { DemoEvent } from './generator/generator.types';
import { MinHeap } from './min-heap';

export interface SendCounts {
  accepted: number;
  duplicate: number;
  rejected: number;
  requests: number;
}

export interface SendProgress extends SendCounts {
  sent: number;
  total: number;
  elapsedMs: number;
}

export interface RejectedEvent {
  event: DemoEvent;
  user: string;
  error: BatchError | null | undefined;
}

export interface SendResult extends SendCounts {
  sent: number;
  /** The first 1000 rejected events, with the API's reason. */
  rejectedEvents: RejectedEvent[];
  elapsedMs: number;
}

export interface SendOptions {
  client: DemoApi;
  /** Time-ordered. */
  events: readonly DemoEvent[];
  /** Actor key → username (all 'admin' in admin mode). */
  userOf: (actor: string) => string;
  /** Username → bearer token. */
  tokens: ReadonlyMap<string, string>;
  /** Requests in flight. */
  concurrency?: number;
  /** At most 1000 (the API's limit). */
  batchSize?: number;
  onProgress?: (p: SendProgress) => void;
}

/** Per dossier: its chain of event indices, the next one not yet sent, and where it stands. */
interface DossierChain {
  chain: number[];
  next: number;
  inflight: number | null;
  queued: boolean;
  waiting: boolean;
}

interface Batch {
  id: number;
  user: string;
  items: number[];
  touched: Set<DossierChain>;
}

export async function sendEvents(o: SendOptions): Promise<SendResult> {
  const { client, events, userOf, tokens } = o;
  const concurrency = o.concurrency || 4;
  const batchSize = Math.min(1000, o.batchSize || 1000);
  const started = Date.now();
  const counts: SendCounts = { accepted: 0, duplicate: 0, rejected: 0, requests: 0 };
  const rejected: RejectedEvent[] = [];

  const dossiers = new Map<string, DossierChain>();
  events.forEach((e, i) => {
    let d = dossiers.get(e.dossierCode);
    if (!d)
      dossiers.set(
        e.dossierCode,
        (d = { chain: [], next: 0, inflight: null, queued: false, waiting: false }),
      );
    d.chain.push(i);
  });
  const heaps = new Map<string, MinHeap>();
  const heapOf = (user: string): MinHeap => {
    let h = heaps.get(user);
    if (!h) heaps.set(user, (h = new MinHeap()));
    return h;
  };
  const users = events.map((e) => userOf(e.actor));
  const dossierOf = (i: number): DossierChain => {
    const d = dossiers.get(events[i].dossierCode);
    if (!d) throw new Error(`no chain for dossier ${events[i].dossierCode}`);
    return d;
  };
  const enqueueNext = (d: DossierChain): void => {
    if (d.next < d.chain.length) {
      heapOf(users[d.chain[d.next]]).push(d.chain[d.next]);
      d.queued = true;
    }
  };
  for (const d of dossiers.values()) enqueueNext(d);

  let nextBatchId = 1;
  let inflight = 0;
  let sent = 0;

  /** The earliest ready events of one user, with each dossier's run of that user's events (a request sees its own). */
  function buildBatch(): Batch | null {
    let user: string | null = null;
    let heap: MinHeap | null = null;
    let best = Infinity;
    for (const [u, h] of heaps) {
      const top = h.peek();
      if (top !== undefined && top < best) [user, heap, best] = [u, h, top];
    }
    if (user === null || heap === null) return null;
    const id = nextBatchId++;
    const items: number[] = [];
    const touched = new Set<DossierChain>();
    while (items.length < batchSize && heap.size > 0) {
      const i = heap.pop();
      if (i === undefined) break;
      const d = dossierOf(i);
      if (d.inflight !== null && d.inflight !== id) {
        d.waiting = true; // its previous event is still on the wire: retry once that request answers
        continue;
      }
      items.push(i);
      touched.add(d);
      d.inflight = id;
      d.queued = false;
      d.next++;
      if (d.next < d.chain.length && users[d.chain[d.next]] === user) {
        heap.push(d.chain[d.next]);
        d.queued = true;
      }
    }
    if (items.length === 0) return null;
    return { id, user, items, touched };
  }

  function finish(batch: Batch): void {
    for (const d of batch.touched) {
      d.inflight = null;
      if (d.waiting) {
        d.waiting = false;
        heapOf(users[d.chain[d.next]]).push(d.chain[d.next]);
      } else if (!d.queued) enqueueNext(d);
    }
  }

  async function send(batch: Batch): Promise<void> {
    const body = {
      events: batch.items.map((i) => {
        const e = events[i];
        return { id: e.id, dossierCode: e.dossierCode, type: e.type, occurredAt: e.occurredAt, data: e.data };
      }),
    };
    const token = tokens.get(batch.user);
    if (token === undefined) throw new Error(`no token for ${batch.user}`);
    const answer = await client.logBatch(token, body.events);
    counts.requests++;
    answer.results.forEach((r, k) => {
      if (r.status === 'accepted') counts.accepted++;
      else if (r.status === 'duplicate') counts.duplicate++;
      else {
        counts.rejected++;
        const e = events[batch.items[k]];
        if (rejected.length < 1000) rejected.push({ event: e, user: batch.user, error: r.error });
      }
    });
    sent += batch.items.length;
  }

  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const pump = (): void => {
      if (failed) return;
      while (inflight < concurrency) {
        const batch = buildBatch();
        if (!batch) break;
        inflight++;
        send(batch).then(
          () => {
            inflight--;
            finish(batch);
            o.onProgress?.({ ...counts, sent, total: events.length, elapsedMs: Date.now() - started });
            pump();
          },
          (err: unknown) => {
            failed = true;
            reject(err instanceof Error ? err : new Error(String(err)));
          },
        );
      }
      if (inflight === 0) {
        if (sent === events.length) resolve();
        else reject(new Error(`sender stalled with ${events.length - sent} event(s) unsent (scheduler bug)`));
      }
    };
    pump();
  });
  return { ...counts, sent, rejectedEvents: rejected, elapsedMs: Date.now() - started };
}
