import { cappedExponentialDelay, notificationJobId, notificationJobOptions } from './queue.constants';

describe('mail jobs', () => {
  it('back off exponentially from MAIL_BACKOFF_MS, capped at 32 times it', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => cappedExponentialDelay(n, 30_000))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 960_000, 960_000,
    ]);
    // The default 100 attempts keep retrying a relay that is down for about a day.
    const total = Array.from({ length: 99 }, (_, i) => cappedExponentialDelay(i + 1, 30_000)).reduce(
      (a, b) => a + b,
    );
    expect(total / 3_600_000).toBeGreaterThan(24);
  });

  it('have one id per notification and carry MAIL_ATTEMPTS', () => {
    expect(notificationJobId('abc')).toBe('mail-abc');
    expect(notificationJobOptions({ attempts: 5, backoffMs: 200 })).toMatchObject({
      attempts: 5,
      backoff: { type: 'capped-exponential', delay: 200 },
    });
  });
});
