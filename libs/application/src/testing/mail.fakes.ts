/** In-memory stand-ins for the mail outbox (issue 8), for unit tests only. */
import type {
  AttemptOutcome,
  AttemptResult,
  NewNotification,
  NotificationFilter,
  NotificationRecord,
  UnitRecord,
} from '@motcua/database';
import { MailDeliveryError, type OutgoingMail } from '@motcua/mail';

/** The notifications table: claim by id, an attempt under a per-row lock, the relay's reads. */
export class InMemoryNotifications {
  readonly rows = new Map<string, NotificationRecord & { jobSeen: boolean }>();
  /** Rows another process is sending now. */
  readonly locked = new Set<string>();

  async claim(rows: NewNotification[]): Promise<string[]> {
    const inserted: string[] = [];
    for (const r of rows) {
      const clash = [...this.rows.values()].some(
        (x) =>
          x.dossierCode === r.dossierCode &&
          x.kind === r.kind &&
          x.key === r.key &&
          x.recipient === r.recipient,
      );
      if (this.rows.has(r.id) || clash) continue;
      this.rows.set(r.id, {
        ...r,
        attempts: 0,
        lastError: null,
        sentAt: null,
        failedAt: null,
        loggedAt: null,
        jobSeen: false,
      });
      inserted.push(r.id);
    }
    return inserted;
  }

  async find(id: string): Promise<NotificationRecord | null> {
    return this.rows.get(id) ?? null;
  }

  async hold(id: string, notBefore: number): Promise<void> {
    const r = this.rows.get(id)!;
    if (r.status !== 'pending') return;
    r.notBefore = notBefore;
    r.jobSeen = false;
  }

  async markJobSeen(ids: string[]): Promise<void> {
    for (const id of ids) this.rows.get(id)!.jobSeen = true;
  }

  async dueWithoutJob(now: number, limit: number): Promise<string[]> {
    return [...this.rows.values()]
      .filter((r) => r.status === 'pending' && r.channel === 'email' && !r.jobSeen && r.notBefore <= now)
      .slice(0, limit)
      .map((r) => r.id);
  }

  /** Every pending row with a job: the staleness is the SQL's concern. */
  async jobsToCheck(_olderThanMs: number, limit: number): Promise<string[]> {
    return [...this.rows.values()]
      .filter((r) => r.status === 'pending' && r.channel === 'email' && r.jobSeen)
      .slice(0, limit)
      .map((r) => r.id);
  }

  async pendingWithJob(ids: string[]): Promise<string[]> {
    return ids.filter((id) => this.rows.get(id)?.status === 'pending' && this.rows.get(id)?.jobSeen);
  }

  async markChecked(ids: string[]): Promise<void> {
    // A held row (jobSeen false) stays held; the others were seen now (staleness is the SQL's concern).
    void ids;
  }

  async attempt(
    id: string,
    send: (r: NotificationRecord) => Promise<AttemptOutcome>,
  ): Promise<AttemptResult> {
    if (this.locked.has(id)) return { kind: 'busy' };
    const row = this.rows.get(id);
    if (!row) return { kind: 'missing' };
    if (row.status !== 'pending' || row.channel !== 'email') return { kind: 'settled', record: { ...row } };
    this.locked.add(id);
    try {
      row.attempts += 1;
      const outcome = await send({ ...row });
      row.status = outcome.status;
      if (outcome.status === 'sent') row.sentAt = outcome.at;
      else row.lastError = outcome.error;
      if (outcome.status === 'failed') row.failedAt = outcome.at;
      return { kind: 'attempted', record: { ...row }, outcome };
    } finally {
      this.locked.delete(id);
    }
  }

  async unlogged(limit: number): Promise<NotificationRecord[]> {
    return [...this.rows.values()]
      .filter((r) => r.loggedAt === null && (r.status === 'sent' || r.status === 'failed') && r.dossierCode)
      .slice(0, limit)
      .map((r) => ({ ...r }));
  }

  async markLogged(ids: string[]): Promise<void> {
    for (const id of ids) {
      const r = this.rows.get(id)!;
      r.loggedAt ??= 1;
    }
  }

