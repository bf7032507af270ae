import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { isValidLocalDate, parseLocalDate } from '@motcua/calendar';
import type { AppConfig } from '@motcua/config';
import { parseIsoInstant, type FieldProblem } from '@motcua/contracts';
import { APP_CONFIG, CalendarService } from '@motcua/core';
import { toRules } from '@motcua/database';
import { previewDue } from '@motcua/sla';
import { ApiError } from '../common/api-error';
import { present } from '../common/instant.presenter';
import { CatalogueService } from '../catalogue/catalogue.service';

const MAX_DAYS = 366;

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('api/v1/calendar')
export class CalendarController {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly calendars: CalendarService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A preview of the appointment for a receipt at `receivedAt`; stores nothing. */
  @Get('due')
  async due(@Query('procedureCode') procedureCode?: string, @Query('receivedAt') receivedAt?: string) {
    const problems: FieldProblem[] = [];
    if (!procedureCode) problems.push({ field: 'procedureCode', problem: 'is required' });
    const t = receivedAt === undefined ? null : parseIsoInstant(receivedAt);
    if (receivedAt === undefined) problems.push({ field: 'receivedAt', problem: 'is required' });
    else if (t === null)
      problems.push({ field: 'receivedAt', problem: 'must be an ISO 8601 date-time with an offset' });
    if (problems.length > 0 || t === null || !procedureCode) throw ApiError.invalid(problems);
    const version = await this.catalogue.procedureAt(procedureCode, t);
    if (!version) throw ApiError.notFound(`procedure ${procedureCode}`);
    const p = previewDue(this.calendars.at(t), this.config.sla, toRules(version), t);
    return present({
      procedureCode,
      procedureVersion: version.version,
      calendarVersions: this.calendars.versionsAt(t),
      ...p,
      skipped: p.skipped.map((s) => ({ date: s.date, reason: s.reason, kind: s.kind })),
    });
  }

  @Get('days')
  days(@Query('from') from?: string, @Query('to') to?: string) {
    const problems: FieldProblem[] = [];
    for (const [field, v] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (v === undefined) problems.push({ field, problem: 'is required (YYYY-MM-DD)' });
      else if (!isValidLocalDate(v)) problems.push({ field, problem: 'must be a real date YYYY-MM-DD' });
    }
    if (problems.length === 0 && from && to) {
      const span = parseLocalDate(to) - parseLocalDate(from);
      if (span < 0) problems.push({ field: 'to', problem: 'must not be before from' });
      if (span >= MAX_DAYS)
        problems.push({ field: 'to', problem: `the range may cover at most ${MAX_DAYS} days` });
    }
    if (problems.length > 0 || !from || !to) throw ApiError.invalid(problems);
    return this.calendars
      .latest()
      .days(from, to)
      .map((d) => ({
        date: d.date,
        working: d.working,
        kind: d.kind,
        ...(d.name ? { name: d.name } : {}),
        provisional: d.provisional,
      }));
  }
}
