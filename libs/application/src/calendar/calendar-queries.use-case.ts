import { Inject, Injectable } from '@nestjs/common';
import {
  calendarDaysQuerySchema,
  calendarDueQuerySchema,
  INSTANT_OUT_OF_RANGE,
  parseWith,
  previewInstantProblems,
} from '@motcua/contracts';
import { previewDue } from '@motcua/sla';
import { AppError } from '../app-error';
import { CLOCK, type Clock } from '../clock';
import { present } from '../presentation/instants';
import { toRules } from '../rules/procedure-rules';
import { procedureAt, RulesProvider } from '../rules/rules.provider';

/** The calendar endpoints: an appointment preview that stores nothing, and the working days of a range. */
@Injectable()
export class CalendarQueries {
  constructor(
    private readonly rules: RulesProvider,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async due(query: unknown) {
    const q = parseWith(calendarDueQuerySchema, query);
    if (!q.ok) throw AppError.invalid(q.problems);
    const { procedureCode, receivedAt } = q.value;
    // From 2000 to five years ahead (libs/contracts instant-bounds.ts): the calendar counts every such receipt.
    const outOfRange = previewInstantProblems(receivedAt, this.clock.now());
    if (outOfRange.length > 0) {
      const message = outOfRange.map((p) => `${p.field} ${p.problem}`).join('; ');
      throw new AppError(422, INSTANT_OUT_OF_RANGE, message, outOfRange);
    }
    const rules = await this.rules.forProcedures([procedureCode]);
    const version = procedureAt(rules, procedureCode, receivedAt);
    if (!version) throw AppError.notFound(`procedure ${procedureCode}`);
    // As a receipt logged now would count: with everything published, in force at `receivedAt`.
    const published = rules.at(receivedAt);
    const p = previewDue(published.calendar, published.settings, toRules(version), receivedAt);
    return present({
      procedureCode,
      procedureVersion: version.version,
      calendarVersions: published.calendarVersions,
      ...p,
      skipped: p.skipped.map((s) => ({ date: s.date, reason: s.reason, kind: s.kind })),
    });
  }

  async days(query: unknown) {
    const q = parseWith(calendarDaysQuerySchema, query);
    if (!q.ok) throw AppError.invalid(q.problems);
    const rules = await this.rules.forProcedures([]);
    return rules
      .latest()
      .calendar.days(q.value.from, q.value.to)
      .map((d) => ({
        date: d.date,
        working: d.working,
        kind: d.kind,
        ...(d.name ? { name: d.name } : {}),
        provisional: d.provisional,
      }));
  }
}
