import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import * as path from 'node:path';
import { CalendarRegistry, type Instant, type WorkingCalendar } from '@motcua/calendar';
import { APP_CONFIG, loadOfficialYears, type AppConfig } from '@motcua/config';
import { CalendarRepository, CATALOGUE_EPOCH } from '@motcua/database';

/**
 * The calendars as published over time (PostgreSQL, loaded from config/calendars by `db:setup`), refreshed in
 * the background so that a new version reaches running apps. Each refresh swaps in a new immutable registry.
 */
@Injectable()
export class CalendarService implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('calendar');
  private current: CalendarRegistry;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: CalendarRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // Until the database answers, the shipped files stand in, as if published from the start.
    const files = loadOfficialYears(path.join(config.configDir, 'calendars'));
    this.current = new CalendarRegistry(
      config.calendar,
      files.map((schedule) => ({
        year: schedule.year,
        version: 1,
        effectiveFrom: CATALOGUE_EPOCH,
        schedule,
      })),
    );
  }

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.config.calendarRefreshMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    try {
      const versions = await this.repo.allVersions();
      if (versions.length > 0) this.current = new CalendarRegistry(this.config.calendar, versions);
    } catch (err) {
      this.log.warn(`calendar versions not refreshed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** The registry as published now; it never changes afterwards, so a caller folds with one consistent view. */
  registry(): CalendarRegistry {
    return this.current;
  }

  /** The calendar a dossier received (or re-based) at `t` counts with. */
  at(t: Instant): WorkingCalendar {
    return this.current.at(t);
  }

  /** The calendar for receipts from now on. */
  latest(): WorkingCalendar {
    return this.current.latest();
  }

  versionsAt(t: Instant): Record<number, number> {
    return this.current.versionsAt(t);
  }
}
