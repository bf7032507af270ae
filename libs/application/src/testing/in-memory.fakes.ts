/** In-memory stand-ins for the side effects of the use cases (PostgreSQL, Redis, the clock), for unit tests only. */
import {
  eventHash,
  type AppendItem,
  type AppendResult,
  type AppliedState,
  type CalendarYearRecord,
  type IssuedDocument,
  type ProcedureDefinition,
  type ProcedureVersionRecord,
  type ProjectionRow,
  type ProjectionTransaction,
  type SettingsVersionRecord,
  type StoredEvent,
  type UnitRecord,
} from '@motcua/database';
import { calendarSettingsSchema } from '@motcua/contracts';
import type { AppConfig } from '@motcua/config';
import { deadlineTimerJobId, type DeadlineTimer, type DeadlineTimers } from '@motcua/queue';
import type { DossierFacts, RollupDelta } from '@motcua/indicators';
import { DEFAULT_SLA_SETTINGS, type Milestone } from '@motcua/sla';
import type { Clock } from '../clock';
import type { NotificationRequest } from '../notifications/notifier';
import { Rules } from '../rules/rules.provider';
import { DeadlineArming } from '../tracker/deadline-arming';

export const MC = 'LDTBXH.MC';
export const VLATLD = 'LDTBXH.VLATLD';

/** A 3-working-day procedure: desk (4 h) → division (16 h) → desk (4 h). */
export const PROCEDURE: ProcedureDefinition = {
  name: 'Thủ tục thử',
  field: 'Việc làm',
  leadUnitCode: VLATLD,
  duration: { value: 3, unit: 'working_days' },
  onlineLevel: 'full',
  feeVnd: 0,
  requiresPaperResult: false,
  supplementPolicy: 'pause_resume',
  steps: [
    { code: 'TN', name: 'Tiếp nhận', unitCode: MC, allocatedWorkingHours: 4 },
    { code: 'TD', name: 'Thẩm định', unitCode: VLATLD, allocatedWorkingHours: 16 },
    { code: 'TKQ', name: 'Trả kết quả', unitCode: MC, allocatedWorkingHours: 4 },
  ],
};

export function rulesWith(procedures: Record<string, ProcedureDefinition> = { 'P.1': PROCEDURE }): Rules {
  const map = new Map<string, ProcedureVersionRecord[]>();
  for (const [code, definition] of Object.entries(procedures))
    map.set(code, [{ code, version: 1, effectiveFrom: 0, revision: 1, definition }]);
  return publishedRules({ revision: 1, procedures: map });
}

/** The published settings of a fake: the documented defaults. */
export const DEFAULT_PUBLISHED_SETTINGS = {
  calendar: calendarSettingsSchema.parse({}),
  sla: DEFAULT_SLA_SETTINGS,
};

/**
 * A rules snapshot as RulesProvider builds it. No official schedule by default: the statutory rules (no holiday
 * falls in the weeks the tests use); settings versions as given, else the defaults as version 1 from the start.
 */
export function publishedRules(p: {
  revision: number;
  procedures?: Map<string, ProcedureVersionRecord[]>;
  calendarYears?: CalendarYearRecord[];
  settings?: SettingsVersionRecord[];
}): Rules {
  return new Rules(
    p.revision,
    p.procedures ?? new Map(),
    p.calendarYears ?? [],
    p.settings ?? [{ version: 1, effectiveFrom: 0, revision: 1, settings: DEFAULT_PUBLISHED_SETTINGS }],
    DEFAULT_PUBLISHED_SETTINGS,
  );
}

/** The RulesProvider, answering from rules a test may replace (a publication: a new revision). */
export function fixedRulesProvider(rules: Rules = rulesWith(), units: UnitRecord[] = []) {
  const provider = {
    rules,
    units: async () => units,
    snapshot: async () => provider.rules,
    forProcedures: async () => provider.rules,
  };
  return provider;
}

