/**
 * Issue 10, for operators: GET /metrics in the Prometheus text format, against real PostgreSQL and Redis. Events
 * are logged over HTTP and applied by the worker; the scrape is read back with a strict parser of the format and
 * each figure is checked against the truth it stands for: the overdue worklist (as the controlled clock moves),
 * the mail outbox's rows, the event log's lag, the queues, the tracker's armed timers, the HTTP histogram by
 * route pattern (never a dossier code), and the worker's own histogram against `applied_at − recorded_at`.
 */
import { DeadlineTimers, DossierEventQueue } from '@motcua/queue';
import { WorkerMetricsServer } from '../apps/worker/src/metrics/worker-metrics.server';
import { forwarded, MC, newDossierCode, received, VLATLD } from './support/events';
import { Harness, waitFor, type HttpResult } from './support/harness';
import { applicantMail, mailConfig, notifier, rows } from './support/mail';
import { parseExposition, samplesOf, valueOf, type Exposition } from './support/prometheus';
import { TestSmtpServer } from './support/smtp-server';
import { closedPort } from './support/ports';

const TOKEN = 'scrape-token-for-the-e2e-spec';
const APPLICANT = 'Nguyễn Văn An';
/** 1.014200: three working days. */
const threeDays = (code: string, at: string) => received(code, at, { procedureCode: '1.014200' });

