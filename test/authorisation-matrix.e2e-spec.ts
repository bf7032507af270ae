/**
 * Issue 12, the authorisation matrix over every route, reads included: each operation of the served OpenAPI
 * document has a row here (a new route without one fails), and each row is called with no token and as every role
 * in the dossier's unit, in another unit, at the receiving desk and in every unit. The status each caller gets comes
 * from the row's rule (test/support/route-matrix.ts); POST /events comes from EVENT_ROLES × {holding, other, desk}.
 * No refused call changes the store.
 */
import { DOSSIER_EVENT_TYPES } from '@motcua/contracts';
import {
  event,
  type EventBody,
  forwarded,
  MC,
  newDossierCode,
  PROCEDURE,
  received,
  twoStepProcedure,
  VLATLD,
} from './support/events';
import { ADMIN_PASSWORD, Harness, USER_PASSWORD, uuid } from './support/harness';
import {
  type Access,
  APOLOGY,
  AT,
  CALLERS,
  type Caller,
  documentedOperations,
  EVENT_CASES,
  eventStatus,
  expectedStatus,
  NCC,
  PAID,
  printLetter,
  REASON,
  settled,
} from './support/route-matrix';
import { storeState } from './support/store-state';

const METRICS_TOKEN = 'matrix-metrics-token-0123456789';
const ROUTE = [MC, VLATLD];
const READERS: Access = { kind: 'readers', all: ['admin', 'manager'], own: ['unit_head'], unit: VLATLD };
const PERIOD = 'from=2025-07-01&to=2025-07-31';

/** The fixtures' codes, filled in beforeAll: a path's `{code}` names one of them. */
const code = { apology: '', supplement: '', stopped: '', refused: '' };
type Fixture = keyof typeof code;

interface Row {
  access: Access;
  ok: number;
  /** Another answer as good as `ok` for every caller alike (the dashboard's 503 until it is built). */
  alsoOk?: number;
  /** The path to call; `{code}` is the fixture's dossier, `{username}` the account the admin routes change. */
  path: string;
  fixture?: Fixture;
  body?: (caller: Caller) => unknown;
}

const dossier = (fixture: Fixture, path: string, route = ROUTE): Row => ({
  access: { kind: 'dossier', route },
  ok: 200,
  path,
  fixture,
});
const forms = (kind: string, fixture: Fixture, route = ROUTE): Array<[string, Row]> =>
  ['pdf', 'html'].map((ext) => [
    `GET /api/v1/dossiers/{code}/${kind}.${ext}`,
    dossier(fixture, `/api/v1/dossiers/{code}/${kind}.${ext}`, route),
  ]);

