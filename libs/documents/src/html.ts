/** Small pieces of HTML the forms share: escaping, the dotted line written by hand, Vietnamese dates. */
import { formatInstant, parseInstant } from '@motcua/calendar';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML: every character that could open markup is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A dotted line to write by hand: what the data cannot fill is never invented. */
export function dots(width: 'short' | 'long' = 'long'): string {
  return `<span class="dots">${width === 'short' ? '…………' : '……………………………………'}</span>`;
}

/** The text escaped, or a dotted line when there is none. */
export function filled(text: string | null | undefined, width: 'short' | 'long' = 'long'): string {
  return text === null || text === undefined || text.trim() === '' ? dots(width) : escapeHtml(text);
}

/** The local (Asia/Ho_Chi_Minh) parts of an ISO instant, whatever offset it was written with. */
export function localParts(iso: string): {
  day: string;
  month: string;
  year: string;
  hh: string;
  mm: string;
} {
  const local = formatInstant(parseInstant(iso)); // 2025-03-13T08:00:00+07:00
  return {
    year: local.slice(0, 4),
    month: local.slice(5, 7),
    day: local.slice(8, 10),
    hh: local.slice(11, 13),
    mm: local.slice(14, 16),
  };
}

/** "ngày 13 tháng 03 năm 2025", or the form's blanks "ngày … tháng … năm …" without a date. */
export function ngayThangNam(iso: string | null): string {
  if (iso === null) return 'ngày …… tháng …… năm ……';
  const p = localParts(iso);
  return `ngày ${p.day} tháng ${p.month} năm ${p.year}`;
}

/** "08 giờ 30 phút, ngày 13 tháng 03 năm 2025" (Mẫu 01 and 04 write the due time so). */
export function gioNgay(iso: string): string {
  const p = localParts(iso);
  return `${p.hh} giờ ${p.mm} phút, ${ngayThangNam(iso)}`;
}

/** "13/03/2025". */
export function shortDate(iso: string): string {
  const p = localParts(iso);
  return `${p.day}/${p.month}/${p.year}`;
}
