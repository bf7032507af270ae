import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import type { DossierEventType } from '@motcua/contracts';
import { apologyNotice } from '@motcua/documents';
import { EventStore, IssuedDocumentRepository, type StoredEvent } from '@motcua/database';
import type { ApologyLetter } from '@motcua/sla';
import { CLOCK, type Clock } from '../clock';
import { storeIssuedApology } from '../documents/issued-documents';
import { Notifier, type NotificationRequest } from '../notifications/notifier';
import type { Reactor } from '../reactions/reactor';
import { RulesProvider } from '../rules/rules.provider';
import { letterViewOf, readDossiers, type DossierRecord } from './dossier-record';

/** The letter an `apology_issued` event issued, as the fold recorded it (none when the fold rejected the event). */
function letterOf(record: DossierRecord, e: StoredEvent): ApologyLetter | null {
  const s = record.fold.state;
  const entry = s.timeline.find((t) => t.id === e.id);
  if (entry?.status !== 'applied' || !s.apology || s.apology.issuedAt === null) return null;
  const data = e.data as { newDueAt: number };
  const letters = [s.apology as ApologyLetter, ...s.apology.later];
  return letters.find((l) => l.issuedAt === e.occurredAt && l.newDueAt === data.newDueAt) ?? null;
}

/**
 * Issue 8, §5.4 step 5: every issued apology goes to the applicant with the letter attached as a PDF — by mail,
 * or into the print queue when the applicant gave no mailbox. Issue 9: the letter's PDF and HTML are stored as
 * sent (issued_documents), and what is attached is the stored PDF. One request per `apology_issued` event (its id is the request's key, so a reactor that sees the
 * event again asks for nothing new). Without a Notifier bound (the mail capability binds one), it reacts to
 * nothing: the letters wait for it rather than being marked sent.
 */
@Injectable()
export class ApologyLetterSender implements Reactor {
  static readonly NAME = 'apology-letters';
  readonly name = ApologyLetterSender.NAME;
  readonly types: readonly DossierEventType[];

  constructor(
    private readonly store: EventStore,
    private readonly rules: RulesProvider,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly issued: IssuedDocumentRepository,
    @Optional() private readonly notifier?: Notifier,
  ) {
    this.types = notifier ? ['apology_issued'] : [];
  }

  async react(events: StoredEvent[]): Promise<void> {
    if (!this.notifier) throw new Error('no Notifier is bound');
    const issued = events.filter((e) => e.type === 'apology_issued');
    const now = this.clock.now();
    const dossiers = await readDossiers(
      this.store,
      this.rules,
      [...new Set(issued.map((e) => e.dossierCode))],
      now,
    );
    for (const e of issued) {
      const record = dossiers.get(e.dossierCode);
      const request = record && (await this.requestOf(record, e, now));
      if (request) await this.notifier.request(request);
    }
  }

  /** The mail (or printed letter) for one issued apology; null when the fold did not keep the letter. */
  private async requestOf(
    record: DossierRecord,
    e: StoredEvent,
    now: number,
  ): Promise<NotificationRequest | null> {
    const letter = letterOf(record, e);
    if (!letter) return null;
    const view = letterViewOf(record, this.config, now, letter);
    if (!view) return null;
    const stored = await storeIssuedApology(this.issued, view, e.id, now);
    const notice = apologyNotice(view);
    const a = view.addressee;
    return {
      dossierCode: record.code,
      kind: 'apology_letter',
      key: e.id,
      to: a.email
        ? { email: a.email, name: a.name }
        : { print: { name: a.name, ...(a.address ? { address: a.address } : {}) } },
      subject: notice.subject,
      text: notice.text,
      attachments: [
        {
          filename: notice.filename.replace(/\.html$/, '.pdf'),
          contentType: 'application/pdf',
          content: stored.pdf.toString('base64'),
          encoding: 'base64',
        },
      ],
      audience: 'applicant',
    };
  }
}
