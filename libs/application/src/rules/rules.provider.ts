import { Inject, Injectable } from '@nestjs/common';
import * as path from 'node:path';
import type { Instant } from '@motcua/calendar';
import { APP_CONFIG, loadOfficialYears, type AppConfig } from '@motcua/config';
import {
  CATALOGUE_EPOCH,
  publishedSettingsOf,
  RulesRepository,
  type ProcedureVersionRecord,
  type PublishedRecords,
  type UnitRecord,
} from '@motcua/database';
import { Rules } from './published-rules';

export { Rules } from './published-rules';
export type { Anchor, RulesAt } from './published-rules';

export function procedureAt(rules: Rules, code: string, at: Instant): ProcedureVersionRecord | null {
  return rules.procedureAt(code, at);
}

/** One snapshot of everything published: the rules, and the units of the catalogue read with them. */
interface Snapshot {
  rules: Rules;
  units: UnitRecord[];
}

/**
 * The published rules, as both apps see them: before each use it reads the rules revision (one primary-key
 * read, shared by the callers of the same moment) and reloads everything, in one database snapshot, when the
 * revision moved. A publication is therefore seen by the API and the worker at once, with no cache to wait for,
 * and both fold with the same data.
 */
@Injectable()
export class RulesProvider {
  private current: Snapshot | null = null;
  /** The check that newcomers join: not started yet, so it reads a revision committed before they arrived. */
  private queued: Promise<Snapshot> | null = null;
  private running: Promise<Snapshot> | null = null;

  constructor(
    private readonly repo: RulesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The rules as published now. */
  async snapshot(): Promise<Rules> {
    return (await this.check()).rules;
  }

  /** The rules as published now (every procedure is in the snapshot; `codes` is kept for the callers). */
  async forProcedures(_codes: Iterable<string>): Promise<Rules> {
    return this.snapshot();
  }

  /** The units published with the same snapshot. */
  async units(): Promise<UnitRecord[]> {
    return (await this.check()).units;
  }

  private check(): Promise<Snapshot> {
    if (this.queued) return this.queued;
    const next = Promise.resolve().then(async () => {
      // A check already under way may have read the revision before this caller arrived: wait, then read anew.
      if (this.running) await this.running.catch(() => undefined);
      this.queued = null;
      this.running = next;
      try {
        return await this.read();
      } finally {
        if (this.running === next) this.running = null;
      }
    });
    this.queued = next;
    return next;
  }

  private async read(): Promise<Snapshot> {
    const revision = await this.repo.revision();
    if (this.current && this.current.rules.revision === revision) return this.current;
    this.current = this.build(await this.repo.published());
    return this.current;
  }

  private build(p: PublishedRecords): Snapshot {
    const procedures = new Map<string, ProcedureVersionRecord[]>();
    for (const v of p.procedures) procedures.set(v.code, [...(procedures.get(v.code) ?? []), v]);
    // A database without published calendars (set up before they were) counts with the shipped files.
    const years =
      p.calendarYears.length > 0
        ? p.calendarYears
        : loadOfficialYears(path.join(this.config.configDir, 'calendars')).map((schedule) => ({
            year: schedule.year,
            version: 1,
            effectiveFrom: CATALOGUE_EPOCH,
            revision: 0,
            schedule,
          }));
    return {
      rules: new Rules(p.revision, procedures, years, p.settings, publishedSettingsOf(this.config)),
      units: p.units,
    };
  }
}