/** The catalogue's storage: publishes like CatalogueRepository (same-definition no-op, effectiveFrom callback). */
export class InMemoryCatalogue {
  readonly versions: ProcedureVersionRecord[] = [];
  revision = 1;

  async upsertUnit(): Promise<void> {}

  async versionsOf(code: string): Promise<ProcedureVersionRecord[]> {
    return this.versions.filter((v) => v.code === code);
  }

  async publishProcedure(
    code: string,
    definition: ProcedureDefinition,
    effectiveFrom: (latest: ProcedureVersionRecord | null) => number,
  ): Promise<ProcedureVersionRecord> {
    const latest = (await this.versionsOf(code)).at(-1) ?? null;
    if (latest && JSON.stringify(latest.definition) === JSON.stringify(definition)) return latest;
    const from = effectiveFrom(latest);
    this.revision += 1;
    const v = {
      code,
      version: (latest?.version ?? 0) + 1,
      effectiveFrom: from,
      revision: this.revision,
      definition,
    };
    this.versions.push(v);
    return v;
  }
}

export class FixedClock implements Clock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
}

type Row = StoredEvent & {
  hash: string;
  response: Record<string, unknown>;
  actor: string;
  enqueued: boolean;
};

/** The event log: append with the same answers as the group commit, without the grouping. */
export class InMemoryEventStore {
  readonly rows: Row[] = [];
  appendCalls = 0;

  async eventsOf(codes: string[]): Promise<StoredEvent[]> {
    return this.rows.filter((r) => codes.includes(r.dossierCode));
  }

  async intakeReads(codes: string[], ids: string[]) {
    return { history: await this.eventsOf(codes), recorded: await this.findByIds(ids) };
  }

  async findByIds(ids: string[]) {
    return new Map(
      this.rows.filter((r) => ids.includes(r.id)).map((r) => [r.id, { hash: r.hash, response: r.response }]),
    );
  }

  async knownDossiers(codes: string[]): Promise<Set<string>> {
    const reception = (t: string) => t === 'received' || t === 'refused_at_reception';
    return new Set(
      this.rows.filter((r) => codes.includes(r.dossierCode) && reception(r.type)).map((r) => r.dossierCode),
    );
  }

  async append(items: AppendItem[]): Promise<AppendResult[]> {
    this.appendCalls += 1;
    return items.map((item): AppendResult => {
      const e = item.event;
      const hash = item.hash ?? eventHash(e);
      const prior = this.rows.find((r) => r.id === e.id);
      if (prior)
        return prior.hash === hash
          ? { status: 'duplicate', response: prior.response }
          : { status: 'conflict' };
      const reception = (t: string) => t === 'received' || t === 'refused_at_reception';
      if (reception(e.type) && this.rows.some((r) => r.dossierCode === e.dossierCode && reception(r.type)))
        return { status: 'reception_exists' };
      this.rows.push({
        ...e,
        rulesRevision: item.rulesRevision ?? null,
        seq: String(this.rows.length + 1),
        appliedAt: null,
        hash,
        response: item.response,
        actor: item.actor,
        enqueued: false,
        lateWorkingMinutes: item.lateWorkingMinutes ?? null,
      });
      return { status: 'inserted', response: item.response };
    });
  }

  async markEnqueued(jobs: Array<{ id: string; jobId: string }>): Promise<void> {
    const ids = new Set(jobs.map((j) => j.id));
    for (const r of this.rows) if (ids.has(r.id)) r.enqueued = true;
  }
}

/** The catalogue's units (the only part of CatalogueService the intake reads). */
export class FixedCatalogue {
  constructor(readonly codes: string[] = [MC, VLATLD, 'LDTBXH.VP', 'LDTBXH.NCC']) {}

  async units() {
    return this.codes.map((code) => ({
      code,
      name: code,
      parentCode: null,
      email: null,
      kind: 'department',
      headName: null,
      headEmail: null,
    }));
  }
}

