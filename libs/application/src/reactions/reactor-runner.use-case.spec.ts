import type { ReactionRepository, StoredEvent } from '@motcua/database';
import { stored } from '../testing/in-memory.fakes';
import type { Reactor } from './reactor';
import { FULL_READ_EVERY, ReactorRunner } from './reactor-runner.use-case';

/** The reactions table over a list of applied events (a test may add one later, as a late commit would). */
class FakeReactions {
  readonly done = new Set<string>();
  readonly reads: number[] = [];
  constructor(readonly events: StoredEvent[]) {}
  async pending(reactor: string, types: readonly string[], limit: number, fromSeq = 0) {
    this.reads.push(fromSeq);
    return this.events
      .filter((e) => Number(e.seq) >= fromSeq)
      .filter((e) => types.includes(e.type) && !this.done.has(`${reactor}:${e.id}`))
      .sort((x, y) => Number(x.seq) - Number(y.seq))
      .slice(0, limit);
  }
  async horizon() {
    return Math.max(0, ...this.events.map((e) => Number(e.seq))) + 1;
  }
  async markReacted(reactor: string, ids: string[]) {
    for (const id of ids) this.done.add(`${reactor}:${id}`);
  }
}

function reactor(name: string, types: string[], fail = false): Reactor & { seen: string[] } {
  const seen: string[] = [];
  return {
    name,
    types: types as Reactor['types'],
    seen,
    react: async (events) => {
      if (fail) throw new Error('SMTP is down');
      seen.push(...events.map((e) => e.id));
    },
  };
}

describe('ReactorRunner', () => {
  const a = stored('D1', 'deadline_reached', '2025-03-05T08:30:00+07:00');
  const b = stored('D1', 'paid', '2025-03-05T09:00:00+07:00');
  const c = stored('D2', 'apology_drafted', '2025-03-05T10:00:00+07:00');

  it('gives each reactor the events of its types once, in commit order', async () => {
    const repo = new FakeReactions([a, b, c]);
    const tracker = reactor('mail', ['deadline_reached', 'apology_drafted']);
    const sut = new ReactorRunner(repo as unknown as ReactionRepository, [tracker]);
    expect(await sut.runOnce()).toBe(2);
    expect(await sut.runOnce()).toBe(0);
    expect(tracker.seen).toEqual([a.id, c.id]);
  });

  it('retries a failing reactor next pass without holding back the others', async () => {
    const repo = new FakeReactions([a, c]);
    const failing = reactor('mail', ['deadline_reached'], true);
    const other = reactor('apology', ['apology_drafted']);
    const sut = new ReactorRunner(repo as unknown as ReactionRepository, [failing, other]);
    await sut.runOnce();
    expect(other.seen).toEqual([c.id]);
    expect(repo.done.has(`mail:${a.id}`)).toBe(false);
  });

  it('ends a pass quietly when PostgreSQL is away (a throw would end the worker)', async () => {
    const repo = new FakeReactions([a]);
    repo.horizon = () => Promise.reject(new Error('Connection terminated'));
    const tracker = reactor('mail', ['deadline_reached']);
    const sut = new ReactorRunner(repo as unknown as ReactionRepository, [tracker]);
    await expect(sut.runOnce()).resolves.toBe(0);
    expect(tracker.seen).toEqual([]);
  });

  it('reads from the last horizon, and finds an event that committed below it on the next full read', async () => {
    const late = stored('D3', 'deadline_reached', '2025-03-05T11:00:00+07:00');
    const repo = new FakeReactions([b, c]);
    const tracker = reactor('mail', ['deadline_reached', 'apology_drafted']);
    const sut = new ReactorRunner(repo as unknown as ReactionRepository, [tracker]);
    await sut.runOnce();
    expect(tracker.seen).toEqual([c.id]);
    // `a` (a lower seq) becomes visible only now: the floor passed it, so ordinary passes see only `late`...
    repo.events.push(a, late);
    for (let i = 1; i < FULL_READ_EVERY; i++) await sut.runOnce();
    expect(repo.reads.slice(1).every((from) => from > Number(a.seq))).toBe(true);
    expect(tracker.seen).toEqual([c.id, late.id]);
    // ...and the full read reacts to it, once.
    await sut.runOnce();
    await sut.runOnce();
    expect(repo.reads.at(-2)).toBe(0);
    expect(tracker.seen).toEqual([c.id, late.id, a.id]);
  });
});
