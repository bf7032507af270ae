import { TickCoalescer } from './tick-coalescer';

interface Row {
  key: string;
  n: number;
}

function coalescer(rows: Row[], maxKeys?: number) {
  const calls: string[][] = [];
  const c = new TickCoalescer<string, Row>(
    async (keys) => {
      calls.push(keys);
      return rows.filter((r) => keys.includes(r.key));
    },
    (r) => r.key,
    maxKeys,
  );
  return { c, calls };
}

describe('TickCoalescer', () => {
  const rows = [
    { key: 'a', n: 1 },
    { key: 'b', n: 2 },
    { key: 'a', n: 3 },
    { key: 'c', n: 4 },
  ];

  it('answers the callers of one tick with one load of their keys, each with its own rows in load order', async () => {
    const { c, calls } = coalescer(rows);
    const [a, ab, z, none] = await Promise.all([
      c.get(['a']),
      c.get(['b', 'a', 'a']),
      c.get(['z']),
      c.get([]),
    ]);
    expect(calls).toEqual([['a', 'b', 'z']]);
    expect(a.map((r) => r.n)).toEqual([1, 3]);
    expect(ab.map((r) => r.n)).toEqual([1, 2, 3]);
    expect(z).toEqual([]);
    expect(none).toEqual([]);
  });

  it('loads again for callers of a later tick', async () => {
    const { c, calls } = coalescer(rows);
    await c.get(['a']);
    await c.get(['b']);
    expect(calls).toEqual([['a'], ['b']]);
  });

  it('splits a union above maxKeys between queries, never one caller’s keys', async () => {
    const { c, calls } = coalescer(rows, 2);
    const [ab, cc] = await Promise.all([c.get(['a', 'b']), c.get(['c'])]);
    expect(calls).toEqual([['a', 'b'], ['c']]);
    expect(ab.map((r) => r.n)).toEqual([1, 2, 3]);
    expect(cc.map((r) => r.n)).toEqual([4]);
  });

  it('fails every caller that shared a failed load', async () => {
    const c = new TickCoalescer<string, Row>(
      () => Promise.reject(new Error('down')),
      (r) => r.key,
    );
    const results = await Promise.allSettled([c.get(['a']), c.get(['b'])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
