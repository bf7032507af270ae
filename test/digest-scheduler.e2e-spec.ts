/**
 * Issue 12 runbook: after Redis lost its data the morning digest's job scheduler was gone until a worker restarted.
 * A running worker now puts it back.
 */
import type { Queue } from 'bullmq';
import { Harness, waitFor } from './support/harness';
import { mailQueue } from './support/mail';

let h: Harness;
let q: Queue;

beforeAll(async () => {
  h = await Harness.start({ config: { tracker: { sweepIntervalMs: 300 } } as never });
  q = mailQueue(h);
});

afterAll(async () => {
  await q?.close();
  await h?.stop();
});

const digest = async () => (await q.getJobSchedulers()).filter((s) => s.key === 'daily-digest');

describe('the daily digest’s job scheduler', () => {
  it('is put back by a running worker when Redis lost it, once, with the pattern of the opening', async () => {
    await waitFor(async () => (await digest()).length === 1, 10_000, 'the worker to schedule the digest');
    await q.removeJobScheduler('daily-digest');
    expect(await digest()).toEqual([]);
    await waitFor(async () => (await digest()).length === 1, 10_000, 'the worker to schedule it again');
    expect(await digest()).toEqual([
      expect.objectContaining({ key: 'daily-digest', pattern: '0 7 * * *', tz: 'Asia/Ho_Chi_Minh' }),
    ]);
    // Present and due in the future: the next checks leave it as it is (one delayed job, not one per check).
    await new Promise((r) => setTimeout(r, 1000));
    expect(await q.getJobCounts('delayed')).toEqual({ delayed: 1 });
  });
});
