// Numbers and dates as a Vietnamese reader writes them, without relying on the browser's locale data:
// 10.000 hồ sơ, 75,00%, 17/03/2025 08:30.

/** 12345 → "12.345". */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.trunc(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** 75 → "75,00"; the API already rounds rates to 2 decimals. */
export function formatDecimal(n: number, digits = 2): string {
  const [int, frac] = Math.abs(n).toFixed(digits).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

/** A rate in percent: "75,00%"; null (an empty denominator) is "—". */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${formatDecimal(rate)}%`;
}

/** "12,5 giờ làm việc" for the average processing time. */
export function formatHours(hours: number | null | undefined): string {
  return hours === null || hours === undefined ? '—' : `${formatDecimal(hours, 1)} giờ làm việc`;
}

/** `2025-03-17T08:30:00+07:00` (the API answers in +07:00) → `17/03/2025 08:30`; null → "—". */
export function formatInstant(iso: string | null | undefined): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : '—';
}

/** `2025-03-01` → `01/03/2025`. */
export function formatDate(date: string | null | undefined): string {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '—';
}

/** `2025-03` → `Tháng 3/2025`; `2025-03-01` (a series point) → `T3/2025`. */
export function formatMonth(month: string, short = false): string {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  if (!m) return month;
  return short ? `T${Number(m[2])}/${m[1]}` : `Tháng ${Number(m[2])}/${m[1]}`;
}
