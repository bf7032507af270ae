import { formatInstant } from '@motcua/calendar';

/** An instant as Vietnamese forms write it, in Asia/Ho_Chi_Minh: `17/03/2025 08:30`; `—` when unknown. */
export function vnDateTime(t: number | null | undefined): string {
  if (t === null || t === undefined || !Number.isFinite(t)) return '—';
  const iso = formatInstant(t); // 2025-03-17T08:30:00+07:00
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}

/** The local date of an instant: `17/03/2025`. */
export function vnDate(t: number): string {
  return vnDateTime(t).slice(0, 10);
}

/** Text for HTML: the five characters that could open markup or an attribute are escaped. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
