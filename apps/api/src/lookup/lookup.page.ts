// The public lookup's pages (GET /tra-cuu), in Vietnamese: pure functions of the answer, every value escaped.
import { createHash } from 'node:crypto';
import type { FieldProblem, LookupAnswer } from '@motcua/contracts';

/** Text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d2327;background:#f4f6f8}
main{max-width:40rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #d7dde2;border-radius:8px}
h1{font-size:1.4rem;margin:0 0 1rem;color:#8a1c1c}
dl{display:grid;grid-template-columns:minmax(9rem,auto) 1fr;gap:.4rem 1rem;margin:0 0 1rem}
dt{color:#50575e}dd{margin:0;font-weight:600}
.late{color:#b32d2e}.ok{color:#1e7e34}.note{color:#50575e;font-size:.9rem}
.problem{background:#fcf0f1;border-left:4px solid #b32d2e;padding:.5rem 1rem;margin:0 0 1rem}
form{display:grid;gap:.5rem;margin-top:1rem}
label{font-weight:600}input{font:inherit;padding:.45rem .6rem;border:1px solid #8c8f94;border-radius:4px;text-transform:uppercase}
button{font:inherit;padding:.5rem 1rem;background:#8a1c1c;color:#fff;border:0;border-radius:4px;cursor:pointer;justify-self:start}
`;

/** Nothing external, no script, one inline style known by its hash; forms only back to this site. */
export const LOOKUP_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

function page(title: string, body: string): string {
  return (
    '<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<meta name="robots" content="noindex, nofollow"><title>${escapeHtml(title)}</title>` +
    `<style>${STYLE}</style></head>\n<body><main>\n${body}\n</main></body></html>\n`
  );
}

/** The code and key fields; `action=""` submits to this very address, whatever prefix a proxy adds. */
function form(code = ''): string {
  return (
    '<form method="get" action="">' +
    '<label for="code">Mã hồ sơ</label>' +
    `<input id="code" name="code" value="${escapeHtml(code)}" maxlength="64" required autocomplete="off" spellcheck="false">` +
    '<label for="key">Mã tra cứu (8 ký tự)</label>' +
    '<input id="key" name="key" maxlength="32" required autocomplete="off" spellcheck="false">' +
    '<button type="submit">Tra cứu</button></form>'
  );
}

const HOW =
  '<p>Nhập mã hồ sơ và mã tra cứu in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả (hoặc quét mã QR trên giấy).</p>';

/** `2025-03-17T08:30:00+07:00` (always +07:00 from the API) → `08:30 ngày 17/03/2025`. */
export function localDateTime(iso: string | null): string | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso) : null;
  return m ? `${m[4]}:${m[5]} ngày ${m[3]}/${m[2]}/${m[1]}` : null;
}

/** The form alone: GET /tra-cuu without parameters. */
export function formPage(): string {
  return page('Tra cứu hồ sơ', `<h1>Tra cứu tình trạng hồ sơ</h1>${HOW}${form()}`);
}

function row(label: string, value: string | null, cls?: string): string {
  if (value === null) return '';
  const attr = cls ? ` class="${cls}"` : '';
  return `<dt>${escapeHtml(label)}</dt><dd${attr}>${escapeHtml(value)}</dd>`;
}

/** The answer: status in words, dates, late or not, apology or not; nothing personal beyond the initials. */
export function answerPage(a: LookupAnswer): string {
  const procedure = a.procedure ? (a.procedure.name ?? a.procedure.code) : null;
  const status = a.paused ? `${a.statusText} (tạm dừng tính thời hạn)` : a.statusText;
  const rows = [
    row('Mã hồ sơ', a.code),
    row('Thủ tục', procedure),
    row('Người nộp', a.applicantInitials),
    row('Trạng thái', status),
    row('Ngày tiếp nhận', localDateTime(a.receivedAt)),
    row('Ngày hẹn trả kết quả', localDateTime(a.dueAt)),
    row('Ngày hẹn lại', localDateTime(a.rescheduledDueAt)),
    row('Ngày có kết quả', localDateTime(a.finishedAt)),
    row('Ngày trả kết quả', localDateTime(a.returnedAt)),
    row('Thời hạn', a.timelinessText, a.late ? 'late' : 'ok'),
    row(
      'Văn bản xin lỗi',
      a.apologyIssued
        ? `Đã ban hành${a.apologyIssuedAt ? ` ${localDateTime(a.apologyIssuedAt)}` : ''}`
        : 'Không có',
    ),
  ].join('');
  return page(
    `Hồ sơ ${a.code}`,
    `<h1>Tình trạng hồ sơ</h1><dl>${rows}</dl>` +
      `<p class="note">Thông tin tại thời điểm ${escapeHtml(localDateTime(a.checkedAt))}.</p>` +
      '<p><a href="?">Tra cứu hồ sơ khác</a></p>',
  );
}

/** What each field's problem means to a citizen (the JSON twin names the field and the problem in English). */
const FIELD_WORDS: Record<string, string> = {
  code: 'Mã hồ sơ chưa được nhập hoặc quá dài.',
  key: 'Mã tra cứu gồm 8 ký tự (chữ và số) in trên giấy tiếp nhận.',
};

/** The page of a refusal: 400 (what to fix, the typed code kept), 404, 429 (when to retry), or the API unwell. */
export function errorPage(
  status: number,
  opts: { code?: string; problems?: FieldProblem[]; retryAfterSeconds?: number } = {},
): string {
  if (status === 400) {
    const fields = [...new Set((opts.problems ?? []).map((p) => p.field))];
    const items = fields.map((f) => `<li>${escapeHtml(FIELD_WORDS[f] ?? `${f}: không hợp lệ.`)}</li>`);
    return page(
      'Tra cứu hồ sơ',
      `<h1>Tra cứu tình trạng hồ sơ</h1><div class="problem"><p>Vui lòng kiểm tra lại:</p><ul>${items.join('')}</ul></div>` +
        `${HOW}${form(opts.code)}`,
    );
  }
  if (status === 404)
    return page(
      'Không tìm thấy hồ sơ',
      '<h1>Không tìm thấy hồ sơ</h1><div class="problem"><p>Mã hồ sơ hoặc mã tra cứu không đúng. ' +
        'Vui lòng đối chiếu với Giấy tiếp nhận hồ sơ và hẹn trả kết quả.</p></div>' +
        form(),
    );
  if (status === 429)
    return page(
      'Quá nhiều lượt tra cứu',
      '<h1>Quá nhiều lượt tra cứu</h1><div class="problem"><p>Vui lòng thử lại sau ' +
        `${escapeHtml(opts.retryAfterSeconds ?? 60)} giây.</p></div>`,
    );
  return page(
    'Tra cứu tạm thời gián đoạn',
    '<h1>Tra cứu tạm thời gián đoạn</h1><div class="problem"><p>Hệ thống đang bận. Vui lòng thử lại sau ít phút.</p></div>',
  );
}
