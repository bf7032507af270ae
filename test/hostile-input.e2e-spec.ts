/**
 * Issue 12, hostile input: a property-based fuzzer sends FUZZ_RUNS (10,000) malformed or hostile requests across
 * every operation of the OpenAPI document (wrong types, huge and deep bodies, invalid UTF-8, unknown and prototype
 * keys, enormous numbers, impossible dates, SQL and script payloads, forged, expired and `alg: none` tokens).
 * Every answer is below 500, every refusal is the contract's error envelope, and nothing changes in the store.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { received } from './support/events';
import { Harness } from './support/harness';
import { storeState } from './support/store-state';

const NOW = Date.parse('2025-06-16T10:00:00+07:00');
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const CODE = 'H57.12-250616-0001';

interface Operation {
  method: string;
  path: string;
  query: string[];
  hasBody: boolean;
}

let h: Harness;
let admin: string;
let operations: Operation[];
let eventId: string;

const b64 = (x: unknown) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url');
function token(secret: string, claims: Record<string, unknown>, alg = 'HS256'): string {
  const head = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}`;
  if (alg === 'none') return `${head}.`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

beforeAll(async () => {
  h = await Harness.start({ now: new Date(NOW).toISOString() });
  admin = await h.admin();
  const e = received(CODE, '2025-06-16T09:00:00+07:00');
  eventId = e.id;
  const r = await h.post('/api/v1/events', e, admin);
  expect(r.status).toBe(202);
  await h.waitForAllApplied();
  const doc = (await (await fetch(`${h.baseUrl}/docs-json`)).json()) as {
    paths: Record<
      string,
      Record<string, { parameters?: Array<{ in: string; name: string }>; requestBody?: unknown }>
    >;
  };
  operations = Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.entries(ops)
      .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(([m, op]) => ({
        method: m.toUpperCase(),
        path: p,
        query: (op.parameters ?? []).filter((x) => x.in === 'query').map((x) => x.name),
        hasBody: op.requestBody !== undefined,
      })),
  );
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

// ---- the hostile values
const NASTY = [
  "' OR 1=1 --",
  "'; DROP TABLE dossier_events; --",
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'prototype',
  '../../../etc/passwd',
  '%00',
  '\u0000',
  '\uD800',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 Nguyễn',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e309',
  '9'.repeat(400),
  '-9007199254740993',
  '2025-02-30',
  '2025-13-01',
  '0000-00-00',
  '9999-12-31T23:59:59+07:00',
  'true',
  'null',
  '[]',
  '{}',
  'a'.repeat(5000),
];
const hostileString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer().map(String),
  fc.double().map(String),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.constantFrom(1e308, -1e308, -0, 0.1, null, true, false, [], {}),
  fc.jsonValue({ maxDepth: 3 }),
);
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const EVENT_TEMPLATE = received(CODE, '2025-06-16T09:00:00+07:00') as unknown as Record<string, unknown>;
const body = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  {
    weight: 3,
    // A valid event with one field broken (wrong type, prototype key, unknown key): the contract must name it.
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          'id',
          'type',
          'occurredAt',
          'dossierCode',
          'data',
          '__proto__',
          'constructor',
          'extra',
        ),
        hostileValue,
      )
      .map(
        ([k, v]) =>
          `{"${k}":${JSON.stringify(v) ?? 'null'},${JSON.stringify({ ...EVENT_TEMPLATE, id: undefined }).slice(1)}`,
      ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      deep(5000),
      `{"events":${deep(3000)}}`,
      '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('x'.repeat(3_000_000), JSON.stringify({ events: 'y'.repeat(2_000_000) })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"roles":["admin"]}}}',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('\xff\xfe{"a":1}', 'not json', '', '{', '{"a":1}{"b":2}', 'null') },
);
const rawUtf8 = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]); // {"a":"<invalid>"}
const authKind = fc.constantFrom(
  'none',
  'admin',
  'forged',
  'alg-none',
  'expired',
  'garbage',
  'admin-claims-forged',
);
const contentType = fc.constantFrom(
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  null,
  'application/json; charset=latin1',
);

function authHeader(kind: string): string | null {
  const claims = {
    sub: 'admin',
    roles: ['admin'],
    units: ['*'],
    iat: Math.floor(NOW / 1000),
    exp: Math.floor(NOW / 1000) + 3600,
  };
  switch (kind) {
    case 'admin':
      return `Bearer ${admin}`;
    case 'forged':
      return `Bearer ${token('not-the-secret-'.repeat(3), claims)}`;
    case 'alg-none':
      return `Bearer ${token('', claims, 'none')}`;
    case 'expired':
      return `Bearer ${token(h.config.jwtSecret, { ...claims, iat: Math.floor(NOW / 1000) - 7200, exp: Math.floor(NOW / 1000) - 3600 })}`;
    case 'admin-claims-forged': {
      // The real token's signature over different claims.
      const [, , sig] = admin.split('.');
      return `Bearer ${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, sub: 'root' })}.${sig}`;
    }
    case 'garbage':
      return 'Bearer a.b.c';
    default:
      return null;
  }
}

const request = fc.record({
  op: fc.integer({ min: 0, max: 10_000 }),
  params: fc.array(
    fc.oneof(hostileString, fc.constant(CODE), fc.constant('EXISTING-ID'), fc.constant('INVALID-UTF8')),
    {
      minLength: 3,
      maxLength: 3,
    },
  ),
  query: fc.array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom('__proto__', 'constructor', 'limit', 'cursor'),
        hostileString,
        fc.constant('KNOWN'),
      ),
      hostileString,
    ),
    { maxLength: 4 },
  ),
  body,
  invalidUtf8: fc.boolean(),
  auth: authKind,
  contentType,
});

it(`${RUNS} hostile requests across every operation: no 5xx, every refusal in the contract's envelope, the store unchanged`, async () => {
  expect(operations.length).toBeGreaterThan(20);
  const before = await storeState(h, ['reactions']);
  const seen = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      const op = operations[r.op % operations.length];
      let i = 0;
      const path = op.path.replace(/\{[^}]+\}/g, () => {
        const v = r.params[i++ % r.params.length];
        if (v === 'INVALID-UTF8') return '%C3%28%FF';
        // Byte by byte: a lone surrogate becomes U+FFFD rather than a URIError in the client.
        return [...Buffer.from(v === 'EXISTING-ID' ? eventId : v)]
          .map((b) => `%${b.toString(16).padStart(2, '0')}`)
          .join('');
      });
      const qs = new URLSearchParams();
      for (const [k, v] of r.query) qs.append(k === 'KNOWN' ? (op.query[0] ?? 'limit') : k, v);
      const url = `${h.baseUrl}${path}${qs.size ? `?${qs.toString()}` : ''}`;
      const headers: Record<string, string> = {};
      const auth = authHeader(r.auth);
      if (auth) headers.authorization = auth;
      if (r.contentType) headers['content-type'] = r.contentType;
      const sendsBody = op.method !== 'GET' && op.method !== 'DELETE';
      // An admin's token only ever carries a malformed body, to an operation that takes one: nothing valid goes in.
      const useBody = sendsBody && (op.hasBody || r.auth !== 'admin');
      if (r.auth === 'admin' && sendsBody && !op.hasBody) headers.authorization = authHeader('forged')!;
      const res = await fetch(url, {
        method: op.method,
        headers,
        body: useBody ? (r.invalidUtf8 ? rawUtf8 : r.body) : undefined,
      });
      const text = await res.text();
      const key = `${op.method} ${op.path} ${res.status}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if (res.status >= 500)
        throw new Error(`${op.method} ${url.slice(0, 300)} → ${res.status} ${text.slice(0, 300)}`);
      // Pages for citizens (/tra-cuu) answer their refusals as pages; every API route in the envelope.
      const isPage =
        (res.headers.get('content-type') ?? '').startsWith('text/html') && !op.path.startsWith('/api/');
      if (res.status >= 400 && !isPage) {
        let parsed: { error?: { code?: unknown; message?: unknown } } = {};
        try {
          parsed = JSON.parse(text) as typeof parsed;
        } catch {
          throw new Error(
            `${op.method} ${op.path} → ${res.status} without a JSON body: ${text.slice(0, 200)}`,
          );
        }
        if (typeof parsed.error?.code !== 'string' || typeof parsed.error.message !== 'string')
          throw new Error(
            `${op.method} ${op.path} → ${res.status} not in the error envelope: ${text.slice(0, 200)}`,
          );
      }
      if (r.auth !== 'admin' && res.status < 400 && op.method !== 'GET')
        throw new Error(`${op.method} ${op.path} accepted a request without a valid token: ${res.status}`);
    }),
    { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261130) },
  );
  expect(await storeState(h, ['reactions'])).toEqual(before);
  // Every operation was reached (the generator's op index is uniform over a range much larger than their number).
  const reached = new Set([...seen.keys()].map((k) => k.split(' ').slice(0, 2).join(' ')));
  expect(reached.size).toBe(operations.length);
}, 600_000);
