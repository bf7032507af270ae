// A small working calendar for the generator (Asia/Ho_Chi_Minh, UTC+7, no DST). Written independently of
// libs/calendar on purpose: the demo then cross-checks the engine's due dates against it.

const VN_OFFSET_MS = 7 * 3600_000;
export const DAY_MS = 86_400_000;
export const MIN_MS = 60_000;

/** An official year file (config/calendars/YYYY.json), or the same rebuilt from the API's day list. */
export interface CalendarYear {
  year: number;
  daysOff?: { date: string }[];
  makeupWorkdays?: { date: string }[];
}

/** One office-hours session, local `hh:mm`. */
export interface Session {
  start: string;
  end: string;
}

export const DEFAULT_SESSIONS: readonly Session[] = [
  { start: '07:00', end: '11:30' },
  { start: '13:30', end: '17:00' },
];

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Local epoch day (days since 1970-01-01 in UTC+7) of an instant. */
export const dayOf = (t: number): number => Math.floor((t + VN_OFFSET_MS) / DAY_MS);
export const dateOfDay = (d: number): string => new Date(d * DAY_MS).toISOString().slice(0, 10);
export const dayOfDate = (s: string): number => Date.parse(`${s}T00:00:00Z`) / DAY_MS;
/** Local milliseconds since midnight of an instant. */
export const msOfDay = (t: number): number => t + VN_OFFSET_MS - dayOf(t) * DAY_MS;
/** The instant at local ms since midnight of epoch day d. */
export const at = (d: number, ms: number): number => d * DAY_MS + ms - VN_OFFSET_MS;
/** `hh:mm` as ms since midnight. */
export const clock = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h * 60 + m) * MIN_MS;
};

