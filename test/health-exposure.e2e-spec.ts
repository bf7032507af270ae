/**
 * Issue 7, health exposure: the public GET /health says only up or down ({status, ready}, 503 when PostgreSQL or
 * Redis is down), never which dependency failed, its error text or latencies; GET /api/v1/health gives those to
 * administrators. Security headers stay on, X-Powered-By off.
 * Issue 12: GET /health/live (liveness) probes nothing and stays 200 while both dependencies are away;
 * GET /health/ready is /health under the name orchestrators expect.
 */
import { MC } from './support/events';
import { ADMIN_PASSWORD, Harness } from './support/harness';
import { TcpProxy } from './support/tcp-proxy';
import { closedPort } from './support/ports';

let h: Harness;

beforeAll(async () => {
  h = await Harness.start({ worker: false });
});

afterAll(async () => {
  await h?.stop();
});

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

describe('liveness vs readiness (issue 12)', () => {
  it('with everything up: live, ready, and /health/ready answers as /health', async () => {
    const live = await h.get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok', live: true });
    const ready = await h.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', ready: true });
  });

  it('PostgreSQL cut and Redis unreachable: liveness stays 200, readiness says 503', async () => {
    // The API starts against a live PostgreSQL (it reads its rules at start) reached through a proxy cut below.
    const real = new URL(h.databaseUrl);
    const proxy = new TcpProxy(real.hostname, Number(real.port || 5432));
    await proxy.start();
    try {
      const viaProxy = new URL(h.databaseUrl);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      const api = await h.startExtraApi({
        databaseUrl: viaProxy.toString(),
        redisUrl: `redis://127.0.0.1:${await closedPort()}`,
      });
      await proxy.cut();
      for (const path of ['/health', '/health/ready']) {
        const res = await api.get(path);
        expect(res.status).toBe(503);
        expect(res.body).toEqual({ status: 'degraded', ready: false });
      }
      const started = Date.now();
      const live = await api.get('/health/live');
      expect(live.status).toBe(200);
      expect(live.body).toEqual({ status: 'ok', live: true });
      // No probe stands between liveness and its answer (the readiness probes wait up to 1.5 s each).
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await proxy.cut();
      await h.stopExtraApis();
    }
  });
});
