/**
 * Issue 10, the Decision 766 scores (domain.md §7.3) and the Circular 01/2018 evaluation (§7.4) end to end: a unit of
 * its own leading three procedures, five dossiers of June 2025 logged through the API, and every rate, point and
 * total computed by hand below from the shipped config/scoring.json; unit heads limited to their units; 400s.
 */
import { event, forwarded, MC, received, type EventBody } from './support/events';
import { Harness } from './support/harness';

let h: Harness;
let admin: string;

const U = 'LDTBXH.E2E';
const JUNE = `from=2025-06-01&to=2025-06-30&unit=${U}`;
const t = (local: string) => `2025-${local}:00+07:00`;

/** Five working days, led by U and received at MC. */
const procedure = (name: string, extra: Record<string, unknown>) => ({
  name,
  field: 'Việc làm',
  leadUnitCode: U,
  duration: { value: 5, unit: 'working_days' },
  supplementPolicy: 'pause_resume',
  requiresPaperResult: false,
  steps: [
    { code: 'TN', name: 'Tiếp nhận', unitCode: MC, allocatedWorkingHours: 4 },
    { code: 'TD', name: 'Thẩm định', unitCode: U, allocatedWorkingHours: 36 },
  ],
  ...extra,
});

beforeAll(async () => {
  h = await Harness.start({ now: '2025-07-10T10:00:00+07:00' });
  admin = await h.admin();
  const unit = { name: 'Phòng Kiểm thử', parentCode: 'LDTBXH', kind: 'department' };
  expect((await h.put(`/api/v1/units/${U}`, unit, admin)).status).toBe(200);
  const procedures = {
    // S1: full online service, a fee payable online, a paper result.
    'E2E.S1': procedure('Thủ tục S1', {
      onlineLevel: 'full',
      feeVnd: 200000,
      onlinePayment: true,
      requiresPaperResult: true,
    }),
    // S2: partial online service, a fee not payable online.
    'E2E.S2': procedure('Thủ tục S2', { onlineLevel: 'partial', feeVnd: 100000, onlinePayment: false }),
    // S3: no online service, no fee.
    'E2E.S3': procedure('Thủ tục S3', { onlineLevel: 'none', feeVnd: 0 }),
  };
  for (const [code, body] of Object.entries(procedures))
    expect((await h.put(`/api/v1/procedures/${code}`, body, admin)).status).toBe(200);

  const receive = (code: string, when: string, procedureCode: string, data: Record<string, unknown> = {}) => [
    received(code, t(when), { procedureCode, ...data }),
    forwarded(code, t(when.replace(/T09:00$/, 'T09:30')), MC, U),
  ];
  const events: EventBody[] = [
    // D1 (S1) online, its form digitised and reused, paid online, electronic result Thu 05/06 (due 09/06 09:00):
    // early, in time; rated very satisfied.
    ...receive('SC-D1', '06-02T09:00', 'E2E.S1', {
      channel: 'online',
      documents: [{ name: 'Tờ khai', digitized: true, reused: true }],
    }),
    event('SC-D1', 'paid', t('06-02T10:30'), { amountVnd: 200000, method: 'online' }),
    event('SC-D1', 'result_ready', t('06-05T10:00'), { outcome: 'approved', electronicResult: true }),
    event('SC-D1', 'returned', t('06-06T09:00'), { method: 'desk' }),
    event('SC-D1', 'rated', t('06-06T09:05'), { rating: 'very_satisfied' }),
    // D2 (S1) direct, paper result Wed 11/06 (due 10/06 09:00): late; rated dissatisfied.
    ...receive('SC-D2', '06-03T09:00', 'E2E.S1'),
    event('SC-D2', 'result_ready', t('06-11T10:00'), { outcome: 'approved' }),
    event('SC-D2', 'returned', t('06-12T09:00'), { method: 'desk' }),
    event('SC-D2', 'rated', t('06-12T09:05'), { rating: 'dissatisfied' }),
    // D3 (S2) online, open (due 17/06; the tracker is off, so not flagged overdue): pending.
    ...receive('SC-D3', '06-10T09:00', 'E2E.S2', { channel: 'online' }),
    // D4 (S3) direct, one supplement (one working day paused: due 20/06 09:00), result 18/06: early, in time.
    ...receive('SC-D4', '06-12T09:00', 'E2E.S3'),
    event('SC-D4', 'supplement_requested', t('06-13T09:00'), { reason: 'Thiếu giấy tờ' }),
    event('SC-D4', 'supplement_received', t('06-16T09:00')),
    event('SC-D4', 'result_ready', t('06-18T10:00'), { outcome: 'approved' }),
    // D5 (S2) direct, withdrawn 17/06: ended in time.
    ...receive('SC-D5', '06-16T09:00', 'E2E.S2'),
    event('SC-D5', 'withdrawn', t('06-17T10:00'), { reason: 'Công dân xin rút' }),
  ];
  for (const e of events) {
    const res = await h.post('/api/v1/events', e, admin);
    expect({ code: e.dossierCode, type: e.type, status: res.status, body: res.body }).toMatchObject({
      status: 202,
    });
  }
  await h.waitForAllApplied();
});

afterAll(async () => {
  await h?.stop();
});

const get = (route: string, query: string, token = admin) =>
  h.get(`/api/v1/reports/${route}?${query}`, token);

