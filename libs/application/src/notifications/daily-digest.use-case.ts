import { Inject, Injectable, Logger } from '@nestjs/common';
import { toLocalDate } from '@motcua/calendar';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import type { SlaState } from '@motcua/contracts';
import { WorklistRepository, type WorklistRow } from '@motcua/database';
import { digestMail, type DigestItem } from '@motcua/mail';
import { NotificationQueue } from '@motcua/queue';
import { CLOCK, type Clock } from '../clock';
import { RulesProvider } from '../rules/rules.provider';
import { MailOutbox, type OutboxRequest } from './mail-outbox';
import { unitRecipients } from './recipients';
import { dossierLink } from './staff-notifications.reactor';

/** Dossiers listed per section of a digest (the counts say how many there are, up to COUNTED). */
const LISTED = 30;
const COUNTED = 1000;

/** The cron pattern of the morning digest: the first session's start of the office hours, every day. */
export function digestPattern(config: Pick<AppConfig, 'calendar'>): string {
  const [hh, mm] = config.calendar.profile.sessions[0].start.split(':').map(Number);
  return `${mm} ${hh} * * *`;
}

/**
 * The daily digest: at the start of each working day, one mail per unit head listing the unit's overdue and
 * due-soon (due soon or apology due) open dossiers, from the worklists' projection. It runs from a BullMQ job
 * scheduler every day at the first opening; on a day the published calendar says is not a working day it sends
 * nothing. Its key is the local date, so a second run the same day mails nobody twice.
 */
@Injectable()
export class SendDailyDigest {
  private readonly log = new Logger('mail');

  constructor(
    private readonly worklists: WorklistRepository,
    private readonly rules: RulesProvider,
    private readonly outbox: MailOutbox,
    private readonly queue: NotificationQueue,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Registers the job scheduler (every worker may: it is an upsert). */
  async schedule(): Promise<string> {
    const pattern = digestPattern(this.config);
    await this.queue.scheduleDailyDigest(pattern);
    return pattern;
  }

  /** Schedules it again when Redis lost the scheduler; true when it had to. */
  async ensureScheduled(): Promise<boolean> {
    return this.queue.ensureDailyDigest(digestPattern(this.config));
  }

  /** Requests this morning's digests; returns how many were claimed now. */
  async run(): Promise<number> {
    const now = this.clock.now();
    const today = toLocalDate(now);
    const calendar = (await this.rules.snapshot()).calendars.latest();
    if (!calendar.isWorkingDay(today)) return 0;
    const requests: OutboxRequest[] = [];
    for (const unit of await this.rules.units()) {
      const recipients = unitRecipients(unit, 'head', this.config.notifications.recipients);
      if (recipients.length === 0) continue;
      const overdue = await this.rows(unit.code, ['overdue'], now);
      const dueSoon = await this.rows(unit.code, ['apology_due', 'due_soon'], now);
      if (overdue.length === 0 && dueSoon.length === 0) continue;
      const item = (r: WorklistRow): DigestItem => ({
        code: r.code,
        procedureCode: r.procedureCode,
        dueAt: r.dueAt,
        link: dossierLink(this.config.publicBaseUrl, r.code),
      });
      for (const r of recipients) {
        const c = digestMail({
          to: r.greeting,
          unitName: unit.name,
          at: now,
          overdue: overdue.slice(0, LISTED).map(item),
          dueSoon: dueSoon.slice(0, LISTED).map(item),
          counts: { overdue: overdue.length, dueSoon: dueSoon.length },
          link: `${this.config.publicBaseUrl}/api/v1/dossiers?unit=${encodeURIComponent(unit.code)}`,
        });
        requests.push({
          dossierCode: null,
          kind: 'daily_digest',
          key: today,
          to: { email: r.email, name: r.name },
          subject: c.subject,
          text: c.text,
          html: c.html,
          audience: 'staff',
          unitCode: unit.code,
        });
      }
    }
    const { claimed } = await this.outbox.requestMany(requests);
    if (claimed.length > 0) this.log.log(`daily digest of ${today}: ${claimed.length} mail(s)`);
    return claimed.length;
  }

  /** Open dossiers the unit holds in these SLA states, soonest due first. */
  private async rows(unit: string, states: SlaState[], now: number): Promise<WorklistRow[]> {
    const out: WorklistRow[] = [];
    for (const sla of states)
      out.push(...(await this.worklists.list({ scope: '*', unit, sla, limit: COUNTED, now })));
    return out.sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity));
  }
}
