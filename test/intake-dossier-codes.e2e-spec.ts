/**
 * Issue 7, point 8: issued dossier codes. A received or refused_at_reception without dossierCode gets
 * `{agency code}-{yymmdd}-{daily sequence}` (config intake.agencyCode, the local date of occurredAt, 4 digits)
 * from a PostgreSQL sequence table (atomic UPSERT … RETURNING), unique under concurrent receipts, in the 202
 * answer; a replay of the same body (still without a code) answers 200 with the same code. Client-chosen codes
 * stay accepted.
 */
import { received, PROCEDURE } from './support/events';
import { Harness, uuid } from './support/harness';

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await Harness.start({ now: '2025-03-20T10:00:00+07:00' });
  admin = await h.admin();
});

afterAll(async () => {
  await h?.stop();
});

/** A reception as a desk client sends it when it wants the server to number the dossier. */
function codeless(at: string, type: 'received' | 'refused_at_reception' = 'received') {
  const { dossierCode: _none, ...body } = received('unused', at);
  if (type === 'refused_at_reception')
    return { ...body, type, data: { ...body.data, reason: 'Không thuộc thẩm quyền' } };
  return body;
}

describe('fault 8: dossier codes issued by the server', () => {
  it('a received without a code gets {agency}-{yymmdd}-0001 in the 202, with its receipt, and reads back', async () => {
    const e = codeless('2025-03-04T08:30:00+07:00');
    const res = await h.post('/api/v1/events', e, admin);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      id: e.id,
      dossierCode: 'H57.12-250304-0001',
      status: 'accepted',
      dueAt: '2025-03-18T08:30:00+07:00',
      receiptUrl: '/api/v1/dossiers/H57.12-250304-0001/receipt',
    });
    const d = await h.get('/api/v1/dossiers/H57.12-250304-0001', admin);
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ code: 'H57.12-250304-0001', procedure: { code: PROCEDURE } });
    const [row] = await h.query('SELECT dossier_code FROM dossier_events WHERE id = $1', [e.id]);
    expect(row.dossier_code).toBe('H57.12-250304-0001');
  });

  it('the date is the local date of occurredAt, and refusals at reception are numbered too', async () => {
    // 2025-03-04T23:30Z is 06:30 on the 5th in Vietnam.
    const late = await h.post('/api/v1/events', codeless('2025-03-04T23:30:00Z'), admin);
    expect(late.body.dossierCode).toBe('H57.12-250305-0001');
    const refused = await h.post(
      '/api/v1/events',
      codeless('2025-03-05T09:00:00+07:00', 'refused_at_reception'),
      admin,
    );
    expect(refused.status).toBe(202);
    expect(refused.body).toEqual({
      id: expect.any(String),
      dossierCode: 'H57.12-250305-0002',
      status: 'accepted',
    });
  });

  it('a replay of the same body answers 200 with the same code; another body under the id answers 409', async () => {
    const e = codeless('2025-03-06T08:30:00+07:00');
    const first = await h.post('/api/v1/events', e, admin);
    expect(first.status).toBe(202);
    const again = await h.post('/api/v1/events', e, admin);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    // Sent again with the code it was given, it is the same event.
    const withCode = await h.post('/api/v1/events', { ...e, dossierCode: first.body.dossierCode }, admin);
    expect([withCode.status, withCode.body]).toEqual([200, first.body]);
    const other = await h.post('/api/v1/events', { ...e, occurredAt: '2025-03-06T08:31:00+07:00' }, admin);
    expect(other.status).toBe(409);
    expect(await h.count('SELECT count(*) AS n FROM dossier_events WHERE id = $1', [e.id])).toBe(1);
    // The replays took no number: the next receipt of the day is the second.
    expect(
      (await h.post('/api/v1/events', codeless('2025-03-06T09:00:00+07:00'), admin)).body.dossierCode,
    ).toBe('H57.12-250306-0002');
  });

  it('replays racing each other store one row and answer one code', async () => {
    const e = codeless('2025-03-07T08:30:00+07:00');
    const answers = await Promise.all(Array.from({ length: 6 }, () => h.post('/api/v1/events', e, admin)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 202]);
    expect(new Set(answers.map((a) => a.body.dossierCode)).size).toBe(1);
    expect(await h.count('SELECT count(*) AS n FROM dossier_events WHERE id = $1', [e.id])).toBe(1);
  });

  it('concurrent receipts, single and in batches, get distinct consecutive codes', async () => {
    const singles = Array.from({ length: 20 }, () => codeless('2025-03-10T08:30:00+07:00'));
    const batches = Array.from({ length: 4 }, () => ({
      events: Array.from({ length: 10 }, () => codeless('2025-03-10T09:00:00+07:00')),
    }));
    const [singleAnswers, batchAnswers] = await Promise.all([
      Promise.all(singles.map((e) => h.post('/api/v1/events', e, admin))),
      Promise.all(batches.map((b) => h.post('/api/v1/events/batch', b, admin))),
    ]);
    expect(singleAnswers.every((a) => a.status === 202)).toBe(true);
    const codes = [
      ...singleAnswers.map((a) => a.body.dossierCode as string),
      ...batchAnswers.flatMap((a) =>
        a.body.results.map((r: { status: string; dossierCode: string }) => {
          expect(r.status).toBe('accepted');
          return r.dossierCode;
        }),
      ),
    ];
    expect(codes).toHaveLength(60);
    expect([...codes].sort()).toEqual(
      Array.from({ length: 60 }, (_, i) => `H57.12-250310-${String(i + 1).padStart(4, '0')}`),
    );
    const [seq] = await h.query(
      `SELECT last_value FROM dossier_code_sequences WHERE agency_code = 'H57.12' AND day = '2025-03-10'`,
    );
    expect(seq.last_value).toBe(60);
  });

  it('client-chosen codes stay accepted, and the sequence steps over them', async () => {
    const chosen = received('H57.12-250311-0001', '2025-03-11T08:00:00+07:00');
    expect((await h.post('/api/v1/events', chosen, admin)).status).toBe(202);
    const res = await h.post('/api/v1/events', codeless('2025-03-11T08:30:00+07:00'), admin);
    expect(res.body.dossierCode).toBe('H57.12-250311-0002');
    const other = received(`HS-${uuid().slice(0, 8)}`, '2025-03-11T09:00:00+07:00');
    expect((await h.post('/api/v1/events', other, admin)).body.dossierCode).toBe(other.dossierCode);
  });

  it('an event other than a reception still needs its dossier code (400)', async () => {
    const { dossierCode: _none, ...body } = received('x', '2025-03-11T08:30:00+07:00');
    const res = await h.post(
      '/api/v1/events',
      { ...body, type: 'paid', data: { amountVnd: 1, method: 'online' } },
      admin,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: 'dossierCode', problem: 'is required' }]);
  });
});
