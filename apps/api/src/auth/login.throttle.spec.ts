import { ThrottlerStorageService } from '@nestjs/throttler';
import { LoginThrottle } from './login.throttle';

// ThrottlerStorageService reads Date.now(): the test moves it with Jest's fake clock.
describe('LoginThrottle', () => {
  let storage: ThrottlerStorageService;
  const at = (ms: number) => jest.setSystemTime(ms);

  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
    storage = new ThrottlerStorageService();
  });
  afterEach(() => {
    storage.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('blocks after the maximum of failures within the window, then lets the caller try again', async () => {
    const sut = new LoginThrottle(storage, 3, 60_000);
    const keys = ['user:an', 'ip:10.0.0.1'];
    for (let i = 0; i < 3; i++) {
      at(1000 + i);
      expect(await sut.retryAfter(keys)).toBe(0);
      await sut.fail(keys);
    }
    at(2000);
    expect(await sut.retryAfter(keys)).toBe(59);
    expect(await sut.retryAfter(['user:binh'])).toBe(0);
    at(61_000);
    expect(await sut.retryAfter(keys)).toBe(0);
  });

  it('forgets failures after a success', async () => {
    const sut = new LoginThrottle(storage, 2, 60_000);
    at(0);
    await sut.fail(['user:an']);
    await sut.succeed(['user:an']);
    at(1);
    await sut.fail(['user:an']);
    at(2);
    expect(await sut.retryAfter(['user:an'])).toBe(0);
  });

  it('counts only failures: asking does not use up attempts', async () => {
    const sut = new LoginThrottle(storage, 2, 60_000);
    for (let i = 0; i < 50; i++) expect(await sut.retryAfter(['user:an'])).toBe(0);
    await sut.fail(['user:an']);
    expect(await sut.retryAfter(['user:an'])).toBe(0);
    await sut.fail(['user:an']);
    expect(await sut.retryAfter(['user:an'])).toBe(60);
  });

  it('blocks either key: the address after failures on many usernames, the username from many addresses', async () => {
    const sut = new LoginThrottle(storage, 3, 60_000);
    for (const u of ['a', 'b', 'c']) await sut.fail([`user:${u}`, 'ip:10.0.0.1']);
    expect(await sut.retryAfter(['user:d', 'ip:10.0.0.1'])).toBe(60);
    expect(await sut.retryAfter(['user:d', 'ip:10.0.0.2'])).toBe(0);
    for (const ip of ['1', '2', '3']) await sut.fail(['user:e', `ip:10.0.1.${ip}`]);
    expect(await sut.retryAfter(['user:e', 'ip:10.0.1.9'])).toBe(60);
  });

  it('is a sliding window: the block lifts when the oldest failure is older than the window', async () => {
    const sut = new LoginThrottle(storage, 3, 60_000);
    for (const t of [0, 20_000, 40_000]) {
      at(t);
      await sut.fail(['user:an']);
    }
    at(50_000);
    expect(await sut.retryAfter(['user:an'])).toBe(10);
    at(60_000);
    expect(await sut.retryAfter(['user:an'])).toBe(0);
    await sut.fail(['user:an']); // 20 s, 40 s and 60 s are within the window again
    expect(await sut.retryAfter(['user:an'])).toBe(20);
  });

  it('a success forgets only the keys it is given', async () => {
    const sut = new LoginThrottle(storage, 2, 60_000);
    const keys = ['user:an', 'ip:10.0.0.1'];
    await sut.fail(keys);
    await sut.fail(keys);
    await sut.succeed(['user:an']);
    expect(await sut.retryAfter(['user:an'])).toBe(0);
    expect(await sut.retryAfter(['ip:10.0.0.1'])).toBe(60);
  });
});
