/**
 * Issue 9, the public lookup: GET /tra-cuu?code=&key= (outside /api/v1, no login) through the real API, worker,
 * PostgreSQL and Redis. The key is the one printed on the receipt (lookupKeyOf of the code with LOOKUP_SECRET).
 * A right key answers the status in words, the appointment, late or not and apology or not, as a page in Vietnamese
 * or as JSON; a wrong key and an unknown code answer the same 404; nothing personal ever leaves. The throttle has a
 * file of its own (public-lookup-throttle.e2e-spec.ts), whose counters start empty.
 */
import { lookupKeyOf } from '@motcua/application';
import {
  event,
  forwarded,
  fullLife,
  MC,
  newDossierCode,
  received,
  twoStepProcedure,
  VLATLD,
} from './support/events';
import { Harness } from './support/harness';

let h: Harness;
let admin: string;

/** Distinctive values, so that a search of the raw answer finds any of them. */
const APPLICANT = {
  name: 'Nguyễn Thị Hồng Nhung',
  idNumber: '079188004321',
  phone: '0909 123 457',
  email: 'nhung.zx9@example.vn',
  address: '17 Ngõ Quỳnh, Hai Bà Trưng, Hà Nội',
};
/** Each piece of personal data as it could appear: whole, in parts, without spaces. */
const PERSONAL = [
  ...Object.values(APPLICANT),
  'Nhung',
  'Hồng',
  'Nguyễn Thị',
  '0909123457',
  '004321',
  'zx9',
  'Ngõ Quỳnh',
  // Staff: the signer of the apology, the users who logged the events.
  'Lê Văn Cường',
  'Cường',
  'admin',
];
const WORK_PERMIT = 'Cấp giấy phép lao động đối với người lao động nước ngoài làm việc tại Việt Nam';

beforeAll(async () => {
  h = await Harness.start({
    now: '2025-03-18T10:00:00+07:00',
    // Many lookups from one address here; the throttle is under test in its own file.
    config: {
      rateLimits: {
        loginMaxFailures: 10,
        loginWindowMs: 300_000,
        intakeRequests: 6000,
        intakeWindowMs: 60_000,
        lookupRequests: 10_000,
        lookupWindowMs: 60_000,
      },
    },
  });
  admin = await h.admin();
});

afterAll(async () => {
  await h?.stop();
});

async function log(events: Array<{ type: string }>): Promise<void> {
  for (const e of events) {
    const res = await h.post('/api/v1/events', e, admin);
    expect({ type: e.type, status: res.status, body: res.body }).toMatchObject({ type: e.type, status: 202 });
  }
  await h.waitForAllApplied();
}

const keyOf = (code: string) => lookupKeyOf(code, h.config.lookupSecret);

