/**
 * Issue 10, the indicators end to end: six dossiers of one procedure whose every rate for June 2025 was computed by
 * hand (below), logged through the API and applied by the worker; the summary from the rollups (whole month) and
 * from the exact pass (a period not made of months) agree with the hand figures; the tracker's overdue flag moves
 * the pending counters; the drill-down lists the dossiers behind a numerator; a unit head sees only their units;
 * the rollups equal a from-scratch computation.
 */
import { event, forwarded, MC, rated, received, resultReady, returned, VLATLD } from './support/events';
import { RebuildIndicators } from '@motcua/application';
import { IndicatorRepository } from '@motcua/database';
import type { Harness } from './support/harness';
import { sweep, trackerHarness } from './support/tracker';

let h: Harness;
let admin: string;

const P = 'E2E.IND';
const t = (local: string) => `2025-${local}:00+07:00`;

beforeAll(async () => {
  h = await trackerHarness('2025-07-01T10:00:00+07:00');
  admin = await h.admin();
  // Five working days, lead unit VLATLD, a fee payable online, full online service.
  const proc = await h.put(
    `/api/v1/procedures/${P}`,
    {
      name: 'Thủ tục kiểm thử chỉ số',
      field: 'Việc làm',
      leadUnitCode: VLATLD,
      duration: { value: 5, unit: 'working_days' },
      onlineLevel: 'full',
      feeVnd: 50000,
      onlinePayment: true,
      requiresPaperResult: false,
      supplementPolicy: 'pause_resume',
      steps: [
        { code: 'TN', name: 'Tiếp nhận', unitCode: MC, allocatedWorkingHours: 4 },
        { code: 'TD', name: 'Thẩm định', unitCode: VLATLD, allocatedWorkingHours: 36 },
      ],
    },
    admin,
  );
  expect(proc.status).toBe(200);
  const at = (code: string, when: string, data: Record<string, unknown> = {}) =>
    received(code, t(when), { procedureCode: P, ...data });
  const docs = [{ name: 'Tờ khai', digitized: true, reused: true }];
  const events = [
    // A: online, electronic handover, digitised and reused, paid online, result Wed 04/06 (due 09/06): early; 16 h.
    at('IND-A', '06-02T08:00', { channel: 'online', documents: docs }),
    forwarded('IND-A', t('06-02T08:30'), MC, VLATLD),
    event('IND-A', 'digitized', t('06-02T09:00'), { components: 2 }),
    event('IND-A', 'paid', t('06-02T09:10'), { amountVnd: 50000, method: 'online' }),
    resultReady('IND-A', t('06-04T08:00')),
    returned('IND-A', t('06-04T09:00')),
    rated('IND-A', t('06-04T09:05'), 'satisfied'),
    // B: direct, paper handover, paid at the desk, result on its due day 09/06 08:30 (due 09:00): on time; 39.5 h.
    at('IND-B', '06-02T09:00'),
    forwarded('IND-B', t('06-02T09:30'), MC, VLATLD, { method: 'paper' }),
    event('IND-B', 'paid', t('06-02T09:40'), { amountVnd: 50000, method: 'offline' }),
    resultReady('IND-B', t('06-09T08:30')),
    returned('IND-B', t('06-09T09:00')),
    // C: direct, electronic handover, result Fri 20/06 (due 10/06): late, no apology; 104 h.
    at('IND-C', '06-03T08:00'),
    forwarded('IND-C', t('06-03T08:30'), MC, VLATLD),
    resultReady('IND-C', t('06-20T08:00')),
    returned('IND-C', t('06-20T09:00')),
    // D: online, one supplement (8 working hours paused: due 24/06 08:00), still open on 01/07: overdue.
    at('IND-D', '06-16T08:00', { channel: 'online' }),
    forwarded('IND-D', t('06-16T08:30'), MC, VLATLD),
    event('IND-D', 'supplement_requested', t('06-17T08:00'), { reason: 'Thiếu bản sao giấy khai sinh' }),
    event('IND-D', 'supplement_received', t('06-18T08:00')),
    // E: direct, received Fri 27/06 (due 04/07), open and within due.
    at('IND-E', '06-27T08:00'),
    // F: received in May, resolved Thu 05/06 (due 06/06): early, rated dissatisfied; 32 h.
    at('IND-F', '05-30T08:00'),
    resultReady('IND-F', t('06-05T08:00')),
    returned('IND-F', t('06-05T09:00')),
    rated('IND-F', t('06-05T09:05'), 'dissatisfied'),
  ];
  for (const e of events) {
    const res = await h.post('/api/v1/events', e, admin);
    expect({ id: e.dossierCode, type: e.type, status: res.status, body: res.body }).toMatchObject({
      status: 202,
    });
  }
  await h.waitForAllApplied();
});