async function scrape(h: Harness, token: string | null = TOKEN): Promise<HttpResult> {
  return h.http.request('GET', '/metrics', {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

async function metrics(h: Harness): Promise<Exposition & { text: string }> {
  const res = await scrape(h);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return { ...parseExposition(res.text), text: res.text };
}

describe('GET /metrics of the API, and the worker’s own', () => {
  let smtp: TestSmtpServer;
  let h: Harness;
  let admin: string;
  /** Due Thu 13/03 08:00: overdue at the clock's Fri 14/03 09:00. */
  const overdue = newDossierCode('H57.12-250310');
  /** Due Tue 18/03 10:00: on track until then. */
  const later = newDossierCode('H57.12-250313');

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    h = await Harness.start({
      now: '2025-03-14T09:00:00+07:00',
      config: {
        ...mailConfig(smtp.url),
        // The stale re-drive stays at its default, so that an event left unapplied on purpose stays so.
        worker: { concurrency: 8, relayIntervalMs: 100, relayGraceMs: 500, relayStaleMs: 120_000 },
        metrics: { token: TOKEN, workerPort: 0 },
      },
    });
    admin = await h.admin();
    const events = [
      threeDays(overdue, '2025-03-10T08:00:00+07:00'),
      forwarded(overdue, '2025-03-10T09:00:00+07:00', MC, VLATLD),
      threeDays(later, '2025-03-13T10:00:00+07:00'),
    ];
    const res = await h.post('/api/v1/events/batch', { events }, admin);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'accepted',
      'accepted',
    ]);
    await h.waitForAllApplied();
  });

  afterAll(async () => {
    await h?.stop();
    await smtp?.stop();
  });

  it('asks for METRICS_TOKEN: 401 in the error envelope without it, with a wrong one or with a user token', async () => {
    for (const token of [null, 'not-the-scrape-token', admin]) {
      const res = await scrape(h, token);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    }
    const ok = await metrics(h);
    // prom-client's process metrics are there too.
    expect(ok.types.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(valueOf(ok, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('counts the overdue dossiers as the sla=overdue worklist does, and follows the clock', async () => {
    const worklist = async () =>
      (await h.get(`/api/v1/dossiers?sla=overdue&limit=200`, await h.admin())).body.items.map(
        (i: { code: string }) => i.code,
      );
    expect(await worklist()).toEqual([overdue]);
    const before = await metrics(h);
    expect(before.types.get('motcua_dossiers_overdue')).toBe('gauge');
    expect(valueOf(before, 'motcua_dossiers_overdue')).toBe(1);

    h.clock.set('2025-03-18T10:30:00+07:00');
    expect((await worklist()).sort()).toEqual([overdue, later].sort());
    expect(valueOf(await metrics(h), 'motcua_dossiers_overdue')).toBe(2);
    h.clock.set('2025-03-14T09:00:00+07:00');
  });

  it('labels HTTP latency by method, route pattern and status class, never by a raw path', async () => {
    for (const code of [overdue, later])
      expect((await h.get(`/api/v1/dossiers/${code}`, admin)).status).toBe(200);
    // Refused by the auth guard before any interceptor would run: timed all the same.
    expect((await h.get(`/api/v1/dossiers/${overdue}`)).status).toBe(401);
    expect((await h.get(`/no/such/${overdue}`, admin)).status).toBe(404);
    const m = await metrics(h);
    expect(m.types.get('motcua_http_request_duration_seconds')).toBe('histogram');
    const count = (labels: Record<string, string>) =>
      valueOf(m, 'motcua_http_request_duration_seconds_count', labels);
    const route = '/api/v1/dossiers/:code';
    expect(count({ method: 'GET', route, status_class: '2xx' })).toBeGreaterThanOrEqual(2);
    expect(count({ method: 'GET', route, status_class: '4xx' })).toBeGreaterThanOrEqual(1);
    expect(count({ method: 'POST', route: '/api/v1/events/batch', status_class: '2xx' })).toBe(1);
    expect(count({ method: 'GET', route: 'unmatched', status_class: '4xx' })).toBeGreaterThanOrEqual(1);
    // Every route label is a pattern the app declares (or `unmatched`), whatever paths were asked for.
    const routes = new Set(
      samplesOf(m, 'motcua_http_request_duration_seconds_count').map((s) => s.labels.route),
    );
    for (const r of routes) expect(r).toMatch(/^(unmatched|\/[a-z0-9/:._-]*)$/);
    // The bucket for +Inf holds every request of its series.
    const inf = valueOf(m, 'motcua_http_request_duration_seconds_bucket', {
      method: 'GET',
      route,
      status_class: '2xx',
      le: '+Inf',
    });
    expect(inf).toBe(count({ method: 'GET', route, status_class: '2xx' }));
    // No dossier code, no name, no mailbox anywhere in the scrape.
    for (const secret of [overdue, later, APPLICANT, 'H57.12-2503']) expect(m.text).not.toContain(secret);
  });

  it('counts the mails of the outbox by status, as the rows stand', async () => {
    smtp.refuse({ code: 550, message: '5.1.1 No such mailbox', domain: 'nowhere.example' });
    await notifier(h).request(applicantMail(later, 'an.nguyen@example.vn', 'k-sent'));
    await notifier(h).request(applicantMail(later, 'an.nguyen@nowhere.example', 'k-failed'));
    await waitFor(
      async () => (await rows(h)).every((r) => r.status === 'sent' || r.status === 'failed'),
      20_000,
      'both mails to settle',
    );
    const byStatus = (s: string) => rows(h, 'status = $1', [s]).then((r) => r.length);
    expect([await byStatus('sent'), await byStatus('failed')]).toEqual([1, 1]);
    const m = await metrics(h);
    expect(valueOf(m, 'motcua_mails', { status: 'sent' })).toBe(1);
    expect(valueOf(m, 'motcua_mails', { status: 'failed' })).toBe(1);
    expect(valueOf(m, 'motcua_mails', { status: 'pending' })).toBe(0);
    expect(m.text).not.toContain('example.vn');
    // The outcomes are logged in the timeline (notification_sent / _failed) and applied like any event.
    await h.waitForAllApplied();
  });

  it('reports every queue in every watched state, idle once the worker caught up', async () => {
    const m = await metrics(h);
    for (const queue of ['dossier-events', 'notifications', 'deadline-tracker'])
      for (const state of ['waiting', 'active', 'delayed', 'failed']) {
        const v = valueOf(m, 'motcua_queue_jobs', { queue, state });
        expect(Number.isInteger(v) && v >= 0).toBe(true);
      }
    expect(valueOf(m, 'motcua_queue_jobs', { queue: 'dossier-events', state: 'waiting' })).toBe(0);
    expect(valueOf(m, 'motcua_queue_jobs', { queue: 'dossier-events', state: 'failed' })).toBe(0);
    expect(valueOf(m, 'motcua_metrics_source_up', { source: 'postgres' })).toBe(1);
    expect(valueOf(m, 'motcua_metrics_source_up', { source: 'redis' })).toBe(1);
  });

  it('shows the projection lag: an event committed five minutes ago and not applied, then none', async () => {
    const idle = await metrics(h);
    expect(valueOf(idle, 'motcua_projection_unapplied_events')).toBe(0);
    expect(valueOf(idle, 'motcua_projection_lag_seconds')).toBe(0);
    // As if its job were lost: enqueued, never applied (the relay re-drives it only after RELAY_STALE_MS).
    const stuck = forwarded(later, '2025-03-13T11:00:00+07:00', MC, VLATLD);
    await h.query(
      `INSERT INTO dossier_events (id, dossier_code, type, occurred_at, data, body_hash, actor, response,
                                   recorded_at, enqueued_at)
       VALUES ($1, $2, 'forwarded', $3, $4::jsonb, 'x', 'test', '{}'::jsonb, now() - interval '5 minutes', now())`,
      [stuck.id, later, new Date(stuck.occurredAt), JSON.stringify(stuck.data)],
    );
    const lagging = await metrics(h);
    expect(valueOf(lagging, 'motcua_projection_unapplied_events')).toBe(1);
    const lag = valueOf(lagging, 'motcua_projection_lag_seconds');
    expect(lag).toBeGreaterThanOrEqual(300);
    expect(lag).toBeLessThan(360);
    await h.api.get(DossierEventQueue).enqueue([{ id: stuck.id, dossierCode: later }]);
    await h.waitForAllApplied();
    expect(valueOf(await metrics(h), 'motcua_projection_unapplied_events')).toBe(0);
  });

  it('answers in time when PostgreSQL is slow or Redis away: that source is down, its gauges NaN', async () => {
    // A lock held on the outbox: the figures' query waits behind it, as behind any slow database.
    const locker = await h.db.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE notifications IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const slow = await metrics(h);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(valueOf(slow, 'motcua_metrics_source_up', { source: 'postgres' })).toBe(0);
      expect(valueOf(slow, 'motcua_metrics_source_up', { source: 'redis' })).toBe(1);
      expect(valueOf(slow, 'motcua_dossiers_overdue')).toBeNaN();
      expect(valueOf(slow, 'motcua_mails', { status: 'sent' })).toBeNaN();
      expect(valueOf(slow, 'motcua_queue_jobs', { queue: 'dossier-events', state: 'failed' })).toBe(0);
    } finally {
      await locker.query('ROLLBACK');
      locker.release();
    }
    await waitFor(
      async () => valueOf(await metrics(h), 'motcua_metrics_source_up', { source: 'postgres' }) === 1,
      10_000,
      'PostgreSQL to answer the scrape again',
    );

    const api = await h.startExtraApi({ redisUrl: `redis://127.0.0.1:${await closedPort()}` });
    try {
      const res = await api.request('GET', '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      const away = parseExposition(res.text);
      expect(valueOf(away, 'motcua_metrics_source_up', { source: 'redis' })).toBe(0);
      expect(valueOf(away, 'motcua_deadline_timers_armed')).toBeNaN();
      expect(valueOf(away, 'motcua_queue_jobs', { queue: 'notifications', state: 'waiting' })).toBeNaN();
      expect(valueOf(away, 'motcua_dossiers_overdue')).toBe(1);
    } finally {
      await h.stopExtraApis();
    }
  });

  it('gives the recent apply latency from the log, and the worker’s histogram equal to applied_at − recorded_at', async () => {
    await h.waitForAllApplied();
    const [log] = await h.query<{ n: number; sum: number }>(
      `SELECT count(*)::int AS n, sum(EXTRACT(EPOCH FROM applied_at - recorded_at))::float8 AS sum
         FROM dossier_events WHERE applied_at IS NOT NULL`,
    );
    const m = await metrics(h);
    expect(valueOf(m, 'motcua_event_apply_latency_recent_events')).toBe(log.n);
    const q = ['0.5', '0.9', '0.99', '1'].map((quantile) =>
      valueOf(m, 'motcua_event_apply_latency_recent_seconds', { quantile }),
    );
    expect(q[0]).toBeGreaterThanOrEqual(0);
    for (let i = 1; i < q.length; i += 1) expect(q[i]).toBeGreaterThanOrEqual(q[i - 1]);
    // The stuck event waited five minutes before it was applied: it is the longest.
    expect(q[3]).toBeGreaterThanOrEqual(300);

    const port = h.worker!.get(WorkerMetricsServer).port;
    expect(port).not.toBeNull();
    const url = `http://127.0.0.1:${port}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const w = parseExposition(await res.text());
    expect(w.types.get('motcua_event_apply_latency_seconds')).toBe('histogram');
    // This worker applied every event of the log, each observed once, with the log's own timestamps.
    expect(valueOf(w, 'motcua_event_apply_latency_seconds_count')).toBe(log.n);
    expect(valueOf(w, 'motcua_event_apply_latency_seconds_sum')).toBeCloseTo(log.sum, 3);
    expect(valueOf(w, 'motcua_event_apply_latency_seconds_bucket', { le: '+Inf' })).toBe(log.n);
    expect(valueOf(w, 'motcua_event_apply_latency_seconds_bucket', { le: '120' })).toBe(log.n - 1);
    expect(w.types.get('process_cpu_user_seconds_total')).toBe('counter');
    // The shared gauges are the API's alone, so that nothing is counted twice across processes.
    expect(w.types.has('motcua_queue_jobs')).toBe(false);
  });
});

describe('motcua_deadline_timers_armed with the tracker on', () => {
  let h: Harness;
  let timers: DeadlineTimers;

  beforeAll(async () => {
    // Wed 12/03 07:30: a dossier received Mon 10/03 08:00 (three working days) is warned at 08:00, due Thu 08:00.
    h = await Harness.start({
      now: '2025-03-12T07:30:00+07:00',
      config: {
        tracker: { enabled: true, horizonMs: 3_600_000, sweepIntervalMs: 60_000 },
        metrics: { token: null, workerPort: null },
      },
    });
    timers = h.api.get(DeadlineTimers);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('counts the delayed timer jobs, not the sweep’s own next run; public when no token is set', async () => {
    const code = newDossierCode('H57.12-250310');
    expect(
      (await h.post('/api/v1/events', threeDays(code, '2025-03-10T08:00:00+07:00'), await h.admin())).status,
    ).toBe(202);
    await h.waitForAllApplied();
    // The worker armed the warning (within the hour) and ran the sweep once, whose next run is a delayed job too.
    await waitFor(
      async () =>
        (await timers.armed()).length >= 1 &&
        (await timers.delayedCount()) === (await timers.armed()).length + 1,
      20_000,
      'the warning armed and the sweep scheduled',
    );
    const armed = (await timers.armed()).length;
    const res = await scrape(h, null);
    expect(res.status).toBe(200);
    const m = parseExposition(res.text);
    expect(valueOf(m, 'motcua_deadline_timers_armed')).toBe(armed);
    expect(valueOf(m, 'motcua_queue_jobs', { queue: 'deadline-tracker', state: 'delayed' })).toBe(armed + 1);
    expect((await timers.armed()).map((t) => t.dossierCode)).toContain(code);
  });
});