/** The raw answer (no client parsing): status, headers and the exact text. */
async function lookup(query: string, accept: 'html' | 'json' = 'html') {
  const res = await fetch(`${h.baseUrl}/tra-cuu${query}`, {
    headers: { accept: accept === 'json' ? 'application/json' : 'text/html,application/xhtml+xml' },
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}
const q = (code: string, key = keyOf(code)) =>
  `?code=${encodeURIComponent(code)}&key=${encodeURIComponent(key)}`;

/**
 * 1.014199 (10 working days) received Mon 03/03/2025 08:30, held by the division since 10:00: due Mon 17/03 08:30.
 * An apology issued Fri 14/03 10:00 gave a new appointment, Mon 24/03 17:00; at the clock (Tue 18/03 10:00) it is
 * open and overdue.
 */
async function overdueWithApology(): Promise<string> {
  const code = newDossierCode();
  await log([
    received(code, '2025-03-03T08:30:00+07:00', { applicant: APPLICANT }),
    forwarded(code, '2025-03-03T10:00:00+07:00', MC, VLATLD),
    event(code, 'apology_issued', '2025-03-14T10:00:00+07:00', {
      reason: 'Chờ kết quả xác minh của cơ quan phối hợp',
      newDueAt: '2025-03-24T17:00:00+07:00',
      signer: { name: 'Lê Văn Cường', title: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' },
      responsibleUnit: VLATLD,
    }),
  ]);
  return code;
}

const CSP =
  /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'$/;

function expectPrivateHeaders(headers: Headers): void {
  expect(headers.get('content-security-policy')).toMatch(CSP);
  expect(headers.get('cache-control')).toBe('no-store');
  expect(headers.get('x-robots-tag')).toBe('noindex, nofollow');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
}

describe('a right key', () => {
  it('answers an overdue dossier with an issued apology: JSON twin, then the page, neither with personal data', async () => {
    const code = await overdueWithApology();
    const json = await lookup(q(code), 'json');
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expectPrivateHeaders(json.headers);
    expect(JSON.parse(json.text)).toEqual({
      code,
      procedure: { code: '1.014199', name: WORK_PERMIT },
      applicantInitials: 'N.T.H.N.',
      status: 'IN_PROCESS',
      statusText: 'Đang giải quyết',
      paused: false,
      receivedAt: '2025-03-03T08:30:00+07:00',
      dueAt: '2025-03-17T08:30:00+07:00',
      rescheduledDueAt: '2025-03-24T17:00:00+07:00',
      finishedAt: null,
      returnedAt: null,
      late: true,
      outcome: null,
      timelinessText: 'Quá hạn giải quyết',
      apologyIssued: true,
      apologyIssuedAt: '2025-03-14T10:00:00+07:00',
      checkedAt: '2025-03-18T10:00:00+07:00',
    });

    const page = await lookup(q(code));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expectPrivateHeaders(page.headers);
    for (const words of [
      code,
      WORK_PERMIT,
      'N.T.H.N.',
      'Đang giải quyết',
      '<dt>Ngày hẹn trả kết quả</dt><dd>08:30 ngày 17/03/2025</dd>',
      '<dt>Ngày hẹn lại</dt><dd>17:00 ngày 24/03/2025</dd>',
      '<dd class="late">Quá hạn giải quyết</dd>',
      '<dt>Văn bản xin lỗi</dt><dd>Đã ban hành 10:00 ngày 14/03/2025</dd>',
    ])
      expect(page.text).toContain(words);
    // No script of any kind, nothing fetched from elsewhere.
    expect(page.text).not.toMatch(/<script|src=|https?:\/\//i);

    for (const text of [json.text, page.text])
      for (const personal of PERSONAL)
        expect({ personal, found: text.includes(personal) }).toEqual({ personal, found: false });
  });

  it('answers a dossier returned on time, and takes the key as typed from paper (lower case, O for 0, a dash)', async () => {
    const code = newDossierCode();
    await log(fullLife(code));
    const key = keyOf(code);
    const typed = `${key.slice(0, 4)}-${key.slice(4)}`.toLowerCase().replace(/0/g, 'o');
    const json = await lookup(q(code, typed), 'json');
    expect(JSON.parse(json.text)).toMatchObject({
      status: 'RETURNED',
      statusText: 'Đã trả kết quả',
      late: false,
      outcome: 'early',
      timelinessText: 'Giải quyết trước hạn',
      apologyIssued: false,
      rescheduledDueAt: null,
      finishedAt: '2025-03-11T16:00:00+07:00',
      returnedAt: '2025-03-12T09:00:00+07:00',
    });
    const page = await lookup(q(code, typed));
    expect(page.text).toContain('<dt>Văn bản xin lỗi</dt><dd>Không có</dd>');
    expect(page.text).toContain('<dd class="ok">Giải quyết trước hạn</dd>');
  });

  it('needs no token, and lives outside /api/v1', async () => {
    const code = newDossierCode();
    await log([received(code, '2025-03-18T08:00:00+07:00')]);
    expect((await lookup(q(code), 'json')).status).toBe(200);
    const inside = await fetch(`${h.baseUrl}/api/v1/tra-cuu${q(code)}`, {
      headers: { accept: 'application/json' },
    });
    expect(inside.status).toBe(404);
  });
});

describe('no match: one answer for a wrong key and an unknown code', () => {
  it('404 with the same body, as JSON and as a page, whatever was wrong', async () => {
    const code = await overdueWithApology();
    const right = keyOf(code);
    const wrong = right === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA';
    const unknown = newDossierCode();
    const cases = [
      q(code, wrong),
      q(unknown),
      q(unknown, wrong),
      q('../../etc/passwd', right),
      q('H57.12<x>', right),
    ];
    for (const accept of ['json', 'html'] as const) {
      const answers = await Promise.all(cases.map((c) => lookup(c, accept)));
      for (const a of answers) {
        expect(a.status).toBe(404);
        expectPrivateHeaders(a.headers);
        expect(a.text).toBe(answers[0].text);
      }
      if (accept === 'json')
        expect(JSON.parse(answers[0].text)).toEqual({
          error: { code: 'not_found', message: 'No dossier matches this code and key', details: [] },
        });
      else expect(answers[0].text).toContain('<h1>Không tìm thấy hồ sơ</h1>');
    }
  });
});

describe('the form and the refusals', () => {
  it('without parameters, a page with the form; as JSON, 400 naming both fields', async () => {
    const page = await lookup('');
    expect(page.status).toBe(200);
    expectPrivateHeaders(page.headers);
    expect(page.text).toContain('<form method="get" action="">');
    expect(page.text).toMatch(/<input id="code" name="code"[^>]*>/);
    expect(page.text).toMatch(/<input id="key" name="key"[^>]*>/);

    const json = await lookup('', 'json');
    expect(json.status).toBe(400);
    expect(JSON.parse(json.text).error).toEqual({
      code: 'invalid_request',
      message: 'Give the dossier code and the key of the receipt',
      details: [
        { field: 'code', problem: 'is required' },
        { field: 'key', problem: 'is required' },
      ],
    });
    const badKey = await lookup('?code=H57.12-250303-0001&key=123', 'json');
    expect(badKey.status).toBe(400);
    expect(JSON.parse(badKey.text).error.details).toEqual([
      { field: 'key', problem: 'must be the 8 characters printed on the receipt' },
    ]);
  });

  it('a hostile code is escaped on the friendly 400 page, never run', async () => {
    const hostile = `"><script>alert(1)</script><img src=x onerror=alert(2)>'`;
    const page = await lookup(`?code=${encodeURIComponent(hostile)}`);
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expectPrivateHeaders(page.headers);
    expect(page.text).toContain('Mã tra cứu gồm 8 ký tự');
    expect(page.text).toContain(
      'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&#39;"',
    );
    expect(page.text).not.toMatch(/<script|<img/i);
  });

  it('a hostile procedure name is escaped on the answer page', async () => {
    const name = `Thủ tục <script>alert("x")</script> & <b onmouseover='y'>`;
    const put = await h.put('/api/v1/procedures/E2E.XSS', twoStepProcedure(name), admin);
    expect(put.status).toBe(200);
    const code = newDossierCode();
    await log([received(code, '2025-03-18T08:00:00+07:00', { procedureCode: 'E2E.XSS' })]);
    const page = await lookup(q(code));
    expect(page.status).toBe(200);
    expect(page.text).toContain(
      'Thủ tục &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b onmouseover=&#39;y&#39;&gt;',
    );
    expect(page.text).not.toMatch(/<script|<b /i);
    // The JSON twin carries the name as data (application/json, never rendered by a browser as HTML).
    expect(JSON.parse((await lookup(q(code), 'json')).text).procedure.name).toBe(name);
  });
});
