/**
 * Issue 9, the public lookup's throttle: GET /tra-cuu is limited per client address (LOOKUP_RATE_LIMIT a minute,
 * here 5 per 3 s), every request alike — a right key, a wrong one, the blank form — with 429 rate_limited and
 * Retry-After, as JSON or as a page. The address is Express' req.ip: X-Forwarded-For counts only when TRUST_PROXY
 * says so. Counters live in Redis, shared by every API process on it.
 */
import { lookupKeyOf } from '@motcua/application';
import { loadConfig } from '@motcua/config';
import { newDossierCode, received } from './support/events';
import { Harness, sleep } from './support/harness';

const LIMIT = 5;
const WINDOW_MS = 3000;
const rateLimits = {
  loginMaxFailures: 10,
  loginWindowMs: 300_000,
  intakeRequests: 6000,
  intakeWindowMs: 60_000,
  lookupRequests: LIMIT,
  lookupWindowMs: WINDOW_MS,
};
let h: Harness;
let code: string;

beforeAll(async () => {
  h = await Harness.start({ worker: false, now: '2025-03-20T10:00:00+07:00', config: { rateLimits } });
  code = newDossierCode();
  expect(
    (await h.post('/api/v1/events', received(code, '2025-03-20T09:00:00+07:00'), await h.admin())).status,
  ).toBe(202);
});

afterAll(async () => {
  await h?.stop();
});

async function lookup(
  baseUrl: string,
  query: string,
  opts: { json?: boolean; forwardedFor?: string } = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const headers: Record<string, string> = { accept: opts.json ? 'application/json' : 'text/html' };
  if (opts.forwardedFor) headers['x-forwarded-for'] = opts.forwardedFor;
  const res = await fetch(`${baseUrl}/tra-cuu${query}`, { headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const right = () => `?code=${code}&key=${lookupKeyOf(code, h.config.lookupSecret)}`;
const wrong = () => `?code=${code}&key=ZZZZZZZZ`;

function expectRetryAfter(res: { headers: Headers }): number {
  const wait = Number(res.headers.get('retry-after'));
  expect(wait).toBeGreaterThanOrEqual(1);
  expect(wait).toBeLessThanOrEqual(WINDOW_MS / 1000);
  return wait;
}

describe('lookups throttled per client address', () => {
  it('the request over the limit gets 429 with Retry-After, wrong keys counting as right ones', async () => {
    const base = h.baseUrl;
    const answers = [
      await lookup(base, right(), { json: true }),
      await lookup(base, wrong(), { json: true }),
      await lookup(base, ''),
      await lookup(base, wrong()),
      await lookup(base, right()),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 404, 200, 404, 200]);

    const json = await lookup(base, right(), { json: true });
    expect(json.status).toBe(429);
    const wait = expectRetryAfter(json);
    expect(JSON.parse(json.text)).toEqual({
      error: { code: 'rate_limited', message: `Too many lookups; retry in ${wait} s`, details: [] },
    });
    expect(json.headers.get('cache-control')).toBe('no-store');

    const page = await lookup(base, right());
    expect(page.status).toBe(429);
    expectRetryAfter(page);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('<h1>Quá nhiều lượt tra cứu</h1>');
    expect(page.text).toMatch(/Vui lòng thử lại sau \d giây/);

    // Without TRUST_PROXY, a forged X-Forwarded-For is not another client.
    expect((await lookup(base, right(), { forwardedFor: '198.51.100.23' })).status).toBe(429);

    // Other routes are not throttled by it.
    expect((await fetch(`${base}/health`)).status).toBe(200);

    // After Retry-After the address may look up again (a sliding window: as its oldest requests age out).
    await sleep(Number(page.headers.get('retry-after')) * 1000 + 250);
    expect((await lookup(base, right(), { json: true })).status).toBe(200);
  });

  it('behind a trusted proxy, each forwarded client has its own counter, shared by every API process', async () => {
    const behindProxy = await h.startExtraApi({ trustProxy: 'loopback' });
    const other = await h.startExtraApi({ trustProxy: 'loopback' });
    const client = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++)
      statuses.push(
        (await lookup(i % 2 ? other.baseUrl : behindProxy.baseUrl, wrong(), { forwardedFor: client })).status,
      );
    expect(statuses).toEqual(Array(LIMIT).fill(404));
    const refused = await lookup(other.baseUrl, right(), { json: true, forwardedFor: client });
    expect(refused.status).toBe(429);
    expectRetryAfter(refused);
    // Another citizen behind the same proxy is not held back.
    expect(
      (await lookup(behindProxy.baseUrl, right(), { json: true, forwardedFor: '203.0.113.8' })).status,
    ).toBe(200);
  });

  it('by default: 30 lookups a minute per address', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).rateLimits).toMatchObject({
      lookupRequests: 30,
      lookupWindowMs: 60_000,
    });
    expect(loadConfig({ NODE_ENV: 'test', LOOKUP_RATE_LIMIT: '120' }).rateLimits.lookupRequests).toBe(120);
    expect(() => loadConfig({ NODE_ENV: 'test', LOOKUP_RATE_LIMIT: '0' })).toThrow(/LOOKUP_RATE_LIMIT/);
  });
});
