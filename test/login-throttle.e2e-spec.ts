/**
 * Issue 7, login throttle: 10 failed logins within 5 minutes per username and per client address answer 429
 * rate_limited with Retry-After. The counters live in Redis, so two API processes on one Redis share them (they used
 * to live in one process's memory); the client address follows TRUST_PROXY (behind a proxy without it, ten failures
 * by anyone locked everyone out; with it, X-Forwarded-For from an untrusted peer must still be ignored).
 */
import { Redis } from 'ioredis';
import { MC } from './support/events';
import { Harness, type HttpClient, USER_PASSWORD } from './support/harness';

let h: Harness;
/** Two API processes' worth of instances on the same Redis and database, both trusting a proxy on loopback. */
let a: HttpClient;
let b: HttpClient;

beforeAll(async () => {
  h = await Harness.start({ worker: false, config: { trustProxy: 'loopback' } });
  a = h.http;
  b = await h.startExtraApi({});
  for (const u of ['victim', 'victim.two', 'victim.three', 'bystander'])
    await h.createUser(u, ['officer'], [MC]);
});

afterAll(async () => {
  await h?.stop();
});

/** A login through `api`, as a proxy on loopback forwarding for `client`. */
const login = (api: HttpClient, username: string, password: string, client: string) =>
  api.request('POST', '/api/v1/auth/token', {
    body: { username, password },
    headers: { 'x-forwarded-for': client },
  });

function expectRateLimited(res: { status: number; body: any; headers: Headers }) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(290);
  expect(retryAfter).toBeLessThanOrEqual(300);
  expect(res.body.error).toEqual({
    code: 'rate_limited',
    message: `Too many failed logins; retry in ${retryAfter} s`,
    details: [],
  });
}

describe('the failed-login throttle is shared by two API instances on one Redis', () => {
  it('per username: 5 failures on each instance block the user on both, even with the right password', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await login(i % 2 ? a : b, 'victim', 'wrong password', `203.0.113.${i + 1}`);
      expect(res.status).toBe(401);
    }
    expectRateLimited(await login(a, 'victim', USER_PASSWORD, '203.0.113.50'));
    expectRateLimited(await login(b, 'victim', USER_PASSWORD, '203.0.113.51'));
    // Others are not locked out.
    expect((await login(b, 'bystander', USER_PASSWORD, '203.0.113.52')).status).toBe(200);
    // The counters are Redis keys of this database's prefix, not memory of one process.
    const dbName = new URL(h.databaseUrl).pathname.slice(1);
    const redis = new Redis(h.redisUrl);
    try {
      expect(await redis.zcard(`motcua:${dbName}:throttle:login-failures:user:victim:hits`)).toBe(10);
    } finally {
      await redis.quit();
    }
  });

  it('per address: 10 failures from one client on many usernames block that client on both instances', async () => {
    const client = '198.51.100.9';
    for (let i = 0; i < 10; i++)
      expect((await login(i % 2 ? a : b, `nobody.${i}`, 'wrong password', client)).status).toBe(401);
    expectRateLimited(await login(b, 'victim.two', USER_PASSWORD, client));
    expectRateLimited(await login(a, 'victim.two', USER_PASSWORD, client));
    expect((await login(a, 'victim.two', USER_PASSWORD, '198.51.100.10')).status).toBe(200);
  });

  it('a success on one instance forgets the username’s failures on the other', async () => {
    for (let i = 0; i < 9; i++)
      expect((await login(a, 'victim.three', 'wrong password', `192.0.2.${i + 1}`)).status).toBe(401);
    expect((await login(b, 'victim.three', USER_PASSWORD, '192.0.2.100')).status).toBe(200);
    for (let i = 0; i < 9; i++)
      expect((await login(a, 'victim.three', 'wrong password', `192.0.2.${i + 20}`)).status).toBe(401);
    expect((await login(a, 'victim.three', USER_PASSWORD, '192.0.2.101')).status).toBe(200);
  });
});

// Last: the third test blocks 127.0.0.1 itself, which every instance would then see for requests without a proxy.
describe('trust proxy', () => {
  it('on: behind the proxy each client is counted by its own address, so one bad client locks out no one else', async () => {
    for (let i = 0; i < 10; i++)
      expect((await login(a, `guess.${i}`, 'wrong password', '203.0.113.200')).status).toBe(401);
    expectRateLimited(await login(a, 'bystander', USER_PASSWORD, '203.0.113.200'));
    for (let i = 201; i < 206; i++)
      expect((await login(a, 'bystander', USER_PASSWORD, `203.0.113.${i}`)).status).toBe(200);
  });

  it('on: only the trusted proxy’s hop counts; an address the client adds in front of it is ignored', async () => {
    // The proxy (loopback) appends the address it saw; whatever the client wrote before that is not believed.
    for (let i = 0; i < 10; i++)
      expect((await login(a, `spoof.${i}`, 'wrong password', `10.9.9.${i}, 203.0.113.210`)).status).toBe(401);
    expectRateLimited(await login(a, 'bystander', USER_PASSWORD, '10.1.1.1, 203.0.113.210'));
  });

  it('off (TRUST_PROXY=false, the default): X-Forwarded-For is ignored, the peer address counts', async () => {
    const direct = await h.startExtraApi({ trustProxy: false });
    for (let i = 0; i < 10; i++)
      expect((await login(direct, `direct.${i}`, 'wrong password', `203.0.113.${100 + i}`)).status).toBe(401);
    // A new forged X-Forwarded-For does not escape the block of 127.0.0.1.
    expectRateLimited(await login(direct, 'bystander', USER_PASSWORD, '203.0.113.199'));
    expect(h.config.trustProxy).toBe('loopback');
  });
});
