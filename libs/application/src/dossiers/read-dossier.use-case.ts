import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import { hasUnit, isDossierCode, type Principal } from '@motcua/contracts';
import { EventStore } from '@motcua/database';
import { draftsOf } from '../apology/apology-letter';
import { AppError } from '../app-error';
import { CLOCK, type Clock } from '../clock';
import { present } from '../presentation/instants';
import { RulesProvider } from '../rules/rules.provider';
import { foldStored, receptionProcedure } from './dossier-fold';
import { dossierView, routeUnits } from './dossier.presenter';
import { lateEntriesOf } from './late-entries';

/** One dossier folded from its committed events at this instant: a caller always reads what it logged. */
@Injectable()
export class ReadDossier {
  constructor(
    private readonly store: EventStore,
    private readonly rules: RulesProvider,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(code: string, principal: Principal) {
    // A path that cannot be a dossier code (NUL, too long, other characters) names no dossier: 404, unread.
    if (!isDossierCode(code)) throw AppError.notFound('dossier');
    const events = await this.store.eventsOf([code]);
    const procedureCode = receptionProcedure(events);
    if (!procedureCode) throw AppError.notFound(`dossier ${code}`);
    const rules = await this.rules.forProcedures([procedureCode]);
    const { state, version, anchor, published } = foldStored(events, rules, this.clock.now());
    // Out-of-scope dossiers answer 404, so that their existence is not revealed.
    if (!routeUnits(state).some((u) => hasUnit(principal, u))) throw AppError.notFound(`dossier ${code}`);
    const definition = rules.procedures.get(procedureCode)?.find((v) => v.version === version)?.definition;
    const audit = new Map(
      events.map((e) => [e.id, { actor: e.actor ?? null, recordedAt: e.recordedAt ?? null }]),
    );
    // Events recorded later than the back-dating allowance after they happened: who, when, and why.
    const late = lateEntriesOf(events, this.config.intake.backdateAllowanceWorkingMinutes, (t) =>
      rules.calendars.at(t),
    );
    const drafts = draftsOf(events, state);
    const body = dossierView(code, state, version, definition?.name ?? null, late, drafts);
    // The timeline is the audit evidence: who logged each event and when it was committed.
    body.timeline = state.timeline.map((t) => ({ ...t, ...audit.get(t.id) }));
    // Which published calendar and settings the dates count with, and since when (reception or the last re-basing).
    const calendar = {
      anchorAt: anchor,
      versions: published.calendarVersions,
      settingsVersion: published.settingsVersion,
    };
    return present({ ...body, calendar }, ['recordedAt', 'anchorAt', 'draftedAt']);
  }
}
