// The chaos run's load: seeded dossier lives posted at a fixed rate with client-chosen ids, every non-2xx retried
// with the same body until it is acknowledged, and the set of acknowledged ids kept for the checkers.
import { hashSeed, mulberry32 } from '../../scripts/demo/prng';

export const MC = 'LDTBXH.MC';
export const VLATLD = 'LDTBXH.VLATLD';
export const VP = 'LDTBXH.VP';
/** The catalogue's 10-working-day procedure (TN@MC → TD, DY@VLATLD → KY@VP → TKQ@MC). */
export const NORMAL_PROCEDURE = '1.014199';
/** Added by the run to its config copy: due one working hour after reception. */
export const DUE_PROCEDURE = 'CHAOS.1H';
/** Added by the run: due eight working hours after reception, so the apology deadline is today's close. */
export const APOLOGY_PROCEDURE = 'CHAOS.8H';
/** Applicants here are refused with a 5xx by the SMTP server during the SMTP-fault run. */
export const REFUSED_DOMAIN = 'tu-choi.example';
export const APPLICANT_DOMAIN = 'dan.example';

export type DossierKind = 'normal' | 'due' | 'apology';

interface EventBody {
  id: string;
  dossierCode: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

interface Step {
  type: string;
  data: Record<string, unknown>;
  /** Fixed occurredAt (a back-dated reception); otherwise the app clock when first sent. */
  at?: number;
  /** Not sent after this app instant (a result that would come after the apology deadline). */
  notAfter?: number;
}

export interface Dossier {
  code: string;
  kind: DossierKind;
  email: string | null;
  /** The due instant the plan aimed at (due kind). */
  dueTarget: number | null;
  steps: Step[];
  next: number;
  lastAt: number;
}

export interface LoadOptions {
  baseUrl: string;
  token: string;
  seed: number;
  events: number;
  rate: number;
  /** App time = real time + offset. */
  offsetMs: number;
  /** The apology deadline (today's close, app time). */
  apologyAt: number;
  /** Events per request: 1 posts each to /events, more gathers them (over at most 50 ms) for /events/batch. */
  batch: number;
  /** Share of acknowledged events resent 1–5 times, some concurrently (the duplicate storm). */
  duplicateShare: number;
  /** Gives up retrying at this real instant. */
  hardStop: number;
}

export interface LoadResult {
  dossiers: Dossier[];
  acked: Set<string>;
  /** Events answered with a 4xx that is not worth a retry: the generator or the API is wrong. */
  refused: Array<{ id: string; status: number; body: string }>;
  duplicates: {
    sent: number;
    answeredOk: number;
    refused: Array<{ id: string; status: number; body: string }>;
  };
  attempts: number;
  retries: number;
  /** Events refused as back-dated behind an event the engine logged meanwhile, logged again with a new id. */
  relogged: number;
  statuses: Record<string, number>;
  /** Real instants of the first send and of the last acknowledgement. */
  startedAt: number;
  offeredUntil: number;
  ackedUntil: number;
  /** Acknowledgements per real second since startedAt (for liveness). */
  ackTimeline: number[];
  unacked: number;
}

const RETRYABLE = (status: number) => status >= 500 || status === 408 || status === 429 || status === 0;
/** How long a batch waits to fill before it leaves anyway. */
const BATCH_WAIT_MS = 50;

interface Outgoing {
  d: Dossier;
  body: EventBody;
}
type Delivery = boolean | 'relog';
const iso = (t: number) => new Date(t).toISOString();

/** A seeded uuid-shaped id (version 4 bits set), so a run's ids are the same for the same seed. */
function seededId(rnd: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16));
  hex[12] = '4';
  hex[16] = (Math.floor(rnd() * 4) + 8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export class ChaosLoad {
  private readonly rnd: () => number;
  private readonly dossiers: Dossier[] = [];
  private readonly ready: Dossier[] = [];
  private readonly result: LoadResult;
  private sent = 0;
  private inFlight = 0;
  private planned = 0;
  private readonly ids = new Map<string, string>();
  private readonly storms = new Set<Promise<void>>();
  private dropped = 0;
  /** Bodies gathered for the next batch, and when the first of them was. */
  private held: Outgoing[] = [];
  private heldSince = 0;

  constructor(private readonly o: LoadOptions) {
    this.rnd = mulberry32(hashSeed('chaos', o.seed));
    this.result = {
      dossiers: this.dossiers,
      acked: new Set(),
      refused: [],
      duplicates: { sent: 0, answeredOk: 0, refused: [] },
      attempts: 0,
      retries: 0,
      relogged: 0,
      statuses: {},
      startedAt: 0,
      offeredUntil: 0,
      ackedUntil: 0,
      ackTimeline: [],
      unacked: 0,
    };
  }

  private appNow(): number {
    return Date.now() + this.o.offsetMs;
  }

  private applicant(i: number, refusedDomain: boolean) {
    const n = String(i).padStart(6, '0');
    const email = `cd${this.o.seed}-${n}@${refusedDomain ? REFUSED_DOMAIN : APPLICANT_DOMAIN}`;
    return {
      email,
      applicant: { name: `Nguyễn Văn Thử ${n}`, idNumber: `0010850${n.slice(1)}`, phone: `0912${n}`, email },
    };
  }

  /** A new dossier whose kind depends on where the app clock stands against the apology deadline. */
  private newDossier(): Dossier {
    const i = this.dossiers.length + 1;
    const code = `H57.12-CH${this.o.seed}-${String(i).padStart(7, '0')}`;
    const now = this.appNow();
    const roll = this.rnd();
    const room = this.o.apologyAt - now;
    const forward = { type: 'forwarded', data: { fromUnit: MC, toUnit: VLATLD, method: 'electronic' } };
    let d: Dossier;
    if (roll < 0.1 && room > 15_000) {
      // Due between 10 s from now and 5 s before the close; received one working hour (same session) earlier.
      const due = now + 10_000 + this.rnd() * Math.max(0, Math.min(room - 14_000, 600_000));
      const { applicant } = this.applicant(i, false);
      const steps: Step[] = [
        {
          type: 'received',
          at: due - 3_600_000,
          data: { procedureCode: DUE_PROCEDURE, channel: 'direct', applicant },
        },
        forward,
      ];
      if (this.rnd() < 0.3)
        steps.push({ type: 'result_ready', data: { outcome: 'approved' }, notAfter: due - 3000 });
      d = { code, kind: 'due', email: null, dueTarget: due, steps, next: 0, lastAt: 0 };
    } else if (roll < 0.2 && room > 12_000) {
      const refused = this.rnd() < 0.1;
      const { email, applicant } = this.applicant(i, refused);
      const steps: Step[] = [
        { type: 'received', data: { procedureCode: APOLOGY_PROCEDURE, channel: 'online', applicant } },
        forward,
      ];
      // Resolved well before the apology deadline: no letter may go to this applicant.
      if (this.rnd() < 0.4)
        steps.push({
          type: 'result_ready',
          data: { outcome: 'approved' },
          notAfter: this.o.apologyAt - 8_000,
        });
      d = { code, kind: 'apology', email, dueTarget: null, steps, next: 0, lastAt: 0 };
    } else {
      const { applicant } = this.applicant(i, false);
      const steps: Step[] = [
        { type: 'received', data: { procedureCode: NORMAL_PROCEDURE, channel: 'direct', applicant } },
        forward,
        {
          type: 'forwarded',
          data: { fromUnit: VLATLD, toUnit: VLATLD, stepCode: 'DY', method: 'electronic' },
        },
        { type: 'forwarded', data: { fromUnit: VLATLD, toUnit: VP, method: 'electronic' } },
        { type: 'forwarded', data: { fromUnit: VP, toUnit: MC, method: 'electronic' } },
        { type: 'result_ready', data: { outcome: 'approved' } },
        { type: 'returned', data: { method: 'desk' } },
        { type: 'rated', data: { rating: 'very_satisfied' } },
      ];
      d = { code, kind: 'normal', email: null, dueTarget: null, steps, next: 0, lastAt: 0 };
    }
    this.planned += d.steps.length;
    this.dossiers.push(d);
    return d;
  }

  /** The next body of `d` (its id seeded, its instant fixed now), or null when its life is over. */
  private nextBody(d: Dossier): EventBody | null {
    while (d.next < d.steps.length) {
      const step = d.steps[d.next];
      if (step.notAfter !== undefined && this.appNow() > step.notAfter) {
        d.steps.splice(d.next, 1);
        continue;
      }
      const key = `${d.code}#${d.next}`;
      let id = this.ids.get(key);
      if (!id) this.ids.set(key, (id = seededId(this.rnd)));
      // Strictly after the previous event: a dossier's events keep their order.
      const at = step.at ?? Math.max(this.appNow(), d.lastAt + 1);
      d.lastAt = at;
      return { id, dossierCode: d.code, type: step.type, occurredAt: iso(at), data: step.data };
    }
    return null;
  }

  private async post(body: unknown, route = 'events'): Promise<{ status: number; text: string }> {
    this.result.attempts += 1;
    try {
      const res = await fetch(`${this.o.baseUrl}/api/v1/${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.o.token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      this.result.statuses[res.status] = (this.result.statuses[res.status] ?? 0) + 1;
      return { status: res.status, text };
    } catch (err) {
      const cause =
        err instanceof Error ? `${err.message}: ${String((err as { cause?: unknown }).cause)}` : String(err);
      const key = `network ${cause.slice(0, 80)}`;
      this.result.statuses[key] = (this.result.statuses[key] ?? 0) + 1;
      return { status: 0, text: cause };
    }
  }

  /** Posts until acknowledged (2xx) or refused (a 4xx not worth retrying); false when refused or out of time. */
  private async deliver(body: EventBody, duplicate: boolean): Promise<Delivery> {
    for (let attempt = 0; ; attempt++) {
      const r = await this.post(body);
      if (r.status >= 200 && r.status < 300) return true;
      if (!RETRYABLE(r.status)) {
        // Logged while the engine logged a later event of the dossier (an apology): the officer logs it again, now.
        if (!duplicate && r.status === 422 && r.text.includes('"backdate_not_allowed"')) return 'relog';
        const list = duplicate ? this.result.duplicates.refused : this.result.refused;
        list.push({ id: body.id, status: r.status, body: r.text.slice(0, 400) });
        return false;
      }
      if (Date.now() > this.o.hardStop) return false;
      this.result.retries += 1;
      await new Promise((res) => setTimeout(res, Math.min(3000, 200 * 2 ** Math.min(attempt, 4))));
    }
  }

  /** Posts a batch until answered 200, then reads each event's result as `deliver` reads an answer. */
  private async deliverBatch(bodies: EventBody[]): Promise<Delivery[]> {
    for (let attempt = 0; ; attempt++) {
      const r = await this.post({ events: bodies }, 'events/batch');
      if (r.status === 200) {
        const { results } = JSON.parse(r.text) as {
          results: Array<{ status: string; error?: { code: string } }>;
        };
        return results.map((x, i) => {
          if (x.status === 'accepted' || x.status === 'duplicate') return true;
          if (x.error?.code === 'backdate_not_allowed') return 'relog';
          this.result.refused.push({ id: bodies[i].id, status: 422, body: JSON.stringify(x).slice(0, 400) });
          return false;
        });
      }
      if (!RETRYABLE(r.status) || Date.now() > this.o.hardStop) {
        for (const b of bodies)
          this.result.refused.push({ id: b.id, status: r.status, body: r.text.slice(0, 400) });
        return bodies.map(() => false);
      }
      this.result.retries += 1;
      await new Promise((res) => setTimeout(res, Math.min(3000, 200 * 2 ** Math.min(attempt, 4))));
    }
  }

  private ack(id: string): void {
    this.result.acked.add(id);
    const second = Math.floor((Date.now() - this.result.startedAt) / 1000);
    while (this.result.ackTimeline.length <= second) this.result.ackTimeline.push(0);
    this.result.ackTimeline[second] += 1;
    this.result.ackedUntil = Date.now();
  }

  private async storm(body: EventBody): Promise<void> {
    const copies = 1 + Math.floor(this.rnd() * 5);
    const sends: Array<Promise<void>> = [];
    for (let k = 0; k < copies; k++) {
      const delay = k === 0 ? 0 : Math.floor(this.rnd() * 2000);
      sends.push(
        new Promise<void>((r) => setTimeout(r, delay)).then(async () => {
          this.result.duplicates.sent += 1;
          if ((await this.deliver(body, true)) === true) this.result.duplicates.answeredOk += 1;
        }),
      );
    }
    await Promise.all(sends);
  }

  /** The duplicate storm also races the original: a copy may leave before the first answer. */
  private raceEarly(): boolean {
    return this.o.duplicateShare > 0 && this.rnd() < this.o.duplicateShare / 2;
  }

  private async sendOne(d: Dossier, body: EventBody): Promise<void> {
    this.inFlight += 1;
    try {
      const early = this.raceEarly();
      const racing = early ? this.storm(body) : null;
      await this.conclude(d, body, await this.deliver(body, false), early);
      await racing;
    } finally {
      this.inFlight -= 1;
    }
  }

  private async sendBatch(items: Outgoing[]): Promise<void> {
    this.inFlight += items.length;
    try {
      const early = items.map(() => this.raceEarly());
      const racing = items.flatMap((it, i) => (early[i] ? [this.storm(it.body)] : []));
      const answers = await this.deliverBatch(items.map((it) => it.body));
      await Promise.all(items.map((it, i) => this.conclude(it.d, it.body, answers[i], early[i])));
      await Promise.all(racing);
    } finally {
      this.inFlight -= items.length;
    }
  }

  /** After the first answer: logs a back-dated refusal again, then acknowledges and readies the dossier's next step. */
  private async conclude(d: Dossier, first: EventBody, answer: Delivery, early: boolean): Promise<void> {
    let body = first;
    let ok = answer;
    for (let again = 0; ok === 'relog' && again < 3; again++) {
      this.result.relogged += 1;
      this.ids.delete(`${d.code}#${d.next}`);
      const fresh = this.nextBody(d);
      // The step may no longer be due (a result past its cut-off): nothing was acknowledged, nothing is owed.
      if (!fresh) {
        this.dropped += 1;
        break;
      }
      body = fresh;
      ok = await this.deliver(body, false);
    }
    if (ok === true) {
      this.ack(body.id);
      d.next += 1;
      if (this.o.duplicateShare > 0 && !early && this.rnd() < this.o.duplicateShare / 2) {
        const late = this.storm(body);
        this.storms.add(late);
        void late.finally(() => this.storms.delete(late));
      }
      if (d.next < d.steps.length) this.ready.push(d);
    }
  }

  /** Sends what is held as one batch. */
  private flush(pending: Set<Promise<void>>): void {
    if (this.held.length === 0) return;
    const p = this.sendBatch(this.held);
    this.held = [];
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }

  /** Runs the load to its end (every event sent once and answered, or the hard stop) and returns what happened. */
  async run(): Promise<LoadResult> {
    const { events, rate } = this.o;
    this.result.startedAt = Date.now();
    const pending = new Set<Promise<void>>();
    while (this.sent < events) {
      const due = Math.min(events, Math.floor(((Date.now() - this.result.startedAt) / 1000) * rate));
      while (this.sent < due && this.inFlight < 2000) {
        let d = this.ready.shift();
        // A new dossier while the budget has room for its whole life; otherwise only lives already started.
        if (!d) {
          const waiting = this.inFlight + this.held.length;
          if (this.planned >= events && this.ready.length === 0 && waiting > 0) break;
          d = this.newDossier();
        }
        const body = this.nextBody(d);
        if (!body) continue;
        this.sent += 1;
        if (this.o.batch > 1) {
          if (this.held.length === 0) this.heldSince = Date.now();
          this.held.push({ d, body });
          if (this.held.length >= this.o.batch) this.flush(pending);
          continue;
        }
        const p = this.sendOne(d, body);
        pending.add(p);
        void p.finally(() => pending.delete(p));
      }
      if (Date.now() - this.heldSince >= BATCH_WAIT_MS) this.flush(pending);
      await new Promise((r) => setTimeout(r, 5));
    }
    this.flush(pending);
    this.result.offeredUntil = Date.now();
    while (pending.size > 0 || this.storms.size > 0) await Promise.all([...pending, ...this.storms]);
    this.result.unacked = this.sent - this.dropped - this.result.acked.size;
    return this.result;
  }
}
