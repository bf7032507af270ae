/**
 * config/settings.json. Every rule that domain.md marks [M] or [?] (and a few [S] choices a deployment may revisit)
 * is a named setting, with the documented default. Unknown keys are refused at every level: a misspelt name would
 * otherwise keep the default silently. Section numbers point to domain.md.
 */
import { z } from 'zod';
import { clockTimeSchema, emailSchema, integer, localDateSchema, text, unitCodeSchema } from './primitives';
import { MISSING_YEAR_POLICIES } from './vocabulary';

export const slaSettingsSchema = z
  .strictObject({
    /** §6.5 [S]: how "ngày làm việc" is counted: N × hoursPerWorkingDay from the effective start, or end of the N-th working day. */
    workingDayModel: z.enum(['hour_based', 'day_based']).default('hour_based'),
    /** §6.1 [S]: one working day = 8 working hours (Thanh Hóa `ThoiGianThucHien/8`); must be one day of calendar.profile. */
    hoursPerWorkingDay: z.number().gt(0).max(24).default(8),
    /** §6.5 [V-ish]: same-day procedures received at or after this local time are due the next working day. */
    sameDayCutoff: clockTimeSchema.default('15:00'),
    /** §6.6 [?]: a receipt outside office hours counts from the next opening (`next_opening`) or as stamped (`as_received`). */
    afterHoursPolicy: z.enum(['next_opening', 'as_received']).default('next_opening'),
    /** §6.5 [S]: a calendar-day period ending on a non-working day moves to the next working day. */
    calendarDaysRollToWorkingDay: z.boolean().default(true),
    /** §3.3 [M]: supplement requests allowed during processing without an explicit override. */
    maxSupplementRequests: integer(0, 100).default(1),
    /** §3.3 [S]: a supplement request beyond the maximum (only with an override) makes the dossier late for KPIs. */
    extraSupplementCountsLate: z.boolean().default(true),
    /** §5.2 [?]: the apology is due this many units before the due date ("chậm nhất 01 ngày trước ngày hết hạn"). */
    apologyLeadDays: integer(0, 365).default(1),
    /** §5.2 [?]: whether those days are working days or calendar days. */
    apologyLeadUnit: z.enum(['working_day', 'calendar_day']).default('working_day'),
    /** §5.1 [M]: re-appointments (apology letters with a new date, each later than the previous) allowed per dossier. */
    maxReappointments: integer(0, 100).default(1),
    /** §5.2 / engineering-notes §7: warn this much working time before the due instant (default one working day). */
    warningLeadWorkingMinutes: z.number().min(0).max(525_600).default(480),
    /** §7.1 [S]: Biểu II.06a by local date (`date`, Thanh Hóa default) or `datetime`: late after the due instant, early a working day ahead. */
    outcomeGranularity: z.enum(['date', 'datetime']).default('date'),
    /** §6.9 [S]: a procedure without a deadline counts as on time (Thanh Hóa treats NgayHenTra NULL as đúng hạn). */
    noDeadlineCountsOnTime: z.boolean().default(true),
    /** §0.2 [S]: dossiers received from this local date follow Decree 118 / TT 03/2025; earlier ones Decree 61/107 / TT 01/2018. */
    regime2025From: localDateSchema.default('2025-07-01'),
    /** §3.1, §6.5 [M]: a paper dossier received after this local time may be forwarded at the start of the next working day. */
    paperForwardCutoff: clockTimeSchema.default('15:00'),
    /** §5.5: the primary cause of lateness is the step with the largest overrun, or the first step that pushed past the due date. */
    primaryCause: z.enum(['largest_overrun', 'first_exceeding']).default('largest_overrun'),
    /** §6.6 [?]: online dossiers should be received within this many working hours of submission (HanTiepNhan). */
    receptionSlaWorkingHours: z.number().min(0).max(10_000).default(8),
  })
  .meta({
    id: 'SlaSettings',
    description: 'Rule settings of the deadline engine (config/settings.json `sla`)',
  });
export type SlaSettings = z.output<typeof slaSettingsSchema>;

const sessionTime = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { error: 'must be a time HH:MM (00:00–24:00)' });
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const sessionsSchema = z
  .array(z.strictObject({ start: sessionTime, end: sessionTime }))
  .min(1)
  .superRefine((sessions, ctx) => {
    let previousEnd = 0;
    sessions.forEach((s, i) => {
      const [start, end] = [minutesOf(s.start), minutesOf(s.end)];
      if (end <= start)
        ctx.addIssue({ code: 'custom', path: [i, 'end'], message: 'must be after start', input: s });
      else if (start < previousEnd)
        ctx.addIssue({
          code: 'custom',
          path: [i, 'start'],
          message: 'must not be before the previous session ends',
          input: s,
        });
      previousEnd = Math.max(previousEnd, end);
    });
  });