  async list(f: NotificationFilter): Promise<NotificationRecord[]> {
    return [...this.rows.values()]
      .filter((r) => f.scope === '*' || (r.unitCode !== null && f.scope.includes(r.unitCode)))
      .filter((r) => f.dossierCode === undefined || r.dossierCode === f.dossierCode)
      .filter((r) => f.status === undefined || r.status === f.status)
      .filter((r) => f.kind === undefined || r.kind === f.kind)
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
      .filter(
        (r) =>
          !f.after ||
          r.createdAt < f.after.createdAt ||
          (r.createdAt === f.after.createdAt && r.id < f.after.id),
      )
      .slice(0, f.limit);
  }

  byKind(kind: string): NotificationRecord[] {
    return [...this.rows.values()].filter((r) => r.kind === kind);
  }
}

/** The mail queue: records jobs; `live` are the rows whose job still exists; `failing` is Redis away. */
export class RecordingNotificationQueue {
  readonly enqueued: string[] = [];
  readonly redriven: string[] = [];
  readonly live = new Set<string>();
  failing = false;
  schedules: string[] = [];

  async enqueue(ids: string[]): Promise<void> {
    if (this.failing) throw new Error('Redis is unreachable');
    for (const id of ids) {
      if (this.live.has(id)) continue;
      this.enqueued.push(id);
      this.live.add(id);
    }
  }

  /** Runs as the relay looks at the queue, after it read the rows (a job finishing in between). */
  onLook: (() => Promise<void>) | null = null;

  async withoutLiveJob(ids: string[]): Promise<string[]> {
    await this.onLook?.();
    return ids.filter((id) => !this.live.has(id));
  }

  /** Removes a finished (not live) job under each id, then enqueues. */
  async redrive(ids: string[]): Promise<void> {
    this.redriven.push(...ids);
    for (const id of ids) this.live.delete(id);
    await this.enqueue(ids);
  }

  /** The job of this row ran to its end (sent, failed, or held). */
  finish(id: string): void {
    this.live.delete(id);
  }

  async scheduleDailyDigest(pattern: string): Promise<void> {
    this.schedules.push(pattern);
  }

  async ensureDailyDigest(pattern: string): Promise<boolean> {
    if (this.schedules.at(-1) === pattern) return false;
    await this.scheduleDailyDigest(pattern);
    return true;
  }
}

/** An SMTP relay in memory: keeps what it accepted; `answer` makes it refuse (e.g. 451 or 550) instead. */
export class InMemorySmtp {
  readonly accepted: OutgoingMail[] = [];
  answer: { code: number; text: string } | null = null;
  unreachable = false;
  readonly from = 'Một cửa <motcua@motcua.example>';

  async send(mail: OutgoingMail): Promise<{ response: string }> {
    if (this.unreachable)
      throw new MailDeliveryError('ESOCKET: connect ECONNREFUSED 127.0.0.1:2525', false, null, 'ESOCKET');
    if (this.answer) {
      const { code, text } = this.answer;
      throw new MailDeliveryError(`${code} ${text}`, code >= 500 && code !== 503, code, 'EENVELOPE');
    }
    this.accepted.push(mail);
    return { response: '250 OK' };
  }
}

/** Two units of the catalogue with their mailboxes and heads. */
export const UNITS: UnitRecord[] = [
  {
    code: 'LDTBXH.MC',
    name: 'Bộ phận Một cửa',
    parentCode: null,
    email: 'motcua@motcua.example',
    kind: 'one_stop',
    headName: 'Bùi Thị Hạnh',
    headEmail: 'truongbophan.motcua@motcua.example',
  },
  {
    code: 'LDTBXH.VLATLD',
    name: 'Phòng Việc làm – An toàn lao động',
    parentCode: null,
    email: 'vieclam@motcua.example',
    kind: 'department',
    headName: 'Trần Thị Thu Hà',
    headEmail: 'truongphong.vieclam@motcua.example',
  },
];

/** A dossier of procedure P.1 (TN@MC 4 h → TD@VLATLD 16 h → TKQ@MC 4 h, 3 working days). */
export const DOSSIER = 'H57.12-250303-0001';
