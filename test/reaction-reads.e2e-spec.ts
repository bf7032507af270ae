/**
 * Issue 12, found by the full-size chaos run: with 200,000 events stored, each reactor's read of its pending events
 * walked the whole table in seq order (half a second, several times a second per worker) and starved the worker.
 * The read now takes one (type, seq) range per type from a floor; these are its rules on a real database.
 */
import { ReactionRepository } from '@motcua/database';
import { postReceptions } from './support/receptions';
import { Harness } from './support/harness';

let h: Harness;
let reactions: ReactionRepository;

beforeAll(async () => {
  h = await Harness.start({ worker: false });
  reactions = h.api.get(ReactionRepository);
});

afterAll(async () => {
  await h?.stop();
});

/** Logs `n` receptions (not applied: no worker runs) and answers their ids and seqs in commit order. */
async function receptions(n: number): Promise<Array<{ id: string; seq: number }>> {
  const ids = await postReceptions(h, n);
  const rows = await h.query<{ id: string; seq: string }>(
    'SELECT id, seq FROM dossier_events WHERE id = ANY($1::uuid[]) ORDER BY seq',
    [ids],
  );
  return rows.map((r) => ({ id: r.id, seq: Number(r.seq) }));
}

const applied = (ids: string[]) =>
  h.query('UPDATE dossier_events SET applied_at = now() WHERE id = ANY($1::uuid[])', [ids]);

describe('a reactor reading its pending events', () => {
  it('reads applied events of its types from the floor on, oldest first, without those it reacted to', async () => {
    const [a, b, c, d] = await receptions(4);
    expect(await reactions.pending('r1', ['received'], 10)).toEqual([]);
    await applied([a.id, b.id, c.id, d.id]);
    const ids = async (from?: number) =>
      (await reactions.pending('r1', ['received', 'forwarded'], 10, from)).map((e) => e.id);
    expect(await ids()).toEqual([a.id, b.id, c.id, d.id]);
    expect(await ids(c.seq)).toEqual([c.id, d.id]);
    await reactions.markReacted('r1', [a.id, c.id]);
    expect(await ids()).toEqual([b.id, d.id]);
    expect((await reactions.pending('r1', ['received'], 1)).map((e) => e.id)).toEqual([b.id]);
    // Another reactor's reactions and other types are its own.
    expect((await reactions.pending('r2', ['received'], 10, d.seq)).map((e) => e.id)).toEqual([d.id]);
    expect(await reactions.pending('r1', ['forwarded'], 10)).toEqual([]);
    expect(await reactions.pending('r1', [], 10)).toEqual([]);
  });

  it('puts the horizon at the lowest unapplied seq, or one past the last event when all are applied', async () => {
    const [a, b, c] = await receptions(3);
    await applied([a.id, c.id]);
    expect(await reactions.horizon()).toBe(b.seq);
    await applied([b.id]);
    expect(await reactions.horizon()).toBe(c.seq + 1);
  });
});
