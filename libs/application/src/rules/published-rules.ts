import {
  createWorkingCalendar,
  type Instant,
  type OfficialYearSchedule,
  type WorkingCalendar,
} from '@motcua/calendar';
import type { CalendarSettings } from '@motcua/contracts';
import type {
  CalendarYearRecord,
  ProcedureVersionRecord,
  PublishedSettingsBody,
  SettingsVersionRecord,
} from '@motcua/database';
import type { SlaSettings } from '@motcua/sla';
import { versionAt } from './procedure-rules';

/** The calendar and the settings a dossier anchored at one instant counts with, and which versions they are. */
export interface RulesAt {
  calendar: WorkingCalendar;
  settings: SlaSettings;
  calendarSettings: CalendarSettings;
  /** Published version per calendar year, e.g. {2025: 2}. */
  calendarVersions: Record<number, number>;
  /** The published settings version (0: none published, the apps' own config/settings.json). */
  settingsVersion: number;
}

/** What a fold may see: published at or before `at`, by a publication no later than `revision` (null: any). */
export interface Anchor {
  at: Instant;
  revision: number | null;
}

const seen = (v: { effectiveFrom: number; revision: number }, a: Anchor) =>
  v.effectiveFrom <= a.at && (a.revision === null || v.revision <= a.revision);

/**
 * Everything published (procedures, calendar years, settings), at one rules revision. A dossier counts with the
 * calendar and settings published at its anchor (reception or last re-basing) as known at the revision its anchor
 * event was recorded with, so a later publication — even one that governs all history, like a year's first
 * calendar — never moves its dates silently (domain.md §6.9).
 */
export class Rules {
  private readonly cache = new Map<string, RulesAt>();

  constructor(
    /** The rules revision this snapshot was read at. */
    readonly revision: number,
    /** Every published version, by procedure code. */
    readonly procedures: ReadonlyMap<string, ProcedureVersionRecord[]>,
    private readonly calendarYears: ReadonlyArray<CalendarYearRecord>,
    private readonly settingsVersions: ReadonlyArray<SettingsVersionRecord>,
    /** Stands in for settings while none is published (a database set up before settings were versioned). */
    private readonly fallback: PublishedSettingsBody,
  ) {}

  /** The calendar and settings published at `anchor.at`, as known at `anchor.revision`. */
  at(t: Instant, revision: number | null = null): RulesAt {
    const anchor = { at: t, revision };
    let settings: SettingsVersionRecord | null = null;
    for (const v of this.settingsVersions)
      if (seen(v, anchor) && (!settings || v.version > settings.version)) settings = v;
    const years = new Map<number, CalendarYearRecord>();
    for (const v of this.calendarYears) {
      const best = years.get(v.year);
      if (seen(v, anchor) && (!best || v.version > best.version)) years.set(v.year, v);
    }
    const chosen = [...years.values()].sort((a, b) => a.year - b.year);
    const key = `${settings?.version ?? 0}|${chosen.map((v) => `${v.year}:${v.version}`).join(',')}`;
    let out = this.cache.get(key);
    if (!out) {
      const body = settings?.settings ?? this.fallback;
      out = {
        calendar: createWorkingCalendar({
          ...body.calendar,
          officialYears: chosen.map((v): OfficialYearSchedule => v.schedule),
        }),
        settings: body.sla,
        calendarSettings: body.calendar,
        calendarVersions: Object.fromEntries(chosen.map((v) => [v.year, v.version])),
        settingsVersion: settings?.version ?? 0,
      };
      this.cache.set(key, out);
    }
    return out;
  }

  /** The rules for receipts from now on: every publication. */
  latest(): RulesAt {
    return this.at(Number.MAX_SAFE_INTEGER);
  }

  /** The latest settings (for receipts from now on). */
  get settings(): SlaSettings {
    return this.latest().settings;
  }

  /** The calendars as published now, by receipt instant (every publication seen). */
  get calendars(): {
    at(t: Instant): WorkingCalendar;
    latest(): WorkingCalendar;
    versionsAt(t: Instant): Record<number, number>;
  } {
    return {
      at: (t) => this.at(t).calendar,
      latest: () => this.latest().calendar,
      versionsAt: (t) => this.at(t).calendarVersions,
    };
  }

  /** The version of `code` in force at `at`, as known at `revision` (null: every publication). */
  procedureAt(code: string, at: Instant, revision: number | null = null): ProcedureVersionRecord | null {
    const versions = this.procedures.get(code) ?? [];
    return versionAt(revision === null ? versions : versions.filter((v) => v.revision <= revision), at);
  }
}