describe('GET /api/v1/reports/766, June 2025, computed by hand', () => {
  it('scores each criterion our data measures from the summary, the catalogue and the dossiers', async () => {
    const res = await get('766', JUNE);
    expect(res.status).toBe(200);
    const by = Object.fromEntries(
      (res.body.criteria as Array<{ id: string }>).map(({ id, ...c }) => [id, c]),
    ) as Record<
      string,
      {
        numerator: number | null;
        denominator: number | null;
        rate: number | null;
        points: number | null;
        computable: boolean;
      }
    >;
    const row = (id: string) => [by[id].numerator, by[id].denominator, by[id].rate, by[id].points];
    // 2.1: ended in time (D1, D4, D5) + pending within due (D3) over ended (D1, D2, D4, D5) + pending (D3).
    expect(row('2.1')).toEqual([4, 5, 80, 16]);
    // 3.1: S1, S2 online of S1–S3: 66.67% of 80% × 2.
    expect(row('3.1')).toEqual([2, 3, 66.67, 1.67]);
    // 3.2: S1 (D1) and S2 (D3) had online dossiers: 100% × 4.
    expect(row('3.2')).toEqual([2, 2, 100, 4]);
    // 3.3: D1, D3 online of 5 received: 40% of 50% × 6.
    expect(row('3.3')).toEqual([2, 5, 40, 4.8]);
    // 3.4: S1 (paid online by D1) of the fee-bearing S1, S2: 50% of 50% × 2.
    expect(row('3.4')).toEqual([1, 2, 50, 2]);
    // 3.5: S1 offers online payment, S2 not: 50% of 80% × 2.
    expect(row('3.5')).toEqual([1, 2, 50, 1.25]);
    // 3.6: D1 paid online of D1, D2, D3, D5 (fee-bearing): 25% of 30% × 6.
    expect(row('3.6')).toEqual([1, 4, 25, 5]);
    // 4.1: D1's result electronic of D1, D2 (S1 issues a paper result): 50% × 6.
    expect(row('4.1')).toEqual([1, 2, 50, 3]);
    // 4.2: D1 digitised (form, and its e-result) of 5: 20% of 80% × 4.
    expect(row('4.2')).toEqual([1, 5, 20, 1]);
    // 4.3: D1 reused of 5: 20% of 80% × 2.
    expect(row('4.3')).toEqual([1, 5, 20, 0.5]);
    // 5.4: 2.1's 4 less D2's dissatisfied rating, of 5: 60% of 90% × 6.
    expect(row('5.4')).toEqual([3, 5, 60, 4]);
    for (const id of ['1.1', '1.2', '1.3', '1.4', '4.4', '4.5', '5.1', '5.2', '5.3'])
      expect(by[id]).toMatchObject({ computable: false, rate: null, points: null });
    expect(by['2.2']).toMatchObject({ computable: true, points: null });
    expect(res.body.avgProcessingWorkingHours).toEqual(expect.any(Number));
  });

  it('adds them into group totals and a total out of 100, normalised over the scored criteria', async () => {
    const res = await get('766', JUNE);
    expect(res.body.groups.map((g: Record<string, unknown>) => [g.id, g.points, g.scoredMaxPoints])).toEqual([
      ['1', 0, 0],
      ['2', 16, 20],
      ['3', 18.72, 22],
      ['4', 4.5, 12],
      ['5', 4, 6],
    ]);
    expect(res.body.total).toEqual({ points: 43.22, scoredMaxPoints: 60, normalized: 72.03 });
    expect(res.body.slice).toMatchObject({ from: '2025-06-01', to: '2025-06-30', unit: U });
  });
});

describe('GET /api/v1/reports/circular-01, June 2025, computed by hand', () => {
  it('2/1/0 points per configured index; the others not evaluated', async () => {
    const res = await get('circular-01', JUNE);
    expect(res.status).toBe(200);
    const points = (res.body.indices as Array<{ id: string; evaluated: boolean; points: number | null }>).map(
      (i) => [i.id, i.evaluated, i.points],
    );
    expect(points).toEqual([
      ['1', true, 0], // on time (classic) 2 of 3 resolved = 66.67% < 90%
      ['2', false, null],
      ['3', true, 1], // 20% supplemented (> 10%), none twice
      ['4', false, null],
      ['5', false, null],
      ['6', false, null],
      ['7', false, null],
      ['8', false, null],
      ['9', true, 2], // 66.67% of procedures online (≥ 20%), 40% of dossiers online (≥ 30%)
    ]);
    expect(res.body.indices[0].measures).toEqual([{ measure: 'onTimeRate', value: 66.67 }]);
    expect(res.body.total).toEqual({ points: 3, maxPoints: 6, evaluated: 3 });
  });
});

describe('who reads the scores, and bad queries', () => {
  it('a unit head reads its own unit (also without unit), 403 for another; other roles 403', async () => {
    const head = await h.createUser('head.scores', ['unit_head'], [U]);
    for (const route of ['766', 'circular-01']) {
      expect((await get(route, JUNE, head)).status).toBe(200);
      const own = await get(route, 'from=2025-06-01&to=2025-06-30', head);
      expect(own.status).toBe(200);
      expect(own.body.slice.units).toEqual([U]);
      expect((await get(route, 'from=2025-06-01&to=2025-06-30&unit=LDTBXH.VLATLD', head)).status).toBe(403);
    }
    expect((await get('766', 'from=2025-06-01&to=2025-06-30', head)).body.total).toEqual(
      (await get('766', JUNE)).body.total,
    );
    const officer = await h.createUser('officer.scores', ['officer'], [U]);
    expect((await get('766', JUNE, officer)).status).toBe(403);
  });

  it.each([
    ['766', 'to=2025-06-30', 'from'],
    ['766', 'from=2025-06-31&to=2025-07-01', 'from'],
    ['766', 'from=2025-06-30&to=2025-06-01', 'to'],
    ['circular-01', 'from=2025-06-01&to=2025-06-30&unit=LDTBXH.NOPE', 'unit'],
    ['circular-01', 'from=2025-06-01', 'to'],
  ])('%s: 400 for %s, naming %s', async (route, query, field) => {
    const res = await get(route, query);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });
});