/** The daily sequences of issued dossier codes: one counter per agency and day, as the UPSERT keeps them. */
export class InMemoryCodeSequences {
  readonly last = new Map<string, number>();

  async take(agencyCode: string, day: string, count: number): Promise<number[]> {
    const key = `${agencyCode}|${day}`;
    const from = (this.last.get(key) ?? 0) + 1;
    this.last.set(key, from + count - 1);
    return Array.from({ length: count }, (_, i) => from + i);
  }
}

/** The queue producer: records what was enqueued, or fails like an unreachable Redis. */
export class RecordingQueue {
  readonly jobs: Array<{ id: string; dossierCode: string }> = [];
  failing = false;

  async enqueue(
    events: Array<{ id: string; dossierCode: string }>,
  ): Promise<Array<{ id: string; jobId: string }>> {
    if (this.failing) throw new Error('Redis is unreachable');
    this.jobs.push(...events);
    return events.map((e) => ({ id: e.id, jobId: `evt-${events[0].id}` }));
  }
}

/** The projection store: one "transaction" at a time over in-memory rows; a failure rolls nothing back. */
export class InMemoryProjections {
  readonly written = new Map<string, ProjectionRow>();
  readonly applied = new Set<string>();
  readonly locked: string[][] = [];
  /** Every rollup change the writer made, in order. */
  readonly rollups: RollupDelta[] = [];
  /** Dossier codes whose write throws (a poison dossier). */
  readonly failOn = new Set<string>();
  /** What `markApplied` answers for each event it marks (recorded → applied, seconds). */
  applyLatencySeconds = 0;

  constructor(readonly events: StoredEvent[] = []) {}

  async appliedState(ids: string[]): Promise<AppliedState> {
    return new Map(
      this.events
        .filter((e) => ids.includes(e.id))
        .map((e) => [e.id, { dossierCode: e.dossierCode, applied: this.applied.has(e.id) }]),
    );
  }

  async transaction<T>(work: (tx: ProjectionTransaction) => Promise<T>): Promise<T> {
    return work({
      lockDossiers: async (codes) => {
        this.locked.push([...codes]);
        return new Map(
          codes.flatMap((c): Array<[string, { milestones: Milestone[]; facts: DossierFacts | null }]> => {
            const row = this.written.get(c);
            return row ? [[c, { milestones: row.milestones, facts: row.facts }]] : [];
          }),
        );
      },
      eventsOf: async (codes) =>
        this.events
          .filter((e) => codes.includes(e.dossierCode))
          .map((e) => ({ ...e, appliedAt: this.applied.has(e.id) ? new Date(0) : null })),
      addToRollups: async (deltas) => {
        this.rollups.push(...deltas);
      },
      write: async (rows) => {
        // One statement in SQL: a poison row fails them all.
        const poison = rows.find((r) => this.failOn.has(r.code));
        if (poison) throw new Error(`cannot write ${poison.code}`);
        for (const row of rows) this.written.set(row.code, row);
      },
      markApplied: async (ids) => {
        const marked = ids.filter((id) => !this.applied.has(id));
        for (const id of marked) this.applied.add(id);
        return marked.map(() => this.applyLatencySeconds);
      },
    });
  }
}

let seq = 0;
/** A stored event as the log returns it. */
export function stored(
  dossierCode: string,
  type: string,
  occurredAt: string,
  data: unknown = {},
): StoredEvent {
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    dossierCode,
    type,
    occurredAt: Date.parse(occurredAt),
    data,
    seq: String(seq),
    appliedAt: null,
  };
}

/** The Notifier port: records every request, keeps one per (dossier, kind, key, recipient) as the real one does. */
export class RecordingNotifier {
  /** Every call, repeats included. */
  readonly calls: NotificationRequest[] = [];
  /** One per (dossier, kind, key, recipient): what would be sent. */
  readonly requests: NotificationRequest[] = [];