/** Thanh Hóa default office hours (§6.2): 8 working hours a day. */
const DEFAULT_SESSIONS = [
  { start: '07:00', end: '11:30' },
  { start: '13:30', end: '17:00' },
];

export const officeHoursProfileSchema = z
  .strictObject({
    name: text(100),
    /** e.g. [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:00' }], sorted and disjoint. */
    sessions: sessionsSchema,
  })
  .meta({ id: 'OfficeHoursProfile', description: 'Office sessions of a working day, local time' });
export type OfficeHoursProfileSettings = z.output<typeof officeHoursProfileSchema>;

export const additionalHolidaySchema = z.strictObject({
  month: integer(1, 12),
  day: integer(1, 31),
  name: text(200),
  /** First year (inclusive) the holiday applies; unbounded when absent. */
  fromYear: integer(1000, 9999).optional(),
  /** Last year (inclusive) the holiday applies; unbounded when absent. */
  toYear: integer(1000, 9999).optional(),
});

export const statutoryRuleSettingsSchema = z.strictObject({
  /**
   * The 5 Tết days around mùng 1 (art. 112(3): chosen by the Prime Minister each year, [M]).
   * Default { daysBefore: 1, daysAfter: 3 }: the last day of the old year plus mùng 1–4.
   */
  tetBlock: z
    .strictObject({ daysBefore: integer(0, 10), daysAfter: integer(0, 10) })
    .prefault({ daysBefore: 1, daysAfter: 3 }),
  /** The second Quốc khánh day, next to 2/9 (art. 112(1)(đ), [M]). Default 'after' (3/9). */
  nationalDayAdjacent: z.enum(['before', 'after']).default('after'),
  /** Data-driven extra fixed holidays (e.g. 24/11 Ngày Văn hóa Việt Nam). Default none. */
  additionalHolidays: z.array(additionalHolidaySchema).prefault([]),
});

export const calendarSettingsSchema = z
  .strictObject({
    /**
     * What to do for a year without an official file (§6.9): `provisional` computes from the statutory rules
     * and flags the answer; `refuse` stops with CalendarYearMissingError.
     */
    missingYearPolicy: z.enum(MISSING_YEAR_POLICIES).default('provisional'),
    profile: officeHoursProfileSchema.prefault({ name: 'default', sessions: DEFAULT_SESSIONS }),
    /** Labour Code 2019 art. 111–112 rules used for years without an official schedule. */
    statutoryRules: statutoryRuleSettingsSchema.prefault({}),
  })
  .meta({
    id: 'CalendarSettings',
    description: 'Office hours and calendar rules (config/settings.json `calendar`)',
  });
export type CalendarSettings = z.output<typeof calendarSettingsSchema>;

export const intakeSettingsSchema = z
  .strictObject({
    /**
     * How far back (working minutes before the moment it is recorded) an officer or specialist may date an event;
     * beyond it only a unit head or an administrator may, with `data.backdateReason`. Default one working day.
     */
    backdateAllowanceWorkingMinutes: z.number().min(0).max(525_600).default(480),
    /** §1: the agency code (mã định danh cơ quan) that starts the dossier codes the server issues. */
    agencyCode: text(40, { pattern: /^[A-Z0-9][A-Z0-9.]*$/ }).default('H57.12'),
  })
  .meta({ id: 'IntakeSettings', description: 'How events are accepted (config/settings.json `intake`)' });
export type IntakeSettings = z.output<typeof intakeSettingsSchema>;

export const rulesSettingsSchema = z
  .strictObject({
    /**
     * §6.9: when a new calendar version or changed settings are published, open dossiers move onto them only by a
     * `rules_rebased` event per dossier: logged by an administrator's command (`manual`) or by the setup itself.
     */
    rebaseOnPublish: z.enum(['manual', 'automatic']).default('manual'),
  })
  .meta({
    id: 'RulesSettings',
    description: 'How rule changes reach open dossiers (config/settings.json `rules`)',
  });
export type RulesSettings = z.output<typeof rulesSettingsSchema>;

/** The head of a unit who signs an apology letter (Mẫu 04): name and title as printed under the signature. */
export const apologySignerSchema = z
  .strictObject({ name: text(200), title: text(200) })
  .meta({ id: 'ApologySigner', description: 'Who signs an apology letter (Mẫu 04): name and title' });

/** §2: the title of the head who signs for an issuing unit of each kind (Mẫu 04 "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ"). */
const signerTitlesSchema = z.strictObject({
  /** The agency (the Sở, or an interlinked agency): its director. "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" is written by hand. */
  agency: text(200).default('GIÁM ĐỐC'),
  /** A division with no agency above it in the catalogue (divisions of the Sở issue in the Sở's name). */
  department: text(200).default('TRƯỞNG PHÒNG'),
  /** The one-stop desk, when its own forwarding made the dossier late (§5.5): the head of the desk (§2). */
  one_stop: text(200).default('TRƯỞNG BỘ PHẬN'),
});