/** The expected authorisation of every operation, keyed as `METHOD /path` of the OpenAPI document. */
const MATRIX: Record<string, Row> = {
  'POST /api/v1/auth/token': {
    access: { kind: 'public' },
    ok: 200,
    path: '/api/v1/auth/token',
    body: () => ({ username: 'matrix.probe', password: USER_PASSWORD }),
  },
  // A real change would revoke the caller's tokens: a 400 on the body proves the guard let it through.
  'POST /api/v1/auth/password': {
    access: { kind: 'authenticated' },
    ok: 400,
    path: '/api/v1/auth/password',
    body: () => ({ currentPassword: 'x' }),
  },
  'GET /api/v1/calendar/due': {
    access: { kind: 'authenticated' },
    ok: 200,
    path: `/api/v1/calendar/due?procedureCode=${PROCEDURE}&receivedAt=2025-07-18T10:00:00%2B07:00`,
  },
  'GET /api/v1/calendar/days': {
    access: { kind: 'authenticated' },
    ok: 200,
    path: '/api/v1/calendar/days?from=2025-07-01&to=2025-07-31',
  },
  'GET /api/v1/units': { access: { kind: 'authenticated' }, ok: 200, path: '/api/v1/units' },
  'PUT /api/v1/units/{code}': {
    access: { kind: 'roles', roles: ['admin'] },
    ok: 200,
    path: '/api/v1/units/LDTBXH.MATRIX',
    body: (c) => ({ name: `Phòng ${c.name}`, parentCode: 'LDTBXH', kind: 'department' }),
  },
  'GET /api/v1/procedures': { access: { kind: 'authenticated' }, ok: 200, path: '/api/v1/procedures' },
  'GET /api/v1/procedures/{code}': {
    access: { kind: 'authenticated' },
    ok: 200,
    path: `/api/v1/procedures/${PROCEDURE}`,
  },
  'PUT /api/v1/procedures/{code}': {
    access: { kind: 'roles', roles: ['admin'] },
    ok: 200,
    path: '/api/v1/procedures/E2E.MATRIX',
    body: (c) => twoStepProcedure(`Thủ tục ${c.name}`),
  },
  'GET /dashboard': { access: { kind: 'public' }, ok: 200, alsoOk: 503, path: '/dashboard' },
  'GET /dashboard/assets/{file}': {
    access: { kind: 'public' },
    ok: 200,
    alsoOk: 503,
    path: '/dashboard/assets/dashboard.js',
  },
  'GET /api/v1/dossiers': { access: { kind: 'authenticated' }, ok: 200, path: '/api/v1/dossiers?limit=200' },
  'GET /api/v1/dossiers/{code}': dossier('apology', '/api/v1/dossiers/{code}'),
  'GET /api/v1/dossiers/{code}/apology': dossier('apology', '/api/v1/dossiers/{code}/apology'),
  'GET /api/v1/dossiers/{code}/apology.html': dossier('apology', '/api/v1/dossiers/{code}/apology.html'),
  'GET /api/v1/dossiers/{code}/apology.pdf': dossier('apology', '/api/v1/dossiers/{code}/apology.pdf'),
  'GET /api/v1/dossiers/{code}/documents': dossier('apology', '/api/v1/dossiers/{code}/documents'),
  'GET /api/v1/dossiers/{code}/receipt': dossier('apology', '/api/v1/dossiers/{code}/receipt'),
  ...Object.fromEntries([
    ...forms('receipt', 'apology'),
    ...forms('control-sheet', 'apology'),
    ...forms('supplement-request', 'supplement'),
    ...forms('stop-notice', 'stopped'),
    // Refused at the desk, the dossier never left it: the division does not see it either.
    ...forms('refusal', 'refused', [MC]),
  ]),
  'POST /api/v1/events': { access: { kind: 'events' }, ok: 202, path: '/api/v1/events' },
  // Each event of a batch is judged like POST /events; an unknown dossier is rejected for everyone allowed in.
  'POST /api/v1/events/batch': {
    access: { kind: 'authenticated' },
    ok: 200,
    path: '/api/v1/events/batch',
    body: () => ({ events: [event(newDossierCode(), 'paid', '2025-07-17T10:00:00+07:00', PAID)] }),
  },
  'GET /health': { access: { kind: 'public' }, ok: 200, path: '/health' },
  'GET /health/ready': { access: { kind: 'public' }, ok: 200, path: '/health/ready' },
  'GET /health/live': { access: { kind: 'public' }, ok: 200, path: '/health/live' },
  'GET /api/v1/health': { access: { kind: 'roles', roles: ['admin'] }, ok: 200, path: '/api/v1/health' },
  'GET /api/v1/metrics/summary': {
    access: READERS,
    ok: 200,
    path: `/api/v1/metrics/summary?${PERIOD}&unit=${VLATLD}`,
  },
  'GET /api/v1/metrics/timeseries': {
    access: READERS,
    ok: 200,
    path: `/api/v1/metrics/timeseries?${PERIOD}&unit=${VLATLD}&indicator=onTimeRate`,
  },
  'GET /api/v1/metrics/dossiers': {
    access: READERS,
    ok: 200,
    path: `/api/v1/metrics/dossiers?${PERIOD}&unit=${VLATLD}&indicator=onTimeRate`,
  },
  'GET /tra-cuu': { access: { kind: 'public' }, ok: 200, path: '/tra-cuu' },
  'GET /metrics': { access: { kind: 'metrics-token' }, ok: 200, path: '/metrics' },
  'GET /api/v1/notifications': {
    access: { kind: 'authenticated' },
    ok: 200,
    path: '/api/v1/notifications?limit=200',
  },
  // The ledger of a desk: any role of that desk, managers and administrators of any unit.
  'GET /api/v1/reports/ledger': {
    access: {
      kind: 'readers',
      all: ['admin', 'manager'],
      own: ['officer', 'specialist', 'unit_head'],
      unit: MC,
    },
    ok: 200,
    path: `/api/v1/reports/ledger?unit=${MC}&${PERIOD}&format=html`,
  },
  'GET /api/v1/reports/06a': {
    access: READERS,
    ok: 200,
    path: `/api/v1/reports/06a?${PERIOD}&unit=${VLATLD}`,
  },
  'GET /api/v1/reports/766': {
    access: READERS,
    ok: 200,
    path: `/api/v1/reports/766?${PERIOD}&unit=${VLATLD}`,
  },
  'GET /api/v1/reports/circular-01': {
    access: READERS,
    ok: 200,
    path: `/api/v1/reports/circular-01?${PERIOD}&unit=${VLATLD}`,
  },
  'POST /api/v1/rules/rebase': {
    access: { kind: 'roles', roles: ['admin'] },
    ok: 200,
    path: '/api/v1/rules/rebase',
    body: () => ({}),
  },
  'GET /api/v1/users': { access: { kind: 'roles', roles: ['admin'] }, ok: 200, path: '/api/v1/users' },
  'POST /api/v1/users': {
    access: { kind: 'roles', roles: ['admin'] },
    ok: 201,
    path: '/api/v1/users',
    body: (c) => ({ username: `new.${c.name}`, password: USER_PASSWORD, roles: ['officer'], units: [MC] }),
  },
  'GET /api/v1/users/audit': {
    access: { kind: 'roles', roles: ['admin', 'manager'] },
    ok: 200,
    path: '/api/v1/users/audit',
  },
  'PATCH /api/v1/users/{username}': {
    access: { kind: 'roles', roles: ['admin'] },
    ok: 200,
    path: '/api/v1/users/matrix.victim',
    body: () => ({ units: [MC] }),
  },
  'POST /api/v1/users/{username}/password': {
    access: { kind: 'roles', roles: ['admin'] },
    ok: 200,
    path: '/api/v1/users/matrix.victim/password',
    body: () => ({ password: `${USER_PASSWORD}-reset` }),
  },
};

