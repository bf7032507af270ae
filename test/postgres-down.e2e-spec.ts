/**
 * PostgreSQL goes away under a running API (its connections go through a TCP proxy that the test cuts):
 * event intake answers 503 quickly and never 202, /health says down with 503 (which dependency: the admins'
 * /api/v1/health), nothing is half-written, and intake works again once PostgreSQL is back.
 */
import { received, newDossierCode, forwarded, MC, VLATLD } from './support/events';
import { ADMIN_PASSWORD, Harness, HttpClient, waitFor } from './support/harness';
import { TcpProxy } from './support/tcp-proxy';

let h: Harness;
let proxy: TcpProxy;
let api: HttpClient;
let token: string;

beforeAll(async () => {
  h = await Harness.start({ worker: false, now: '2025-03-20T10:00:00+07:00' });
  const real = new URL(h.databaseUrl);
  proxy = new TcpProxy(real.hostname, Number(real.port || 5432));
  await proxy.start();
  const viaProxy = new URL(h.databaseUrl);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  api = await h.startExtraApi({ databaseUrl: viaProxy.toString() });
  token = await api.login('admin', ADMIN_PASSWORD);
});

afterAll(async () => {
  await proxy?.cut();
  await h?.stop();
});

/** Runs `call`, expecting a 503 envelope within `withinMs`. */
async function expect503(call: () => Promise<{ status: number; body: any }>, withinMs = 5_000) {
  const started = Date.now();
  const res = await call();
  const took = Date.now() - started;
  expect(res.status).toBe(503);
  expect(res.body.error).toMatchObject({ code: 'dependency_unavailable' });
  expect(took).toBeLessThan(withinMs);
  return res;
}

describe('PostgreSQL down under a running API', () => {
  const code = newDossierCode();
  const reception = received(code, '2025-03-03T08:30:00+07:00');

  it('works through the proxy while PostgreSQL is up', async () => {
    expect((await api.post('/api/v1/events', reception, token)).status).toBe(202);
    const health = await api.get('/health');
    expect(health.status).toBe(200);
    // Issue 7: the public /health says up or down only; the probes are the admins' (/api/v1/health).
    expect(health.body).toEqual({ status: 'ok', ready: true });
    const details = await api.get('/api/v1/health', token);
    expect(details.status).toBe(200);
    expect(details.body.checks.postgres.status).toBe('up');
  });

  it('answers 503 quickly (never 202) for events, and stores nothing', async () => {
    const before = await h.eventCount();
    await proxy.cut();

    const single = forwarded(code, '2025-03-03T10:00:00+07:00', MC, VLATLD);
    const other = received(newDossierCode(), '2025-03-03T08:30:00+07:00');
    for (let i = 0; i < 3; i++) {
      await expect503(() => api.post('/api/v1/events', single, token));
      await expect503(() => api.post('/api/v1/events', other, token));
    }
    await expect503(() => api.post('/api/v1/events/batch', { events: [single, other] }, token));
    // A replay of a committed event cannot be confirmed either: 503, not 200 or 202.
    await expect503(() => api.post('/api/v1/events', reception, token));
    // Reads that need the database say the same.
    await expect503(() => api.get(`/api/v1/dossiers/${code}`, token));
    await expect503(() => api.get('/api/v1/dossiers', token));

    // Issue 7: every token is checked against the stored user (revocation) before the body is read, so without
    // PostgreSQL even bad input gets 503 (retry later), never a 500; bad input without a token is still a 401.
    await expect503(() =>
      api.post('/api/v1/events', { ...single, occurredAt: '2025-02-30T10:00:00+07:00' }, token),
    );
    expect((await api.post('/api/v1/events', single, null)).status).toBe(401);

    expect(await h.eventCount()).toBe(before);
    expect(
      await h.count('SELECT count(*) AS n FROM dossier_events WHERE id = ANY($1::uuid[])', [
        [single.id, other.id],
      ]),
    ).toBe(0);
  });

  it('/health reports down with HTTP 503; the admins’ /api/v1/health says it is postgres', async () => {
    const started = Date.now();
    const res = await api.get('/health');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(res.status).toBe(503);
    // Issue 7: no dependency names, latencies or error text in public.
    expect(res.body).toEqual({ status: 'degraded', ready: false });
    // The admin token is checked on its own while the users cannot be read (only this route does that).
    const details = await api.get('/api/v1/health', token);
    expect(details.status).toBe(503);
    expect(details.body).toMatchObject({
      status: 'degraded',
      ready: false,
      checks: { postgres: { status: 'down' }, redis: { status: 'up' } },
    });
  });

  it('accepts again once PostgreSQL is back, as if the refused attempts never happened', async () => {
    await proxy.start(); // same port
    await waitFor(
      async () => (await api.get('/health')).status === 200,
      15_000,
      'the API to see PostgreSQL again',
    );
    const single = forwarded(code, '2025-03-03T10:00:00+07:00', MC, VLATLD);
    const res = await api.post('/api/v1/events', single, token);
    expect(res.status).toBe(202);
    expect(await h.count('SELECT count(*) AS n FROM dossier_events WHERE dossier_code = $1', [code])).toBe(2);
  });
});
