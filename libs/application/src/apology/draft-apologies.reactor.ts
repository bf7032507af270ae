import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import { validateEvent, type DossierEventInput, type DossierEventType } from '@motcua/contracts';
import { EventStore, type StoredEvent } from '@motcua/database';
import { CLOCK, type Clock } from '../clock';
import { RecordEvents } from '../dossiers/record-events.use-case';
import type { Reactor } from '../reactions/reactor';
import { RulesProvider } from '../rules/rules.provider';
import { SYSTEM_PRINCIPAL } from '../rules/rebase-dossiers.use-case';
import { apologyEventAt } from './apology-events';
import { readDossiers } from './dossier-record';

/** The deadline the tracker logs when a dossier reaches its apology deadline (§5.2). */
const isApologyDeadline = (e: StoredEvent) =>
  e.type === 'deadline_reached' && (e.data as { kind?: string } | null)?.kind === 'apology_deadline';

/**
 * Issue 8: when a dossier reaches its apology deadline without a result (`deadline_reached`, kind
 * `apology_deadline`), drafts the letter for the responsible unit — `apology_drafted` with the unit and a proposed
 * new date, logged as the system through the intake — or, with `apology.autoIssue`, issues it (`apology_issued`).
 * The dossier is read again when the reactor runs: a dossier closed, paused or apologised for meanwhile gets
 * nothing. The event ids derive from the dossier and its apology deadline, so nothing is logged twice.
 */
@Injectable()
export class ApologyDrafter implements Reactor {
  static readonly NAME = 'apology-drafter';
  readonly name = ApologyDrafter.NAME;
  readonly types: readonly DossierEventType[] = ['deadline_reached'];
  private readonly log = new Logger('apology');

  constructor(
    private readonly store: EventStore,
    private readonly rules: RulesProvider,
    private readonly intake: RecordEvents,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async react(events: StoredEvent[]): Promise<void> {
    const codes = [...new Set(events.filter(isApologyDeadline).map((e) => e.dossierCode))];
    if (codes.length === 0) return;
    const now = this.clock.now();
    const dossiers = await readDossiers(this.store, this.rules, codes, now);
    const toLog: DossierEventInput[] = [];
    for (const code of codes) {
      const d = dossiers.get(code);
      if (!d) continue;
      const name = (unit: string) => d.units.find((u) => u.code === unit)?.name ?? unit;
      const body = apologyEventAt(code, d.fold, this.config.apology, now, name);
      if (typeof body === 'string') continue;
      const v = validateEvent(body);
      if (!v.ok) throw new Error(`the ${body.type} of ${code} is invalid: ${JSON.stringify(v.problems)}`);
      toLog.push(v.event);
    }
    if (toLog.length === 0) return;
    const outcomes = await this.intake.process(toLog, SYSTEM_PRINCIPAL);
    outcomes.forEach((o, i) => {
      if (o.kind !== 'rejected') return;
      // A dependency down: the whole batch is retried on the next pass (the ids make the retry harmless).
      if (o.error.status >= 500) throw o.error;
      // Refused now (the dossier moved on since it was read, or a racing run logged it): nothing to do.
      const message = `${toLog[i].type} of ${toLog[i].dossierCode} not logged: ${o.error.message}`;
      // Its id taken: another worker's run logged this apology a moment earlier (its body carries its own instant).
      if (o.error.code === 'conflict') this.log.debug(message);
      else this.log.warn(message);
    });
  }
}
