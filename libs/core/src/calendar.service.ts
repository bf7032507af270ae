import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { CalendarRegistry, loadOfficialYears, type Instant, type WorkingCalendar } from '@motcua/calendar';
import type { AppConfig } from '@motcua/config';
import { CalendarRepository, CATALOGUE_EPOCH } from '@motcua/database';
import { APP_CONFIG } from './core.tokens';

const REFRESH_MS = Number(process.env.CALENDAR_REFRESH_MS ?? 30_000);

/**
 * The one calendar service: the official schedules as published over time (PostgreSQL, loaded from
 * config/calendars by `db:setup`), refreshed in the background so a new version reaches running apps.
 */
@Injectable()
export class CalendarService implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('calendar');
  private readonly repo: CalendarRepository;
  private registry: CalendarRegistry;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.repo = new CalendarRepository(db);
    // Until the database answers, the shipped files stand in, as if published from the start.
    const files = loadOfficialYears(path.join(config.configDir, 'calendars'));
    this.registry = new CalendarRegistry(
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
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    try {
      const versions = await this.repo.allVersions();
      if (versions.length > 0) this.registry = new CalendarRegistry(this.config.calendar, versions);
    } catch (err) {
      this.log.warn(`calendar versions not refreshed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** The calendar a dossier received (or re-based) at `t` counts with. */
  at(t: Instant): WorkingCalendar {
    return this.registry.at(t);
  }

  /** The calendar for receipts from now on. */
  latest(): WorkingCalendar {
    return this.registry.latest();
  }

  versionsAt(t: Instant): Record<number, number> {
    return this.registry.versionsAt(t);
  }
}
