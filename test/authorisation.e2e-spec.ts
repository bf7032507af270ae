/**
 * Events by role and unit on dossiers held at the desk, at a division and at VP (the responsible unit's apology), a
 * batch's per-event refusals, and tokens (none, bad, forged, expired by the clock). A refusal never stores anything.
 * Every route × role × unit, reads included, is test/authorisation-matrix.e2e-spec.ts.
 */
import { createHmac } from 'node:crypto';
import { type EventBody, event, forwarded, MC, newDossierCode, received, VLATLD, VP } from './support/events';
import { ADMIN_PASSWORD, Harness } from './support/harness';

const NCC = 'LDTBXH.NCC';
const NCC_PROCEDURE = '1.014359'; // TN@MC → TD@NCC → DY@NCC → KY@VP → TKQ@MC

type Who = 'admin' | 'desk.mc' | 'desk.ncc' | 'spec.vlatld' | 'head.vlatld' | 'spec.ncc' | 'manager';
const USERS: Array<[Exclude<Who, 'admin'>, string[], string[]]> = [
  ['desk.mc', ['officer'], [MC]],
  ['desk.ncc', ['officer'], [NCC]],
  ['spec.vlatld', ['specialist'], [VLATLD]],
  ['head.vlatld', ['unit_head'], [VLATLD]],
  ['spec.ncc', ['specialist'], [NCC]],
  ['manager', ['manager'], ['*']],
];
const EVERYONE: Who[] = ['admin', ...USERS.map(([u]) => u)];

let h: Harness;
const tokens = {} as Record<Who, string>;

async function refreshTokens() {
  tokens.admin = await h.login('admin', ADMIN_PASSWORD);
  for (const [u] of USERS) tokens[u] = await h.login(u);
}

beforeAll(async () => {
  h = await Harness.start({ now: '2025-03-20T10:00:00+07:00' });
  for (const [u, roles, units] of USERS) await h.createUser(u, roles, units);
  await refreshTokens();
});

afterAll(async () => {
  await h?.stop();
});

/** Admin logs the history of a fixture dossier; returns its code. */
async function fixture(where: 'MC' | 'VLATLD' | 'NCC' | 'VP'): Promise<string> {
  const code = newDossierCode();
  const history: EventBody[] =
    where === 'VP'
      ? [
          received(code, '2025-03-03T08:30:00+07:00'),
          forwarded(code, '2025-03-03T10:00:00+07:00', MC, VLATLD),
          forwarded(code, '2025-03-04T10:00:00+07:00', VLATLD, VP),
        ]
      : where === 'NCC'
        ? [
            received(code, '2025-03-03T08:30:00+07:00', { procedureCode: NCC_PROCEDURE }),
            forwarded(code, '2025-03-03T10:00:00+07:00', MC, NCC),
          ]
        : where === 'VLATLD'
          ? [
              received(code, '2025-03-03T08:30:00+07:00'),
              forwarded(code, '2025-03-03T10:00:00+07:00', MC, VLATLD),
            ]
          : [received(code, '2025-03-03T08:30:00+07:00')];
  for (const e of history) {
    const res = await h.post('/api/v1/events', e, tokens.admin);
    if (res.status !== 202) throw new Error(`fixture ${where}: ${res.status} ${res.text}`);
  }
  return code;
}

