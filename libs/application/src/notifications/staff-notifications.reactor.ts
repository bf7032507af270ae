import { Inject, Injectable, Logger } from '@nestjs/common';
import { formatInstant } from '@motcua/calendar';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import type { DeadlineKind, DossierEventType } from '@motcua/contracts';
import { EventStore, type StoredEvent, type UnitRecord } from '@motcua/database';
import { staffMail, type DossierFacts, type MailContent } from '@motcua/mail';
import { OPEN_STATUSES, type DossierState } from '@motcua/sla';
import { CLOCK, type Clock } from '../clock';
import { foldStored } from '../dossiers/dossier-fold';
import type { Reactor } from '../reactions/reactor';
import { RulesProvider, type Rules } from '../rules/rules.provider';
import { MailOutbox, type OutboxRequest } from './mail-outbox';
import { unitRecipients, type Recipient } from './recipients';

type DeadlineData = { kind: DeadlineKind; at: number | string; stepCode?: string; unitCode?: string };
type ApologyDraftData = { responsibleUnit: string; proposedNewDueAt: number | string };

const instant = (t: number | string) => (typeof t === 'number' ? t : Date.parse(t));

/** The link to a dossier in a mail. */
export function dossierLink(baseUrl: string, code: string): string {
  return `${baseUrl}/api/v1/dossiers/${encodeURIComponent(code)}`;
}

/**
 * The staff mails, as a reactor over applied events (once per event, recorded by the ReactorRunner):
 * - `deadline_reached` warning → due soon, to the unit holding the dossier;
 * - `deadline_reached` due → overdue, to the holding unit and the receiving desk;
 * - `deadline_reached` step_due → a step overdue, to that step's unit;
 * - `deadline_reached` rescheduled_due → the re-appointment missed, to the holding unit and the desk;
 * - `apology_drafted` → the apology awaiting signature, to the head of the responsible unit.
 * A unit's recipients are its mailbox and its head (the head alone for a signature), or the mailboxes of
 * `notifications.recipients` for that unit. Nothing is mailed about a dossier that has closed meanwhile, nor for
 * a step that has ended. Each mail's key is the deadline it is about, so an event seen twice mails once.
 */
@Injectable()
export class StaffNotificationsReactor implements Reactor {
  static readonly NAME = 'mail';
  readonly name = StaffNotificationsReactor.NAME;
  readonly types: readonly DossierEventType[] = ['deadline_reached', 'apology_drafted'];
  private readonly log = new Logger('mail');