  async request(req: NotificationRequest): Promise<void> {
    this.calls.push(req);
    const recipient = (r: NotificationRequest) => ('email' in r.to ? r.to.email : `print:${r.to.print.name}`);
    const same = (r: NotificationRequest) =>
      r.dossierCode === req.dossierCode &&
      r.kind === req.kind &&
      r.key === req.key &&
      recipient(r) === recipient(req);
    if (!this.requests.some(same)) this.requests.push(req);
  }
}

/** The units of the catalogue as config/catalogue/units.json has them (the Sở, its desk and two divisions). */
export const CATALOGUE_UNITS: UnitRecord[] = [
  {
    code: 'LDTBXH',
    name: 'Sở Lao động – Thương binh và Xã hội',
    parentCode: null,
    email: null,
    kind: 'agency',
    headName: null,
    headEmail: null,
  },
  {
    code: MC,
    name: 'Bộ phận Một cửa',
    parentCode: 'LDTBXH',
    email: null,
    kind: 'one_stop',
    headName: null,
    headEmail: null,
  },
  {
    code: VLATLD,
    name: 'Phòng Việc làm – An toàn lao động',
    parentCode: 'LDTBXH',
    email: null,
    kind: 'department',
    headName: null,
    headEmail: null,
  },
  {
    code: 'LDTBXH.VP',
    name: 'Văn phòng Sở',
    parentCode: 'LDTBXH',
    email: null,
    kind: 'department',
    headName: null,
    headEmail: null,
  },
];

/** Redis's delayed jobs of the deadline tracker: one per id, as BullMQ keeps them. */
export class InMemoryTimers {
  readonly armed = new Map<string, DeadlineTimer>();
  readonly removed: string[] = [];
  failing = false;

  async arm(timers: ReadonlyArray<DeadlineTimer>): Promise<void> {
    if (this.failing) throw new Error('Redis is unreachable');
    for (const t of timers)
      if (!this.armed.has(deadlineTimerJobId(t))) this.armed.set(deadlineTimerJobId(t), t);
  }

  async disarm(timers: ReadonlyArray<Omit<DeadlineTimer, 'delayMs'>>): Promise<number> {
    if (this.failing) throw new Error('Redis is unreachable');
    let n = 0;
    for (const t of timers) {
      const id = deadlineTimerJobId(t);
      this.removed.push(id);
      if (this.armed.delete(id)) n += 1;
    }
    return n;
  }
}

/** The tracker's settings as the environment gives them by default (one hour of timers, a sweep a minute). */
/** What ApplyEvents reads of the config. */
export const INDICATORS_CONFIG = { indicators: { lateEntryHours: 24 } };

export const TRACKER_CONFIG = {
  tracker: { enabled: true, horizonMs: 3_600_000, sweepIntervalMs: 60_000 },
} as AppConfig;

/** The arming of the deadline tracker's timers over in-memory delayed jobs. */
export function inMemoryArming(
  clock: Clock,
  timers = new InMemoryTimers(),
  config: AppConfig = TRACKER_CONFIG,
): DeadlineArming {
  return new DeadlineArming(timers as unknown as DeadlineTimers, clock, config);
}

/** IssuedDocumentRepository in memory: one document per dossier, kind and key, the first kept. */
export class InMemoryIssuedDocuments {
  readonly rows: IssuedDocument[] = [];

  async store(doc: IssuedDocument, _now: number): Promise<boolean> {
    if (await this.find(doc.dossierCode, doc.kind, doc.key)) return false;
    this.rows.push(doc);
    return true;
  }

  async find(dossierCode: string, kind: string, key: string): Promise<IssuedDocument | null> {
    await Promise.resolve();
    return this.rows.find((r) => r.dossierCode === dossierCode && r.kind === kind && r.key === key) ?? null;
  }
}
