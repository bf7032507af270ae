/**
 * Issue 7, intake throttle: POST /api/v1/events and /events/batch are throttled per user (INTAKE_RATE_LIMIT requests
 * a minute, both routes on one counter, shared by every API process on one Redis): 429 rate_limited with
 * Retry-After, nothing stored. Tested with a low limit and a short window; the default is generous (6000 a minute)
 * so that the demo's replay and the other tests are never throttled.
 */
import { loadConfig } from '@motcua/config';
import { MC, newDossierCode, received } from './support/events';
import { Harness, type HttpClient, sleep } from './support/harness';

const LIMIT = 5;
const WINDOW_MS = 3000;
let h: Harness;
let other: HttpClient;

beforeAll(async () => {
  h = await Harness.start({
    worker: false,
    now: '2025-03-20T10:00:00+07:00',
    config: {
      rateLimits: {
        loginMaxFailures: 10,
        loginWindowMs: 300_000,
        intakeRequests: LIMIT,
        intakeWindowMs: WINDOW_MS,
        lookupRequests: 30,
        lookupWindowMs: 60_000,
      },
    },
  });
  other = await h.startExtraApi({});
});

afterAll(async () => {
  await h?.stop();
});

const event = () => received(newDossierCode(), '2025-03-20T09:00:00+07:00');

describe('intake throttled per user', () => {
  it('the request over the limit gets 429 rate_limited with Retry-After, on either API instance, and stores nothing', async () => {
    const officer = await h.createUser('busy.desk', ['officer'], [MC]);
    const bystander = await h.createUser('quiet.desk', ['officer'], [MC]);
    // Singles and batches count together, on both instances.
    const answers = [
      await h.post('/api/v1/events', event(), officer),
      await h.post('/api/v1/events/batch', { events: [event(), event()] }, officer),
      await other.post('/api/v1/events', event(), officer),
      await other.post('/api/v1/events/batch', { events: [event()] }, officer),
      await h.post('/api/v1/events', event(), officer),
    ];
    expect(answers.map((r) => r.status)).toEqual([202, 200, 202, 200, 202]);

    const before = await h.eventCount();
    const refused = [
      await h.post('/api/v1/events', event(), officer),
      await other.post('/api/v1/events/batch', { events: [event()] }, officer),
    ];
    for (const res of refused) {
      expect(res.status).toBe(429);
      const retryAfter = Number(res.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(WINDOW_MS / 1000);
      expect(res.body.error).toEqual({
        code: 'rate_limited',
        message: `Too many event requests; retry in ${retryAfter} s`,
        details: [],
      });
    }
    expect(await h.eventCount()).toBe(before);

    // Another user has a counter of its own.
    expect((await h.post('/api/v1/events', event(), bystander)).status).toBe(202);

    // After Retry-After the user may send again (a sliding window: as its oldest requests age out).
    await sleep(Number(refused[0].headers.get('retry-after')) * 1000 + 250);
    expect((await h.post('/api/v1/events', event(), officer)).status).toBe(202);
  });

  it('by default the limit is generous: 6000 requests a minute per user', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).rateLimits).toMatchObject({
      intakeRequests: 6000,
      intakeWindowMs: 60_000,
    });
    expect(loadConfig({ NODE_ENV: 'test', INTAKE_RATE_LIMIT: '120' }).rateLimits.intakeRequests).toBe(120);
  });
});