describe('POST /api/v1/events by role and unit', () => {
  type Case = { name: string; at: 'new' | 'MC' | 'VLATLD' | 'VP'; make: (code: string) => EventBody };
  const cases: Case[] = [
    { name: 'received', at: 'new', make: (c) => received(c, '2025-03-04T08:30:00+07:00') },
    {
      name: 'forwarded by the holding desk',
      at: 'MC',
      make: (c) => forwarded(c, '2025-03-04T10:00:00+07:00', MC, VLATLD),
    },
    {
      name: 'forwarded by the holding department',
      at: 'VLATLD',
      make: (c) => forwarded(c, '2025-03-05T10:00:00+07:00', VLATLD, VP),
    },
    {
      name: 'result_ready',
      at: 'VLATLD',
      make: (c) => event(c, 'result_ready', '2025-03-05T10:00:00+07:00', { outcome: 'approved' }),
    },
    {
      name: 'apology_issued',
      at: 'VLATLD',
      make: (c) =>
        event(c, 'apology_issued', '2025-03-13T10:00:00+07:00', {
          reason: 'Cần xác minh thêm',
          newDueAt: '2025-03-19T16:00:00+07:00',
          signer: { name: 'Trần Thị Bình', title: 'Trưởng phòng' },
          responsibleUnit: VLATLD,
        }),
    },
    {
      name: 'paid (a desk event on a dossier held elsewhere)',
      at: 'VLATLD',
      make: (c) => event(c, 'paid', '2025-03-05T10:00:00+07:00', { amountVnd: 600000, method: 'offline' }),
    },
    {
      name: 'stopped',
      at: 'VLATLD',
      make: (c) => event(c, 'stopped', '2025-03-05T10:00:00+07:00', { reason: 'Dừng theo đề nghị' }),
    },
    {
      // Issue 7: the applicant asks, the agency holding the dossier accepts (§3.5); no longer a desk event.
      name: 'withdrawn (held by the department)',
      at: 'VLATLD',
      make: (c) => event(c, 'withdrawn', '2025-03-05T10:00:00+07:00', { reason: 'Công dân xin rút' }),
    },
    {
      // Issue 7: the unit that caused the delay issues the apology though VP holds the dossier now (§5.1, §5.5).
      name: 'apology_issued by the unit responsible, held by VP',
      at: 'VP',
      make: (c) =>
        event(c, 'apology_issued', '2025-03-13T10:00:00+07:00', {
          reason: 'Thẩm định kéo dài',
          newDueAt: '2025-03-19T16:00:00+07:00',
          signer: { name: 'Trần Thị Bình', title: 'Trưởng phòng' },
          responsibleUnit: VLATLD,
        }),
    },
  ];
  //                                   received fwd@MC fwd@VL ready apology paid stopped withdrawn apology@VP
  const expected: Record<Who, number[]> = {
    admin: /*                    */ [202, 202, 202, 202, 202, 202, 202, 202, 202],
    'desk.mc': /*                */ [202, 202, 403, 403, 403, 202, 403, 403, 403],
    'desk.ncc': /*               */ [403, 403, 403, 403, 403, 403, 403, 403, 403],
    'spec.vlatld': /*            */ [403, 403, 202, 202, 403, 403, 403, 403, 403],
    'head.vlatld': /*            */ [403, 403, 202, 202, 202, 403, 202, 202, 202],
    'spec.ncc': /*               */ [403, 403, 403, 403, 403, 403, 403, 403, 403],
    manager: /*                  */ [403, 403, 403, 403, 403, 403, 403, 403, 403],
  };
  const table = EVERYONE.flatMap((who) => cases.map((c, i) => [who, c.name, expected[who][i], i] as const));

  it.each(table)('%s logs %s → %i', async (who, _name, status, i) => {
    const c = cases[i];
    const code = c.at === 'new' ? newDossierCode() : await fixture(c.at);
    const e = c.make(code);
    const before = await h.eventCount();
    const res = await h.post('/api/v1/events', e, tokens[who]);
    expect({ who, event: c.name, status: res.status }).toEqual({ who, event: c.name, status });
    if (status === 202) {
      expect(res.body).toMatchObject({ id: e.id, dossierCode: code, status: 'accepted' });
      expect(await h.eventCount()).toBe(before + 1);
    } else {
      expect(res.body.error.code).toBe('forbidden');
      expect(await h.eventCount()).toBe(before);
    }
  });

  it('a batch refuses only the events outside the caller’s scope', async () => {
    const own = await fixture('MC');
    const other = await fixture('NCC');
    const events = [
      forwarded(own, '2025-03-04T10:00:00+07:00', MC, VLATLD),
      forwarded(other, '2025-03-04T10:00:00+07:00', NCC, NCC, { stepCode: 'DY' }),
    ];
    const res = await h.post('/api/v1/events/batch', { events }, tokens['desk.mc']);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'rejected']);
    expect(res.body.results[1].error.code).toBe('forbidden');
  });
});

