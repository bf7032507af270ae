'use strict';
// A small working calendar for the generator (Asia/Ho_Chi_Minh, UTC+7, no DST).
// It is written independently of libs/calendar on purpose: the demo then cross-checks the engine's due dates.

const fs = require('node:fs');
const path = require('node:path');

const VN_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;
const MIN_MS = 60_000;

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** Local epoch day (days since 1970-01-01 in UTC+7) of an instant. */
const dayOf = (t) => Math.floor((t + VN_OFFSET_MS) / DAY_MS);
const dateOfDay = (d) => new Date(d * DAY_MS).toISOString().slice(0, 10);
const dayOfDate = (s) => Date.parse(`${s}T00:00:00Z`) / DAY_MS;
/** Local milliseconds since midnight of an instant. */
const msOfDay = (t) => t + VN_OFFSET_MS - dayOf(t) * DAY_MS;
/** The instant at local `hh:mm` (or ms since midnight) of epoch day d. */
const at = (d, ms) => d * DAY_MS + ms - VN_OFFSET_MS;
const clock = (hhmm) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h * 60 + m) * MIN_MS;
};

/** ISO 8601 with +07:00, seconds precision: the format the contract uses. */
function formatLocal(t) {
  const d = new Date(t + VN_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+07:00`
  );
}

/** Weekday of a local epoch day, 0 = Sunday (1970-01-01 was a Thursday). */
const weekday = (d) => (((d + 4) % 7) + 7) % 7;

class DemoCalendar {
  /**
   * @param {object} o
   * @param {Array<{year:number, daysOff:Array<{date:string}>, makeupWorkdays?:Array<{date:string}>}>} o.years official files
   * @param {Array<{start:string,end:string}>} o.sessions office hours
   */
  constructor({ years, sessions }) {
    this.off = new Set();
    this.makeup = new Set();
    this.officialYears = new Set();
    for (const y of years) {
      this.officialYears.add(y.year);
      for (const x of y.daysOff || []) this.off.add(dayOfDate(x.date));
      for (const x of y.makeupWorkdays || []) this.makeup.add(dayOfDate(x.date));
    }
    this.starts = sessions.map((s) => clock(s.start));
    this.ends = sessions.map((s) => clock(s.end));
    this.minutesPerDay = this.starts.reduce((s, a, i) => s + (this.ends[i] - a), 0) / MIN_MS;
    this.workingCache = new Map();
  }

  isWorkingDay(d) {
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
  shiftWorkingDays(d, n) {
    const step = n >= 0 ? 1 : -1;
    let left = Math.abs(n);
    let x = d;
    while (left > 0) {
      x += step;
      if (this.isWorkingDay(x)) left--;
    }
    return x;
  }

  nextWorkingDay(d) {
    return this.shiftWorkingDays(d, 1);
  }

  previousWorkingDay(d) {
    return this.shiftWorkingDays(d, -1);
  }

  openingOf(d) {
    return at(d, this.starts[0]);
  }

  closeOf(d) {
    return at(d, this.ends[this.ends.length - 1]);
  }

  isWorkingTime(t) {
    const d = dayOf(t);
    if (!this.isWorkingDay(d)) return false;
    const ms = msOfDay(t);
    return this.starts.some((s, i) => ms >= s && ms < this.ends[i]);
  }

  /** t itself inside a session, else the next session start (a session end counts as outside). */
  nextOpening(t) {
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
  workingMsBefore(ms) {
    let total = 0;
    for (let i = 0; i < this.starts.length; i++) {
      if (ms <= this.starts[i]) break;
      total += Math.min(ms, this.ends[i]) - this.starts[i];
    }
    return total;
  }

  /** Same convention as the engine: consuming exactly up to a session end returns that end. */
  addWorkingMinutes(t, minutes) {
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

  workingMinutesBetween(a, b) {
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
  officeTime(d, r) {
    const ms = Math.floor(r * this.minutesPerDay * MIN_MS);
    return this.addWorkingMinutes(this.openingOf(d), ms / MIN_MS);
  }
}

/** Office hours of config/settings.json, or the documented default. */
function sessionsOf(configDir) {
  const settings = loadSettings(configDir);
  return (
    (settings.calendar && settings.calendar.profile && settings.calendar.profile.sessions) || [
      { start: '07:00', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ]
  );
}

/** Loads config/calendars/*.json and the office hours of config/settings.json (documented defaults otherwise). */
function loadDemoCalendar(configDir) {
  const dir = path.join(configDir, 'calendars');
  const years = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  return new DemoCalendar({ years, sessions: sessionsOf(configDir) });
}

/**
 * The same calendar from the API's day list (GET /api/v1/calendar/days): it then also knows years that have no
 * official file yet (statutory Tết, Giỗ Tổ...), exactly as the engine counts them.
 */
function calendarFromDays(days, configDir) {
  const years = new Map();
  for (const d of days) {
    const y = Number(d.date.slice(0, 4));
    if (!years.has(y)) years.set(y, { year: y, daysOff: [], makeupWorkdays: [] });
    const wd = weekday(dayOfDate(d.date));
    const weekend = wd === 0 || wd === 6;
    if (!d.working && !weekend) years.get(y).daysOff.push({ date: d.date });
    if (d.working && weekend) years.get(y).makeupWorkdays.push({ date: d.date });
  }
  return new DemoCalendar({ years: [...years.values()], sessions: sessionsOf(configDir) });
}

/** config/settings.json, or {} when absent. */
function loadSettings(configDir) {
  const file = path.join(configDir, 'settings.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
}

module.exports = {
  DemoCalendar,
  loadDemoCalendar,
  calendarFromDays,
  loadSettings,
  formatLocal,
  dayOf,
  dateOfDay,
  dayOfDate,
  msOfDay,
  at,
  clock,
  weekday,
  VN_OFFSET_MS,
  DAY_MS,
  MIN_MS,
};
