import { MicroBatcher } from './micro-batcher';

describe('MicroBatcher', () => {
  it('sends requests that arrive while a batch runs together in the next batch, each getting its own result', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const sut = new MicroBatcher<number, number>(
      async (reqs) => {
        batches.push(reqs);
        if (batches.length === 1) await gate;
        return reqs.map((x) => x * 10);
      },
      100,
      1,
    );
    const first = sut.submit(1);
    await new Promise((r) => setImmediate(r));
    const rest = [2, 3, 4].map((x) => sut.submit(x));
    release();
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('caps the batch size and rejects every caller of a failed batch', async () => {
    const sizes: number[] = [];
    const sut = new MicroBatcher<number, number>(
      async (reqs) => {
        sizes.push(reqs.length);
        if (reqs.includes(13)) throw new Error('boom');
        return reqs;
      },
      2,
      1,
    );
    const results = await Promise.allSettled([1, 2, 13, 4, 5].map((x) => sut.submit(x)));
    expect(sizes).toEqual([2, 2, 1]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
  });
});