afterAll(async () => {
  await h?.stop();
});

const JUNE = `from=2025-06-01&to=2025-06-30&procedure=${P}`;
const summary = async (query: string, token = admin) => {
  const res = await h.get(`/api/v1/metrics/summary?${query}`, token);
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
  return res.body as { source: string; indicators: Record<string, unknown>; [k: string]: unknown };
};
const value = (numerator: number, denominator: number, rate: number | null) =>
  expect.objectContaining({ numerator, denominator, rate });

describe('GET /api/v1/metrics/summary, June 2025, computed by hand', () => {
  it('counts every rate of the slice from the rollups, and the tracker’s overdue flag moves the pending counters', async () => {
    // D is past due: the tracker's act at its due date (a timer at once, or the sweep) flags it in the counters.
    await sweep(h);
    await h.waitForAllApplied();
    const flagged = await h.query<{ n: string }>(
      `SELECT count(*) AS n FROM dossier_events e JOIN dossiers d ON d.code = e.dossier_code
        WHERE e.dossier_code = 'IND-D' AND e.type = 'deadline_reached' AND e.data->>'kind' = 'due'
          AND (e.data->>'at')::bigint = (extract(epoch FROM d.due_at) * 1000)::bigint`,
    );
    expect(Number(flagged[0].n)).toBe(1);
    const s = await summary(JUNE);
    expect(s.source).toBe('rollup');
    expect(s.indicators).toEqual({
      // Resolved in June: A early, B on time (its due day), C late, F early.
      onTimeRate: value(3, 4, 75),
      // Ended by the due instant (A, B, F) + open within due (E) over ended (4) + open (D, E).
      onTime766Rate: value(4, 6, 66.67),
      electronicRoutingRate: value(3, 4, 75),
      electronicHandoverShare: value(3, 4, 75),
      onlineSubmissionRate: value(2, 5, 40),
      fullOnlineSubmissionRate: value(2, 5, 40),
      onlinePaymentAvailability: value(1, 1, 100),
      onlinePaymentRate: value(1, 5, 20),
      digitizationRate: value(1, 5, 20),
      reuseRate: value(1, 5, 20),
      satisfactionRate: value(1, 2, 50),
      onlineSatisfactionRate: value(1, 1, 100),
      // C ended late and D is past due, neither with a letter.
      apologyCompliance: value(0, 2, 0),
      supplementRate: value(1, 5, 20),
      multipleSupplementRate: value(0, 5, 0),
      pendingOverdueRate: value(1, 2, 50),
      lateReceptionRate: value(0, 2, 0),
      // Every June event was logged on 01/07, more than 24 h after it happened: 7 + 5 + 4 + 4 + 1 entries.
      lateEntryRate: value(21, 21, 100),
    });
    // (16 + 39.5 + 104 + 32) / 4 working hours.
    expect(s.avgProcessingWorkingHours).toBe(47.88);
    expect(s.counts).toEqual({ received: 5, resolved: 4, pendingWithinDue: 1, pendingOverdue: 1 });
    expect(s.indicators.onTimeRate).toMatchObject({ target: { value: 100, met: false }, basis: 'finished' });
    expect(s.indicators.onlineSubmissionRate).toMatchObject({ target: { value: 60, met: false } });
    expect(s.indicators.onlinePaymentAvailability).toMatchObject({ target: { value: 80, met: true } });
    expect(s.indicators.digitizationRate).toMatchObject({ target: { value: 90, met: false } });
  });

  it('gives the same figures from the exact pass over the dossiers, alone or around whole months', async () => {
    const rollup = await summary(JUNE);
    const around = await summary(`from=2025-05-31&to=2025-06-30&procedure=${P}`);
    expect(around.source).toBe('rollup+dossiers');
    expect(around.indicators).toEqual(rollup.indicators);
    // No whole month in 02/06–29/06: an exact pass; the last dossier of June (E, 27/06) is inside it.
    const exact = await summary(`from=2025-05-30&to=2025-06-29&procedure=${P}`);
    expect(exact.source).toBe('dossiers');
    expect(exact.counts).toMatchObject({ received: 6 });
    const repo = h.api.get(IndicatorRepository);
    const filter = { units: null, procedures: [P], channel: null };
    expect(
      await repo.totalsExact(
        { from: new Date('2025-06-01T00:00:00+07:00'), to: new Date('2025-07-01T00:00:00+07:00') },
        filter,
      ),
    ).toEqual(await repo.totalsByMonths({ from: '2025-06-01', to: '2025-06-01' }, filter));
  });

  it('slices by channel, unit and field', async () => {
    const online = await summary(`${JUNE}&channel=online`);
    expect(online.indicators.onlineSubmissionRate).toEqual(value(2, 2, 100));
    expect(online.indicators.onTimeRate).toEqual(value(1, 1, 100));
    const unit = await summary(`from=2025-06-01&to=2025-06-30&unit=${VLATLD}&field=Vi%E1%BB%87c%20l%C3%A0m`);
    expect((unit.counts as { received: number }).received).toBeGreaterThanOrEqual(5);
    const desk = await summary(`from=2025-06-01&to=2025-06-30&unit=${MC}`);
    expect(desk.counts).toMatchObject({ received: 0 });
  });

  it('lists the dossiers behind a numerator and a denominator', async () => {
    const codes = async (q: string) => {
      const res = await h.get(`/api/v1/metrics/dossiers?${JUNE}&${q}`, admin);
      expect(res.status).toBe(200);
      return (res.body as { items: Array<{ code: string }> }).items.map((i) => i.code);
    };
    expect(await codes('indicator=onTimeRate&part=numerator')).toEqual(['IND-A', 'IND-B', 'IND-F']);
    expect(await codes('indicator=onTimeRate&part=denominator')).toEqual([
      'IND-A',
      'IND-B',
      'IND-C',
      'IND-F',
    ]);
    expect(await codes('indicator=onTime766Rate&part=numerator')).toEqual([
      'IND-A',
      'IND-B',
      'IND-E',
      'IND-F',
    ]);
    expect(await codes('indicator=pendingOverdueRate')).toEqual(['IND-D']);
    const page = await h.get(
      `/api/v1/metrics/dossiers?${JUNE}&indicator=onTimeRate&part=denominator&limit=3`,
      admin,
    );
    expect(page.body).toMatchObject({ nextCursor: 'IND-C' });
    const next = await h.get(
      `/api/v1/metrics/dossiers?${JUNE}&indicator=onTimeRate&part=denominator&limit=3&after=IND-C`,
      admin,
    );
    expect((next.body as { items: Array<{ code: string }> }).items.map((i) => i.code)).toEqual(['IND-F']);
  });

  it('gives a monthly series whose June point is the summary', async () => {
    const res = await h.get(
      `/api/v1/metrics/timeseries?indicator=onTimeRate&interval=month&from=2025-05-01&to=2025-06-30&procedure=${P}`,
      admin,
    );
    expect(res.status).toBe(200);
    // May holds F's reception only: nothing resolved, no rate.
    expect((res.body as { points: unknown[] }).points).toEqual([
      expect.objectContaining({ period: '2025-05-01', numerator: 0, denominator: 0, rate: null }),
      expect.objectContaining({ period: '2025-06-01', numerator: 3, denominator: 4, rate: 75 }),
    ]);
    const daily = await h.get(
      `/api/v1/metrics/timeseries?indicator=onlineSubmissionRate&interval=week&from=2025-06-01&to=2025-06-30&procedure=${P}`,
      admin,
    );
    // Weeks from Monday: 02/06 (A, B, C), 16/06 (D), 23/06 (E).
    expect(
      (
        daily.body as { points: Array<{ period: string; numerator: number; denominator: number }> }
      ).points.map((p) => [p.period, p.numerator, p.denominator]),
    ).toEqual(
      expect.arrayContaining([
        ['2025-06-02', 1, 3],
        ['2025-06-16', 1, 1],
        ['2025-06-23', 0, 1],
      ]),
    );
  });

  it('lets a unit head read their units only, and refuses others', async () => {
    const head = await h.createUser('head.vl.ind', ['unit_head'], [VLATLD]);
    const other = await h.createUser('head.mc.ind', ['unit_head'], [MC]);
    const officer = await h.createUser('officer.ind', ['officer'], [MC]);
    expect((await summary(JUNE, head)).indicators.onTimeRate).toEqual(value(3, 4, 75));
    expect((await h.get(`/api/v1/metrics/summary?${JUNE}&unit=${VLATLD}`, other)).status).toBe(403);
    // Without a unit, another unit's head sees the slice within their own units: nothing of VLATLD's.
    expect((await summary(JUNE, other)).counts).toMatchObject({ received: 0, resolved: 0 });
    expect((await h.get(`/api/v1/metrics/summary?${JUNE}`, officer)).status).toBe(403);
  });

  it('answers 400 naming the field for a bad query, and 401 without a token', async () => {
    const bad = async (q: string, field: string) => {
      const res = await h.get(`/api/v1/metrics/summary?${q}`, admin);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain(`"field":"${field}"`);
    };
    await bad('from=2025-06-31&to=2025-07-01', 'from');
    await bad('from=2025-07-01&to=2025-06-01', 'to');
    await bad('from=2025-06-01&to=2025-06-30&unit=NOPE', 'unit');
    await bad('from=2025-06-01&to=2025-06-30&procedure=NOPE', 'procedure');
    await bad('from=2025-06-01&to=2025-06-30&channel=fax', 'channel');
    const ts = await h.get('/api/v1/metrics/timeseries?from=2025-06-01&to=2025-06-30&indicator=nope', admin);
    expect(ts.status).toBe(400);
    expect((await h.get(`/api/v1/metrics/summary?${JUNE}`)).status).toBe(401);
  });

  it('keeps the rollups equal to a from-scratch computation over the dossiers', async () => {
    const rows = await h.query<{ month: string }>(
      `SELECT to_char(month, 'YYYY-MM-DD') AS month FROM indicator_rollups WHERE procedure_code = $1 ORDER BY 1`,
      [P],
    );
    expect([...new Set(rows.map((r) => r.month))]).toEqual(['2025-05-01', '2025-06-01']);
    expect(await h.indicatorDrift()).toEqual({ rollups: [], facts: [] });
  });

  it('rebuilds damaged rollups and missing facts from the dossiers (the admin command)', async () => {
    const before = await summary(JUNE);
    await h.query(`UPDATE indicator_rollups SET received = received + 7, late = late + 1`);
    await h.query(`UPDATE dossiers SET facts = NULL WHERE code IN ('IND-A', 'IND-F')`);
    expect((await h.indicatorDrift()).rollups.length).toBeGreaterThan(0);
    const result = await h.api.get(RebuildIndicators).run({ refold: false });
    expect(result).toMatchObject({ refolded: 2, drift: 0 });
    expect(await h.indicatorDrift()).toEqual({ rollups: [], facts: [] });
    expect((await summary(JUNE)).indicators).toEqual(before.indicators);
  });
});
