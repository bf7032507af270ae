import { createHash } from 'node:crypto';
import type { LookupAnswer } from '@motcua/contracts';
import { answerPage, errorPage, formPage, localDateTime, LOOKUP_CSP } from './lookup.page';

const HOSTILE = `"><script>alert(1)</script><img src=x onerror=alert('x')>&`;
const answer: LookupAnswer = {
  code: HOSTILE,
  procedure: { code: HOSTILE, name: HOSTILE },
  applicantInitials: HOSTILE,
  status: 'IN_PROCESS',
  statusText: HOSTILE,
  paused: true,
  receivedAt: '2025-03-03T08:30:00+07:00',
  dueAt: '2025-03-17T08:30:00+07:00',
  rescheduledDueAt: '2025-03-24T17:00:00+07:00',
  finishedAt: null,
  returnedAt: null,
  late: true,
  outcome: null,
  timelinessText: HOSTILE,
  apologyIssued: true,
  apologyIssuedAt: '2025-03-14T10:00:00+07:00',
  checkedAt: '2025-03-18T10:00:00+07:00',
};

const pages = () => [
  formPage(),
  answerPage(answer),
  errorPage(400, { code: HOSTILE, problems: [{ field: HOSTILE, problem: HOSTILE }] }),
  errorPage(404),
  errorPage(429, { retryAfterSeconds: 7 }),
  errorPage(503),
];

describe('the lookup pages', () => {
  it('escape every value they show: no element or attribute comes from the data', () => {
    for (const page of pages()) {
      expect(page).not.toMatch(/<script|<img|onerror=alert\('x'\)/i);
      expect(page.match(/<style>/g)).toHaveLength(1);
    }
    expect(answerPage(answer)).toContain(
      '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(&#39;x&#39;)&gt;&amp;',
    );
  });

  it('carry the one inline style the Content-Security-Policy allows by its hash, and nothing else', () => {
    for (const page of pages()) {
      const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1];
      const hash = createHash('sha256').update(style).digest('base64');
      expect(LOOKUP_CSP).toContain(`style-src 'sha256-${hash}'`);
      // Inside tags only (the escaped data may spell these words as text).
      expect(page).not.toMatch(/<(link|iframe|img|script|object|embed)\b|<[^>]*\s(style|src|href)="(?!\?")/i);
    }
    expect(LOOKUP_CSP).toMatch(/^default-src 'none'; /);
  });

  it('write instants as a citizen reads them', () => {
    expect(localDateTime('2025-03-17T08:30:00+07:00')).toBe('08:30 ngày 17/03/2025');
    expect(localDateTime(null)).toBeNull();
    expect(answerPage(answer)).toContain('<dt>Trạng thái</dt><dd>');
    expect(answerPage(answer)).toContain('(tạm dừng tính thời hạn)');
    expect(errorPage(429, { retryAfterSeconds: 7 })).toContain('Vui lòng thử lại sau 7 giây.');
  });
});
