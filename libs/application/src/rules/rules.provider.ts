import { Inject, Injectable } from '@nestjs/common';
import type { CalendarRegistry, Instant } from '@motcua/calendar';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import type { ProcedureVersionRecord } from '@motcua/database';
import type { SlaSettings } from '@motcua/sla';
import { CatalogueService } from '../catalogue/catalogue.service';
import { CalendarService } from './calendar.service';
import { versionAt } from './procedure-rules';

/** Everything a fold needs besides the events, taken at one moment so that one decision sees one version of each. */
export interface Rules {
  readonly settings: SlaSettings;
  readonly calendars: CalendarRegistry;
  /** Every published version of the procedures asked for. */
  readonly procedures: ReadonlyMap<string, ProcedureVersionRecord[]>;
}

export function procedureAt(rules: Rules, code: string, at: Instant): ProcedureVersionRecord | null {
  return versionAt(rules.procedures.get(code) ?? [], at);
}

/** Builds the fold's inputs from one consistent snapshot of calendar, catalogue and settings. */
@Injectable()
export class RulesProvider {
  constructor(
    private readonly calendars: CalendarService,
    private readonly catalogue: CatalogueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async forProcedures(codes: Iterable<string>): Promise<Rules> {
    return {
      settings: this.config.sla,
      calendars: this.calendars.registry(),
      procedures: await this.catalogue.versionsOf([...new Set(codes)]),
    };
  }
}