let h: Harness;
const letters: Array<{ id: string; dossier: string | null; unit: string | null }> = [];
const tokens: Record<string, string | null> = {};

/** Admin logs `events`; each must be accepted. */
async function log(events: EventBody[]): Promise<void> {
  for (const e of events) {
    const res = await h.post('/api/v1/events', e, tokens.admin);
    if (res.status !== 202) throw new Error(`fixture ${e.type}: ${res.status} ${res.text}`);
  }
}

/** A dossier received at MC on 07/07/2025 and held by VLATLD since, then through `more`; returns its code. */
async function heldByVlatld(more: (code: string) => EventBody[] = () => []): Promise<string> {
  const c = newDossierCode('H57.12-250707');
  await log([
    received(c, '2025-07-07T08:30:00+07:00'),
    forwarded(c, '2025-07-07T10:00:00+07:00', MC, VLATLD),
    ...more(c),
  ]);
  return c;
}

beforeAll(async () => {
  h = await Harness.start({
    now: '2025-07-18T10:00:00+07:00',
    config: { metrics: { token: METRICS_TOKEN, workerPort: null } },
  });
  tokens.anonymous = null;
  tokens.admin = await h.login('admin', ADMIN_PASSWORD);
  for (const c of CALLERS)
    if (c.role !== null && c.name !== 'admin') tokens[c.name] = await h.createUser(c.name, [c.role], c.units);
  await h.createUser('matrix.probe', ['officer'], [MC]);
  await h.createUser('matrix.victim', ['officer'], [VLATLD]);
  // One dossier per form: the apology (with receipt and control sheet), a supplement request, a stop, a refusal.
  code.apology = await heldByVlatld((c) => [
    event(c, 'apology_issued', '2025-07-18T10:00:00+07:00', APOLOGY),
  ]);
  code.supplement = await heldByVlatld((c) => [
    event(c, 'supplement_requested', '2025-07-08T10:00:00+07:00', { ...REASON, items: ['Bản sao'] }),
  ]);
  code.stopped = await heldByVlatld((c) => [event(c, 'stopped', '2025-07-08T10:00:00+07:00', REASON)]);
  code.refused = newDossierCode('H57.12-250708');
  await log([
    event(code.refused, 'refused_at_reception', '2025-07-08T10:00:00+07:00', {
      ...received(code.refused, '2025-07-08T10:00:00+07:00').data,
      ...REASON,
    }),
  ]);
  // Letters to print (never mailed): to the division about a dossier, to the desk, to NCC, to nobody's unit.
  letters.push(
    { id: uuid(), dossier: code.apology, unit: VLATLD },
    { id: uuid(), dossier: code.refused, unit: MC },
    { id: uuid(), dossier: null, unit: NCC },
    { id: uuid(), dossier: null, unit: null },
  );
  for (const n of letters) await printLetter(h, n);
  await settled(h);
}, 180_000);

afterAll(async () => {
  await h?.stop();
});

const ENVELOPE: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' };

