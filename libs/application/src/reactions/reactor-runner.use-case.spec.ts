import type { ReactionRepository, StoredEvent } from '@motcua/database';
import { stored } from '../testing/in-memory.fakes';
import type { Reactor } from './reactor';
import { ReactorRunner } from './reactor-runner.use-case';

/** The reactions table over a fixed list of applied events. */
class FakeReactions {
  readonly done = new Set<string>();
  constructor(readonly events: StoredEvent[]) {}
  async pending(reactor: string, types: readonly string[], limit: number) {
    return this.events
      .filter((e) => types.includes(e.type) && !this.done.has(`${reactor}:${e.id}`))
      .slice(0, limit);
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
});
