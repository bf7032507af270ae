import type { AppConfig } from '@motcua/config';
import type { EventStore } from '@motcua/database';
import type { DossierEventQueue } from '@motcua/queue';
import { RelayOutbox } from './relay-outbox.use-case';

const config = { worker: { relayGraceMs: 3000, relayStaleMs: 120_000 } } as AppConfig;
const evt = (n: number) => ({ id: `id-${n}`, dossierCode: `D-${n}`, seq: String(n), jobId: null });

/** The outbox queries of the event log, answering from lists the test sets. */
class FakeOutbox {
  unsent: Array<{ id: string; dossierCode: string }> = [];
  stale: Array<{ id: string; dossierCode: string; seq: string; jobId: string | null }> = [];
  marked: string[] = [];
  redriveMarked: string[] = [];
  /** The job id each marking recorded, by event. */
  jobOf = new Map<string, string>();
  staleReads: string[] = [];
  failing = false;
  async unenqueued(_graceMs: number, limit: number) {
    if (this.failing) throw new Error('Connection terminated');
    return this.unsent.splice(0, limit);
  }
  async markEnqueued(jobs: Array<{ id: string; jobId: string }>) {
    this.marked.push(...jobs.map((j) => j.id));
    for (const j of jobs) this.jobOf.set(j.id, j.jobId);
  }
  async staleUnapplied(_olderThanMs: number, afterSeq: string, limit: number) {
    this.staleReads.push(afterSeq);
    return this.stale.filter((e) => BigInt(e.seq) > BigInt(afterSeq)).slice(0, limit);
  }
  async markRedriven(jobs: Array<{ id: string; jobId: string }>) {
    this.redriveMarked.push(...jobs.map((j) => j.id));
    for (const j of jobs) this.jobOf.set(j.id, j.jobId);
  }
}

class FakeQueue {
  calls: string[][] = [];
  redriven: string[][] = [];
  /** Jobs that still wait (behind a backlog). */
  live = new Set<string>();
  async enqueue(events: Array<{ id: string }>) {
    this.calls.push(events.map((e) => e.id));
    return events.map((e) => ({ id: e.id, jobId: `job-of-${events[0].id}` }));
  }
  async withoutLiveJob<E extends { id: string; jobId: string | null }>(events: E[]) {
    return events.filter((e) => !this.live.has(e.jobId ?? e.id));
  }
  async redrive(events: Array<{ id: string }>) {
    this.redriven.push(events.map((e) => e.id));
    return events.map((e) => ({ id: e.id, jobId: `redriven-${events[0].id}` }));
  }
}

function setup() {
  const store = new FakeOutbox();
  const queue = new FakeQueue();
  const sut = new RelayOutbox(store as unknown as EventStore, queue as unknown as DossierEventQueue, config);
  return { store, queue, sut };
}

describe('RelayOutbox', () => {
  it('gives committed events without a job one, in pages of 1000, and marks them enqueued', async () => {
    const { store, queue, sut } = setup();
    store.unsent = Array.from({ length: 1500 }, (_, i) => evt(i));
    await sut.pass();
    expect(queue.calls.map((c) => c.length)).toEqual([1000, 500]);
    expect(store.marked).toHaveLength(1500);
    // Each row records the job that carries it.
    expect(store.jobOf.get('id-999')).toBe('job-of-id-0');
    expect(store.jobOf.get('id-1000')).toBe('job-of-id-1000');
  });

  it('re-drives events enqueued long ago but never applied whose job is lost, not those still waiting', async () => {
    const { store, queue, sut } = setup();
    store.stale = [evt(1), evt(2), evt(3)];
    queue.live.add('id-2');
    await sut.pass();
    expect(queue.redriven).toEqual([['id-1', 'id-3']]);
    expect(queue.calls).toEqual([]);
    // Only the re-driven rows are written; the one still waiting is left untouched.
    expect(store.redriveMarked).toEqual(['id-1', 'id-3']);
    expect(store.jobOf.get('id-3')).toBe('redriven-id-1');
    expect(store.marked).toEqual([]);
  });

  it('asks about the job a row names: events of one waiting job are all left to it', async () => {
    const { store, queue, sut } = setup();
    store.stale = [1, 2, 3].map((n) => ({ ...evt(n), jobId: 'evt-id-1' }));
    store.stale.push({ ...evt(4), jobId: 'evt-id-4' });
    queue.live.add('evt-id-1');
    await sut.pass();
    expect(queue.redriven).toEqual([['id-4']]);
  });

  it('walks a long backlog of stale events a page per pass, then starts again from the oldest', async () => {
    const { store, queue, sut } = setup();
    store.stale = Array.from({ length: 2500 }, (_, i) => evt(i + 1));
    for (const e of store.stale) queue.live.add(e.id);
    // The one lost job sits behind two pages of jobs that only wait.
    queue.live.delete('id-2200');
    await sut.pass();
    await sut.pass();
    expect(queue.redriven).toEqual([]);
    await sut.pass();
    expect(queue.redriven).toEqual([['id-2200']]);
    await sut.pass();
    expect(store.staleReads).toEqual(['0', '1000', '2000', '0']);
    expect(store.redriveMarked).toEqual(['id-2200']);
  });

  it('survives PostgreSQL being away: the pass ends quietly and the next one retries', async () => {
    const { store, queue, sut } = setup();
    store.failing = true;
    await expect(sut.pass()).resolves.toBeUndefined();
    expect(queue.calls).toEqual([]);
  });
});