describe('every route of the OpenAPI document', () => {
  it('has a row in the matrix, and every row is a served route', async () => {
    const ops = await documentedOperations(h);
    expect(ops.filter((op) => !(op in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((op) => !ops.includes(op))).toEqual([]);
  });

  const rows = Object.entries(MATRIX).filter(([, row]) => row.access.kind !== 'events');
  it.each(rows)(
    '%s: each caller gets what its rule says, and no refusal changes anything',
    async (op, row) => {
      const method = op.split(' ')[0];
      const path = row.fixture ? row.path.replace('{code}', code[row.fixture]) : row.path;
      const expected = Object.fromEntries(
        CALLERS.map((c) => [c.name, expectedStatus(row.access, c, row.ok)]),
      );
      const refused = CALLERS.filter((c) => expected[c.name] !== row.ok);
      const admitted = CALLERS.filter((c) => expected[c.name] === row.ok);
      const actual: Record<string, number> = {};
      const raw = new Set<number>();
      const call = async (c: Caller) => {
        const res = await h.http.request(method, path, { token: tokens[c.name], body: row.body?.(c) });
        raw.add(res.status);
        actual[c.name] = res.status === row.alsoOk ? row.ok : res.status;
        const envelope = ENVELOPE[res.status] ? res.body?.error?.code : undefined;
        expect({ op, caller: c.name, envelope }).toEqual({
          op,
          caller: c.name,
          envelope: ENVELOPE[res.status],
        });
      };
      // The refusals first, on an untouched store; then the callers let in (an admin's write changes things).
      const before = await storeState(h);
      for (const c of refused) await call(c);
      expect({ op, refused: refused.length, store: await storeState(h) }).toEqual({
        op,
        refused: refused.length,
        store: before,
      });
      for (const c of admitted) await call(c);
      expect(actual).toEqual(expected);
      // A public route answers everyone alike (the dashboard 200 or, unbuilt, 503, but one of them).
      if (row.access.kind === 'public') expect(raw.size).toBe(1);
      if (method === 'GET') expect(await storeState(h)).toEqual(before);
      // A dossier that does not exist answers as one outside the caller's units: existence is not revealed.
      if (row.access.kind === 'dossier') {
        const unknown = row.path.replace('{code}', newDossierCode('H57.12-250709'));
        for (const c of CALLERS.filter((x) => x.role !== null))
          expect({ caller: c.name, status: (await h.get(unknown, tokens[c.name])).status }).toEqual({
            caller: c.name,
            status: 404,
          });
      }
    },
  );

  it('GET /metrics opens with METRICS_TOKEN (the 401s above are the token, not a broken route)', async () => {
    expect((await h.get('/metrics', METRICS_TOKEN)).status).toBe(200);
  });
});

describe('the lists a caller may read hold only what its units may see', () => {
  const route = (dossierCode: string | null) =>
    dossierCode === null ? [] : dossierCode === code.refused ? [MC] : ROUTE;
  const visible = (c: Caller, dossierCode: string | null) =>
    c.units.includes('*') || route(dossierCode).some((u) => c.units.includes(u));

  it.each(CALLERS.filter((c) => c.role !== null).map((c) => [c.name, c] as const))(
    '%s: GET /dossiers and GET /notifications',
    async (_name, c) => {
      const list = await h.get('/api/v1/dossiers?limit=200', tokens[c.name]);
      const codes: string[] = list.body.items.map((i: { code: string }) => i.code);
      expect(codes.filter((x) => !visible(c, x))).toEqual([]);
      expect(codes.includes(code.apology)).toBe(visible(c, code.apology));
      // Managers and administrators see every mail; others those to their units or about dossiers they may read.
      const seesAll = c.role === 'admin' || c.role === 'manager' || c.units.includes('*');
      const mine = letters
        .filter((n) => seesAll || c.units.includes(n.unit ?? '') || visible(c, n.dossier))
        .map((n) => n.id);
      const mail = await h.get('/api/v1/notifications?limit=200', tokens[c.name]);
      expect(mail.body.items.map((n: { id: string }) => n.id).sort()).toEqual(mine.sort());
    },
  );
});

describe('POST /api/v1/events: EVENT_ROLES × {holding unit, other unit, receiving desk, every unit}', () => {
  const stored = (dossierCode: string) =>
    h.count('SELECT count(*) AS n FROM dossier_events WHERE dossier_code = $1', [dossierCode]);

  it.each([...DOSSIER_EVENT_TYPES])('%s', async (type) => {
    const spec = EVENT_CASES[type];
    const reception = type === 'received' || type === 'refused_at_reception';
    // Refusals share one dossier (they must leave it as it was); each caller let in logs on a fresh one.
    const shared = reception ? null : await heldByVlatld(spec.prelude);
    const expected: Record<string, number> = {};
    const actual: Record<string, number> = {};
    for (const c of CALLERS) {
      expected[c.name] = eventStatus(type, c);
      const target = reception
        ? newDossierCode('H57.12-250717')
        : expected[c.name] === 202
          ? await heldByVlatld(spec.prelude)
          : shared!;
      const before = await stored(target);
      const res = await h.post('/api/v1/events', event(target, type, AT, spec.data), tokens[c.name]);
      actual[c.name] = res.status;
      const grew = (await stored(target)) - before;
      expect({ caller: c.name, status: res.status, stored: grew }).toEqual({
        caller: c.name,
        status: res.status,
        stored: res.status === 202 ? 1 : 0,
      });
      if (ENVELOPE[res.status]) expect(res.body.error.code).toBe(ENVELOPE[res.status]);
    }
    expect(actual).toEqual(expected);
  });
});