  constructor(
    private readonly store: EventStore,
    private readonly rules: RulesProvider,
    private readonly outbox: MailOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async react(events: StoredEvent[]): Promise<void> {
    const codes = [...new Set(events.map((e) => e.dossierCode))];
    const history = new Map<string, StoredEvent[]>();
    for (const e of await this.store.eventsOf(codes))
      history.set(e.dossierCode, [...(history.get(e.dossierCode) ?? []), e]);
    const rules = await this.rules.snapshot();
    const units = new Map((await this.rules.units()).map((u) => [u.code, u]));
    const now = this.clock.now();
    const requests: OutboxRequest[] = [];
    for (const e of events) {
      const own = history.get(e.dossierCode) ?? [];
      if (own.length === 0) continue;
      requests.push(...this.mailsOf(e, foldStored(own, rules, now).state, rules, units, now));
    }
    await this.outbox.requestMany(requests);
  }

  private mailsOf(
    e: StoredEvent,
    s: DossierState,
    rules: Rules,
    units: ReadonlyMap<string, UnitRecord>,
    now: number,
  ): OutboxRequest[] {
    if (!OPEN_STATUSES.has(s.status)) return [];
    const facts = this.factsOf(e.dossierCode, s, rules, units);
    const desk = s.steps[0]?.unitCode ?? null;
    const mails = (
      unitCodes: Array<string | null>,
      who: 'unit' | 'head',
      kind: string,
      key: string,
      content: (to: string) => MailContent,
    ) => this.requests(e.dossierCode, unitCodes, who, kind, key, content, units);

    if (e.type === 'apology_drafted') {
      const d = e.data as ApologyDraftData;
      const proposed = instant(d.proposedNewDueAt);
      const responsible = units.get(d.responsibleUnit)?.name ?? d.responsibleUnit;
      return mails(
        [d.responsibleUnit],
        'head',
        'apology_awaiting_signature',
        `${d.responsibleUnit}@${formatInstant(proposed)}`,
        (to) =>
          staffMail({
            kind: 'apology_awaiting_signature',
            to,
            dossier: facts,
            responsibleUnit: responsible,
            proposedNewDueAt: proposed,
          }),
      );
    }
    if (e.type !== 'deadline_reached') return [];
    const d = e.data as DeadlineData;
    const key = `${d.kind}@${formatInstant(instant(d.at))}${d.stepCode ? `#${d.stepCode}` : ''}`;
    switch (d.kind) {
      case 'warning':
        // Acted at late (the worker was down): once the due instant has passed, the overdue mail says it all.
        if (s.dueAt !== null && s.dueAt <= now) return [];
        return mails([s.unitCode], 'unit', 'due_soon', key, (to) =>
          staffMail({ kind: 'due_soon', to, dossier: facts }),
        );
      case 'due':
        return mails([s.unitCode, desk], 'unit', 'overdue', key, (to) =>
          staffMail({ kind: 'overdue', to, dossier: facts }),
        );
      case 'step_due': {
        // The step still running under that code; one that has ended needs no reminder.
        const step = [...s.steps].reverse().find((st) => st.code === d.stepCode && st.endedAt === null);
        if (!step) return [];
        const name = rules
          .procedureAt(s.procedureCode ?? '', s.receivedAt ?? 0)
          ?.definition.steps.find((x) => x.code === step.code)?.name;
        return mails([d.unitCode ?? step.unitCode], 'unit', 'step_overdue', key, (to) =>
          staffMail({
            kind: 'step_overdue',
            to,
            dossier: facts,
            step: { code: step.code, name: step.name ?? name ?? null, dueAt: step.dueAt },
          }),
        );
      }
      case 'rescheduled_due':
        return mails([s.unitCode, desk], 'unit', 'reappointment_missed', key, (to) =>
          staffMail({
            kind: 'reappointment_missed',
            to,
            dossier: facts,
            rescheduledDueAt: s.rescheduledDueAt,
          }),
        );
      case 'apology_deadline':
      case 'supplement_deadline':
      case 'reception_deadline':
        return [];
    }
  }

  /** One request per recipient of each unit (a recipient shared by two units gets one mail). */
  private requests(
    dossierCode: string,
    unitCodes: Array<string | null>,
    who: 'unit' | 'head',
    kind: string,
    key: string,
    content: (to: string) => MailContent,
    units: ReadonlyMap<string, UnitRecord>,
  ): OutboxRequest[] {
    const out: OutboxRequest[] = [];
    const seen = new Set<string>();
    for (const code of new Set(unitCodes.filter((c): c is string => !!c))) {
      const unit = units.get(code);
      const recipients: Recipient[] = unit
        ? unitRecipients(unit, who, this.config.notifications.recipients)
        : [];
      if (recipients.length === 0) this.log.warn(`${kind} of ${dossierCode}: unit ${code} has no mailbox`);
      for (const r of recipients) {
        if (seen.has(r.email)) continue;
        seen.add(r.email);
        const c = content(r.greeting);
        out.push({
          dossierCode,
          kind,
          key,
          to: { email: r.email, name: r.name },
          subject: c.subject,
          text: c.text,
          html: c.html,
          audience: 'staff',
          unitCode: code,
        });
      }
    }
    return out;
  }

  private factsOf(
    code: string,
    s: DossierState,
    rules: Rules,
    units: ReadonlyMap<string, UnitRecord>,
  ): DossierFacts {
    const version =
      s.procedureCode && s.receivedAt !== null ? rules.procedureAt(s.procedureCode, s.receivedAt) : null;
    return {
      code,
      procedureCode: s.procedureCode,
      procedureName: version?.definition.name ?? null,
      applicantName: s.applicant?.name ?? null,
      dueAt: s.dueAt,
      holdingUnit: s.unitCode ? (units.get(s.unitCode)?.name ?? s.unitCode) : null,
      link: dossierLink(this.config.publicBaseUrl, code),
    };
  }
}
