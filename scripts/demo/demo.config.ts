// The demo's inputs from config/: catalogue units and procedures, office hours and SLA settings, official
// calendars. Parsed JSON is checked against the fields the demo uses; other fields are ignored.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { ROOT } from '../support/paths';
import { type CalendarYear, DEFAULT_SESSIONS, DemoCalendar, type Session } from './calendar';
import type { DemoSla, Procedure, Unit } from './generator/generator.types';

export const CONFIG_DIR = path.join(ROOT, 'config');

const unitSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
}) satisfies z.ZodType<Unit>;

const procedureSchema = z.object({
  code: z.string(),
  duration: z.object({
    value: z.number(),
    unit: z.enum(['none', 'working_hours', 'working_days', 'calendar_days', 'same_day']),
  }),
  onlineLevel: z.enum(['none', 'partial', 'full']),
  feeVnd: z.number(),
  requiresPaperResult: z.boolean(),
  supplementPolicy: z.enum(['pause_resume', 'restart']),
  pauseOnFinancialObligation: z.boolean(),
  steps: z.array(z.object({ code: z.string(), unitCode: z.string(), allocatedWorkingHours: z.number() })),
}) satisfies z.ZodType<Procedure>;

const sessionSchema = z.object({ start: z.string(), end: z.string() }) satisfies z.ZodType<Session>;

const slaSchema = z
  .object({
    workingDayModel: z.enum(['hour_based', 'day_based']),
    hoursPerWorkingDay: z.number(),
    sameDayCutoff: z.string(),
    afterHoursPolicy: z.enum(['next_opening', 'as_received']),
    calendarDaysRollToWorkingDay: z.boolean(),
    apologyLeadDays: z.number(),
    apologyLeadUnit: z.enum(['working_day', 'calendar_day']),
    outcomeGranularity: z.enum(['date', 'datetime']),
    paperForwardCutoff: z.string(),
  })
  .partial() satisfies z.ZodType<Partial<DemoSla>>;

const settingsSchema = z.object({
  calendar: z
    .object({ profile: z.object({ sessions: z.array(sessionSchema).optional() }).optional() })
    .optional(),
  sla: slaSchema.optional(),
});

const yearSchema = z.object({
  year: z.number(),
  daysOff: z.array(z.object({ date: z.string() })).optional(),
  makeupWorkdays: z.array(z.object({ date: z.string() })).optional(),
}) satisfies z.ZodType<CalendarYear>;

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function loadUnits(): Unit[] {
  return z.array(unitSchema).parse(readJson(path.join(CONFIG_DIR, 'catalogue', 'units.json')));
}

export function loadProcedures(): Procedure[] {
  return z.array(procedureSchema).parse(readJson(path.join(CONFIG_DIR, 'catalogue', 'procedures.json')));
}

/** The lead unit of every procedure of config/ (the unit the indicators count a dossier for), most frequent first. */
export function loadLeadUnits(): string[] {
  const procedures = z
    .array(z.object({ leadUnitCode: z.string() }))
    .parse(readJson(path.join(CONFIG_DIR, 'catalogue', 'procedures.json')));
  const counts = new Map<string, number>();
  for (const p of procedures) counts.set(p.leadUnitCode, (counts.get(p.leadUnitCode) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([code]) => code);
}

/** Office hours and SLA rules of config/settings.json (documented defaults where absent). */
export function loadSettings(): { sessions: readonly Session[]; sla: Partial<DemoSla> } {
  const file = path.join(CONFIG_DIR, 'settings.json');
  const settings = fs.existsSync(file) ? settingsSchema.parse(readJson(file)) : {};
  return { sessions: settings.calendar?.profile?.sessions ?? DEFAULT_SESSIONS, sla: settings.sla ?? {} };
}

/** Loads config/calendars/*.json and the office hours of config/settings.json. */
export function loadDemoCalendar(): DemoCalendar {
  const dir = path.join(CONFIG_DIR, 'calendars');
  const years = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .map((f) => yearSchema.parse(readJson(path.join(dir, f))));
  return new DemoCalendar({ years, sessions: loadSettings().sessions });
}