describe('tokens', () => {
  const protectedCalls: Array<[string, (token: string | null) => Promise<{ status: number; body: any }>]> = [
    [
      'POST /events',
      (t) => h.post('/api/v1/events', received(newDossierCode(), '2025-03-04T08:30:00+07:00'), t),
    ],
    ['POST /events/batch', (t) => h.post('/api/v1/events/batch', { events: [] }, t)],
    ['GET /dossiers/:code', (t) => h.get(`/api/v1/dossiers/${newDossierCode()}`, t)],
    ['GET /dossiers', (t) => h.get('/api/v1/dossiers', t)],
    ['GET /units', (t) => h.get('/api/v1/units', t)],
    ['PUT /units/:code', (t) => h.put('/api/v1/units/LDTBXH.X', { name: 'x', kind: 'department' }, t)],
    ['PUT /procedures/:code', (t) => h.put('/api/v1/procedures/X.1', {}, t)],
    ['POST /users', (t) => h.post('/api/v1/users', {}, t)],
    ['GET /calendar/days', (t) => h.get('/api/v1/calendar/days?from=2025-03-01&to=2025-03-31', t)],
  ];

  const forge = (token: string, claims: Record<string, unknown>) => {
    const [header, payload, sig] = token.split('.');
    const body = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), ...claims };
    return `${header}.${Buffer.from(JSON.stringify(body)).toString('base64url')}.${sig}`;
  };
  const signedWith = (secret: string, claims: Record<string, unknown>) => {
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const sig = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
    return `${header}.${payload}.${sig}`;
  };

  it.each(protectedCalls)('%s without a token → 401', async (_name, call) => {
    const before = await h.eventCount();
    const res = await call(null);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
    expect(await h.eventCount()).toBe(before);
  });

  it.each(protectedCalls)('%s with a bad, forged or foreign token → 401', async (_name, call) => {
    const now = Math.floor(h.clock.now() / 1000);
    const bad = [
      'not-a-jwt',
      'a.b.c',
      forge(tokens['desk.mc'], { roles: ['admin'], units: ['*'] }),
      signedWith('another-secret', {
        sub: 'admin',
        roles: ['admin'],
        units: ['*'],
        iat: now,
        exp: now + 3600,
      }),
    ];
    for (const token of bad) expect((await call(token)).status).toBe(401);
    // A scheme other than Bearer is no token at all.
    const res = await h.http.request('GET', '/api/v1/dossiers', {
      headers: { authorization: `Basic ${tokens.admin}` },
    });
    expect(res.status).toBe(401);
  });

  it('a token expires with the clock (JWT TTL)', async () => {
    const start = h.clock.now();
    try {
      const token = await h.login('desk.mc');
      const ttlMs = h.config.jwtTtlSeconds * 1000;
      h.clock.advance(ttlMs - 1000);
      expect((await h.get('/api/v1/dossiers', token)).status).toBe(200);
      h.clock.advance(1000);
      const res = await h.get('/api/v1/dossiers', token);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
      const before = await h.eventCount();
      expect(
        (await h.post('/api/v1/events', received(newDossierCode(), '2025-03-04T08:30:00+07:00'), token))
          .status,
      ).toBe(401);
      expect(await h.eventCount()).toBe(before);
      // A fresh login at the new time works again.
      expect((await h.get('/api/v1/dossiers', await h.login('desk.mc'))).status).toBe(200);
    } finally {
      h.clock.set(start);
    }
  });

  it('login: wrong password and unknown user get the same 401; public routes need no token', async () => {
    const wrong = await h.post('/api/v1/auth/token', { username: 'desk.mc', password: 'not-the-password' });
    const unknown = await h.post('/api/v1/auth/token', { username: 'nobody', password: 'not-the-password' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body).toEqual(unknown.body);
    const ok = await h.post('/api/v1/auth/token', { username: 'desk.mc', password: 'e2e-user-password' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ accessToken: expect.any(String), expiresIn: h.config.jwtTtlSeconds });
    expect((await h.get('/health')).status).toBe(200);
    expect((await h.post('/api/v1/auth/token', { username: '' })).status).toBe(400);
  });
});
