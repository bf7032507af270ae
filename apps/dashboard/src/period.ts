// The period the page shows: one calendar month, as the local dates the indicator routes take (both included).

export interface Period {
  /** YYYY-MM */
  month: string;
  from: string;
  to: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isMonth = (value: string | null | undefined): value is string => !!value && MONTH.test(value);

/** The month of a date in Vietnam (UTC+7, no daylight saving), whatever the browser's time zone. */
export function monthInVietnam(now: Date): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 7);
}

/** The last day of a month: day 0 of the next one. */
function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function periodOf(month: string): Period {
  const [y, m] = month.split('-').map(Number);
  return { month, from: `${month}-01`, to: `${month}-${String(lastDay(y, m)).padStart(2, '0')}` };
}

/** `count` months ending with `month`, oldest first: the span of the trend charts. */
export function monthsEndingWith(month: string, count: number): string[] {
  const [y, m] = month.split('-').map(Number);
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}
