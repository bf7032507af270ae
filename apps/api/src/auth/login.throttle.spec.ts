import { LoginThrottle } from './login.throttle';

describe('LoginThrottle', () => {
  it('blocks after the maximum of failures within the window, then lets the caller try again', () => {
    const sut = new LoginThrottle(3, 60_000);
    const keys = ['user:an', 'ip:10.0.0.1'];
    for (let i = 0; i < 3; i++) {
      expect(sut.retryAfter(keys, 1000 + i)).toBe(0);
      sut.fail(keys, 1000 + i);
    }
    expect(sut.retryAfter(keys, 2000)).toBe(59);
    expect(sut.retryAfter(['user:binh'], 2000)).toBe(0);
    expect(sut.retryAfter(keys, 61_000)).toBe(0);
  });

  it('forgets failures after a success', () => {
    const sut = new LoginThrottle(2, 60_000);
    sut.fail(['user:an'], 0);
    sut.succeed(['user:an']);
    sut.fail(['user:an'], 1);
    expect(sut.retryAfter(['user:an'], 2)).toBe(0);
  });
});