/** ISO 8601 with +07:00, seconds precision: the format the contract uses. */
export function formatLocal(t: number): string {
  const d = new Date(t + VN_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+07:00`
  );
}

/** Weekday of a local epoch day, 0 = Sunday (1970-01-01 was a Thursday). */
export const weekday = (d: number): number => (((d + 4) % 7) + 7) % 7;

export class DemoCalendar {
  private readonly off = new Set<number>();
  private readonly makeup = new Set<number>();
  private readonly officialYears = new Set<number>();
  private readonly starts: number[];
  private readonly ends: number[];
  private readonly workingCache = new Map<number, boolean>();
  readonly minutesPerDay: number;

  constructor({ years, sessions }: { years: readonly CalendarYear[]; sessions: readonly Session[] }) {
    for (const y of years) {
      this.officialYears.add(y.year);
      for (const x of y.daysOff ?? []) this.off.add(dayOfDate(x.date));
      for (const x of y.makeupWorkdays ?? []) this.makeup.add(dayOfDate(x.date));
    }
    this.starts = sessions.map((s) => clock(s.start));
    this.ends = sessions.map((s) => clock(s.end));
    this.minutesPerDay = this.starts.reduce((s, a, i) => s + (this.ends[i] - a), 0) / MIN_MS;
  }

  isWorkingDay(d: number): boolean {
    let w = this.workingCache.get(d);
    if (w === undefined) {
      const date = dateOfDay(d);
      const year = Number(date.slice(0, 4));
      if (this.makeup.has(d)) w = true;
      else if (this.off.has(d)) w = false;
      else if (weekday(d) === 0 || weekday(d) === 6) w = false;
      // A year without an official file: only the fixed solar holidays (rough, like the engine's provisional mode).
      else w = this.officialYears.has(year) || !['01-01', '04-30', '05-01', '09-02'].includes(date.slice(5));
      this.workingCache.set(d, w);
    }
    return w;
  }

  /** n-th working day after d (n > 0) or before it (n < 0). */
  shiftWorkingDays(d: number, n: number): number {
    const step = n >= 0 ? 1 : -1;
    let left = Math.abs(n);
    let x = d;
    while (left > 0) {
      x += step;
      if (this.isWorkingDay(x)) left--;
    }
    return x;
  }

  nextWorkingDay(d: number): number {
    return this.shiftWorkingDays(d, 1);
  }

  previousWorkingDay(d: number): number {
    return this.shiftWorkingDays(d, -1);
  }

  openingOf(d: number): number {
    return at(d, this.starts[0]);
  }

  closeOf(d: number): number {
    return at(d, this.ends[this.ends.length - 1]);
  }

  isWorkingTime(t: number): boolean {
    const d = dayOf(t);
    if (!this.isWorkingDay(d)) return false;
    const ms = msOfDay(t);
    return this.starts.some((s, i) => ms >= s && ms < this.ends[i]);
  }

  /** t itself inside a session, else the next session start (a session end counts as outside). */
  nextOpening(t: number): number {
    const d = dayOf(t);
    if (this.isWorkingDay(d)) {
      const ms = msOfDay(t);
      for (let i = 0; i < this.starts.length; i++) {
        if (ms < this.ends[i]) return ms < this.starts[i] ? at(d, this.starts[i]) : t;
      }
    }
    return this.openingOf(this.nextWorkingDay(d));
  }

  /** Working ms of a working day before local time ms. */
  workingMsBefore(ms: number): number {
    let total = 0;
    for (let i = 0; i < this.starts.length; i++) {
      if (ms <= this.starts[i]) break;
      total += Math.min(ms, this.ends[i]) - this.starts[i];
    }
    return total;
  }

  /** Same convention as the engine: consuming exactly up to a session end returns that end. */
  addWorkingMinutes(t: number, minutes: number): number {
    let cur = this.nextOpening(t);
    let rest = Math.round(minutes * MIN_MS);
    if (rest === 0) return cur;
    for (;;) {
      const d = dayOf(cur);
      const ms = msOfDay(cur);
      for (let i = 0; i < this.starts.length; i++) {
        if (ms >= this.ends[i]) continue;
        const from = Math.max(ms, this.starts[i]);
        const avail = this.ends[i] - from;
        if (rest <= avail) return at(d, from + rest);
        rest -= avail;
      }
      cur = this.openingOf(this.nextWorkingDay(d));
    }
  }

  workingMinutesBetween(a: number, b: number): number {
    if (b < a) return -this.workingMinutesBetween(b, a);
    let total = 0;
    const da = dayOf(a);
    const db = dayOf(b);
    for (let d = da; d <= db; d++) {
      if (!this.isWorkingDay(d)) continue;
      const lo = d === da ? msOfDay(a) : 0;
      const hi = d === db ? msOfDay(b) : DAY_MS;
      total += this.workingMsBefore(hi) - this.workingMsBefore(lo);
    }
    return total / MIN_MS;
  }

  /** A random instant inside office hours of working day d (r: uniform 0..1). */
  officeTime(d: number, r: number): number {
    const ms = Math.floor(r * this.minutesPerDay * MIN_MS);
    return this.addWorkingMinutes(this.openingOf(d), ms / MIN_MS);
  }
}

/**
 * The calendar from the API's day list (GET /api/v1/calendar/days): it then also knows years that have no
 * official file yet (statutory Tết, Giỗ Tổ...), exactly as the engine counts them.
 */
export function calendarFromDays(
  days: readonly { date: string; working: boolean }[],
  sessions: readonly Session[],
): DemoCalendar {
  const years = new Map<number, Required<CalendarYear>>();
  for (const d of days) {
    const y = Number(d.date.slice(0, 4));
    let year = years.get(y);
    if (!year) years.set(y, (year = { year: y, daysOff: [], makeupWorkdays: [] }));
    const wd = weekday(dayOfDate(d.date));
    const weekend = wd === 0 || wd === 6;
    if (!d.working && !weekend) year.daysOff.push({ date: d.date });
    if (d.working && weekend) year.makeupWorkdays.push({ date: d.date });
  }
  return new DemoCalendar({ years: [...years.values()], sessions });
}