export const apologySettingsSchema = z
  .strictObject({
    /**
     * §5.2, §5.4 [?]: the new return date a draft proposes: the working time left until the due date (none when it
     * has passed) plus this many working days, at the close of the working day it ends on.
     */
    proposedExtraWorkingDays: integer(1, 200).default(5),
    /**
     * §5.4 [?]: `true` issues the letter automatically at the apology deadline (the system logs `apology_issued` with
     * the proposed date and reason, signed by `autoIssueSigner`) instead of drafting it for a signature.
     */
    autoIssue: z.boolean().default(false),
    /** Who signs the letters issued automatically; required when `autoIssue` is true. */
    autoIssueSigner: apologySignerSchema.nullable().default(null),
    /** §2: the signer's title printed on drafts, by the kind of the issuing unit. */
    signerTitles: signerTitlesSchema.prefault({}),
  })
  .superRefine((apology, ctx) => {
    if (apology.autoIssue && apology.autoIssueSigner === null)
      ctx.addIssue({
        code: 'custom',
        path: ['autoIssueSigner'],
        input: null,
        message: 'must name the signer {name, title} when autoIssue is true',
      });
  })
  .meta({
    id: 'ApologySettings',
    description: 'How apology letters (Mẫu 04) are drafted and issued (config/settings.json `apology`)',
  });
export type ApologySettings = z.output<typeof apologySettingsSchema>;

export const notificationSettingsSchema = z
  .strictObject({
    /**
     * Per unit code, the mailboxes that get the unit's staff mails instead of the catalogue's (the unit's email
     * and its head's), e.g. `{ "LDTBXH.VP": ["truc.vanphong@motcua.example"] }`. Units not listed keep the catalogue's.
     */
    recipients: z.record(unitCodeSchema, z.array(emailSchema).min(1).max(20)).default({}),
  })
  .meta({
    id: 'NotificationSettings',
    description: 'Who gets the staff mails (config/settings.json `notifications`)',
  });
export type NotificationSettings = z.output<typeof notificationSettingsSchema>;

export const documentSettingsSchema = z
  .strictObject({
    /**
     * §4: the <Địa danh> before the date of every form ("Mỹ Tho, ngày … tháng … năm …"); null prints a dotted line
     * to write by hand.
     */
    place: z.string().trim().min(1).max(100).nullable().default(null),
  })
  .meta({
    id: 'DocumentSettings',
    description:
      'What the paper forms print that the catalogue does not hold (config/settings.json `documents`)',
  });
export type DocumentSettings = z.output<typeof documentSettingsSchema>;

export const indicatorSettingsSchema = z
  .strictObject({
    /** A dossier event recorded more than this many hours after it happened counts as a late entry (design). */
    lateEntryHours: z.number().gt(0).max(8760).default(24),
  })
  .meta({
    id: 'IndicatorSettings',
    description: 'How the indicators count what the rules leave open (config/settings.json `indicators`)',
  });
export type IndicatorSettings = z.output<typeof indicatorSettingsSchema>;

/** Working minutes of one day of a profile whose sessions are already checked. */
function profileMinutesPerDay(profile: OfficeHoursProfileSettings): number {
  return profile.sessions.reduce((sum, s) => sum + minutesOf(s.end) - minutesOf(s.start), 0);
}

export const settingsSchema = z
  .strictObject({
    /** A note for whoever edits the file. */
    _about: z.string().optional(),
    calendar: calendarSettingsSchema.prefault({}),
    sla: slaSettingsSchema.prefault({}),
    intake: intakeSettingsSchema.prefault({}),
    rules: rulesSettingsSchema.prefault({}),
    apology: apologySettingsSchema.prefault({}),
    notifications: notificationSettingsSchema.prefault({}),
    documents: documentSettingsSchema.prefault({}),
    indicators: indicatorSettingsSchema.prefault({}),
  })
  .superRefine(
    (settings, ctx) => {
      // §6.1: "N working days" count N × hoursPerWorkingDay, so a day must be one day of the office-hours profile.
      const { profile } = settings.calendar;
      const hours = settings.sla.hoursPerWorkingDay;
      const perDay = profileMinutesPerDay(profile);
      if (hours * 60 === perDay) return;
      ctx.addIssue({
        code: 'custom',
        path: ['sla', 'hoursPerWorkingDay'],
        input: hours,
        message:
          `must match calendar.profile "${profile.name}": it is ${hours} hours (${hours * 60} working minutes), ` +
          `but the profile's sessions give ${perDay} minutes (${perDay / 60} hours) a day`,
      });
    },
    // Only a file valid otherwise: one mistake, one message.
    { when: (payload) => payload.issues.length === 0 },
  )
  .meta({ id: 'Settings', description: 'config/settings.json' });
export type Settings = z.output<typeof settingsSchema>;
