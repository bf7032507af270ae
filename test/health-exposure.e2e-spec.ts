/**
 * Issue 7, health exposure: the public GET /health says only up or down ({status, ready}, 503 when PostgreSQL or
 * Redis is down), never which dependency failed, its error text or latencies; GET /api/v1/health gives those to
 * administrators. Security headers stay on, X-Powered-By off.
 */
import * as net from 'node:net';
import { MC } from './support/events';
import { ADMIN_PASSWORD, Harness } from './support/harness';

let h: Harness;

beforeAll(async () => {
  h = await Harness.start({ worker: false });
});

afterAll(async () => {
  await h?.stop();
});

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

describe('/health in public vs for admins', () => {
  it('public: only status and ready, with helmet’s headers and no X-Powered-By', async () => {
    const res = await h.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', ready: true });
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('details are for admins: 401 without a token, 403 for other roles, every probe for an admin', async () => {
    expect((await h.get('/api/v1/health')).status).toBe(401);
    const manager = await h.createUser('health.manager', ['manager'], ['*']);
    const officer = await h.createUser('health.officer', ['officer'], [MC]);
    for (const token of [manager, officer]) expect((await h.get('/api/v1/health', token)).status).toBe(403);
    const res = await h.get('/api/v1/health', await h.admin());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      ready: true,
      checks: {
        postgres: { status: 'up', latencyMs: expect.any(Number) },
        redis: { status: 'up', latencyMs: expect.any(Number) },
        // Nothing listens on the tests' SMTP port: reported, with its error, but it does not gate readiness.
        smtp: { status: 'down', latencyMs: expect.any(Number), error: expect.stringMatching(/ECONNREFUSED/) },
      },
    });
    // The public answer says nothing about SMTP's error either.
    expect(JSON.stringify((await h.get('/health')).body)).not.toMatch(/smtp|ECONNREFUSED|latency/i);
  });

  it('with Redis down: public 503 says only down; the admin sees which dependency and why', async () => {
    const api = await h.startExtraApi({ redisUrl: `redis://127.0.0.1:${await closedPort()}` });
    const token = await api.login('admin', ADMIN_PASSWORD);
    const res = await api.get('/health');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'degraded', ready: false });
    expect(res.text).not.toMatch(/redis|postgres|ECONNREFUSED|127\.0\.0\.1|latency/i);
    const details = await api.get('/api/v1/health', token);
    expect(details.status).toBe(503);
    expect(details.body.checks.postgres.status).toBe('up');
    expect(details.body.checks.redis).toMatchObject({ status: 'down', error: expect.any(String) });
    await h.stopExtraApis();
  });
});
