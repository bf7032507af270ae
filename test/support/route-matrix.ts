/**
 * The authorisation matrix's vocabulary (issue 12): who calls (no token, each role in the dossier's unit, in another
 * unit and at the receiving desk, and the all-units accounts), what a route's rule is, and what each caller must get.
 */
import { REACTORS, type Reactor } from '@motcua/application';
import { DESK_EVENTS, EVENT_ROLES, ROLES, type DossierEventType, type Role } from '@motcua/contracts';
import { ReactionRepository } from '@motcua/database';
import { event, type EventBody, MC, received, VLATLD } from './events';
import { uuid, waitFor } from './wait';
import type { Harness } from './harness';
import { storeState } from './store-state';

export const NCC = 'LDTBXH.NCC';

/** The fixtures' dossiers are held by VLATLD (own), were received at MC (desk); NCC never sees them (other). */
export const SCOPES = { own: [VLATLD], other: [NCC], desk: [MC] } as const;

export interface Caller {
  name: string;
  role: Role | null;
  units: string[];
}

export const ANONYMOUS: Caller = { name: 'anonymous', role: null, units: [] };

/** Every caller: no token, each role × scope, and the accounts of every unit ('*'), the bootstrap admin's kind. */
export const CALLERS: Caller[] = [
  ANONYMOUS,
  ...ROLES.flatMap((role) =>
    Object.entries(SCOPES).map(([scope, units]) => ({ name: `${role}.${scope}`, role, units: [...units] })),
  ),
  { name: 'manager.all', role: 'manager', units: ['*'] },
  // An officer of every unit is still an officer: reports and indicators stay closed to it.
  { name: 'officer.all', role: 'officer', units: ['*'] },
  { name: 'admin', role: 'admin', units: ['*'] },
];

const seesUnit = (c: Caller, unit: string) => c.units.includes('*') || c.units.includes(unit);

/** A route's authorisation rule, as the controllers and use cases state it. */
export type Access =
  /** No token needed: every caller gets the same answer. */
  | { kind: 'public' }
  /** Prometheus' own token (METRICS_TOKEN): a user's token opens nothing there. */
  | { kind: 'metrics-token' }
  /** Any valid user token. */
  | { kind: 'authenticated' }
  /** These roles, whatever their units; 403 for the others. */
  | { kind: 'roles'; roles: Role[] }
  /** A dossier's read: 404 unless one of the caller's units is on its route (its existence is not revealed). */
  | { kind: 'dossier'; route: string[] }
  /** A report on `unit`: `all` roles read every unit, `own` roles their units only; 403 otherwise. */
  | { kind: 'readers'; all: Role[]; own: readonly Role[]; unit: string }
  /** POST /events: the role × event × unit table, generated below. */
  | { kind: 'events' };

/** The status `caller` must get from a route whose rule is `access` and whose success answers `ok`. */
export function expectedStatus(access: Access, caller: Caller, ok: number): number {
  if (access.kind === 'public') return ok;
  if (access.kind === 'metrics-token') return 401;
  if (caller.role === null) return 401;
  switch (access.kind) {
    case 'authenticated':
      return ok;
    case 'roles':
      return access.roles.includes(caller.role) ? ok : 403;
    case 'dossier':
      return access.route.some((u) => seesUnit(caller, u)) ? ok : 404;
    case 'readers':
      if (access.all.includes(caller.role)) return ok;
      return access.own.includes(caller.role) && seesUnit(caller, access.unit) ? ok : 403;
    case 'events':
      throw new Error('POST /events has its own generated matrix');
  }
}

/**
 * May `caller` log `type` on a dossier received at MC and held by VLATLD (a new one at MC for a reception)? Read off
 * EVENT_ROLES and DESK_EVENTS and the README's unit-scope column, not through `mayLog`, so that the two can disagree.
 */
export function eventStatus(type: DossierEventType, caller: Caller): 202 | 401 | 403 {
  if (caller.role === null) return 401;
  if (!EVENT_ROLES[type].includes(caller.role)) return 403;
  if (caller.units.includes('*')) return 202;
  if (type === 'received' || type === 'refused_at_reception') return caller.units.includes(MC) ? 202 : 403;
  if (caller.units.includes(VLATLD)) return 202;
  return DESK_EVENTS.has(type) && caller.units.includes(MC) ? 202 : 403;
}

/** Waits until the worker has applied every event, run every reaction, and the store has stopped changing. */
export async function settled(h: Harness): Promise<void> {
  await h.waitForAllApplied();
  if (h.worker) {
    // A reaction not yet run (an apology letter to store) would change the store under a later assertion.
    const reactors = h.worker.get<Reactor[]>(REACTORS);
    const reactions = h.worker.get(ReactionRepository);
    await waitFor(
      async () => {
        for (const r of reactors) if ((await reactions.pending(r.name, r.types, 1)).length > 0) return false;
        return true;
      },
      30_000,
      'every reaction to run',
    );
  }
  let last = JSON.stringify(await storeState(h));
  await waitFor(
    async () => {
      await new Promise((r) => setTimeout(r, 300));
      const now = JSON.stringify(await storeState(h));
      const same = now === last;
      last = now;
      return same;
    },
    30_000,
    'the store to settle',
  );
}

/** A letter to print (never mailed, never relayed), as the outbox stores one: what GET /notifications lists. */
export async function printLetter(
  h: Harness,
  n: { id: string; dossier: string | null; unit: string | null },
): Promise<void> {
  await h.query(
    `INSERT INTO notifications (id, dossier_code, kind, key, recipient, channel, audience, unit_code, subject,
       body_text, status, not_before, created_at, job_seen_at, logged_at)
     VALUES ($1, $2, 'matrix_letter', $4, 'Phòng thử nghiệm', 'print', 'staff', $3, 'Thư', 'Thư', 'to_print',
       now(), now(), now(), now())`,
    [n.id, n.dossier, n.unit, `matrix:${n.id}`],
  );
}

/** Every operation of the served OpenAPI document, as `METHOD /path/{param}`. */
export async function documentedOperations(h: Harness): Promise<string[]> {
  const res = await h.get<{ paths: Record<string, Record<string, unknown>> }>('/docs-json');
  if (res.status !== 200) throw new Error(`/docs-json: ${res.status}`);
  return Object.entries(res.body.paths)
    .flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    )
    .sort();
}

// ---- the events' data

export const PAID = { amountVnd: 600000, method: 'offline' };
export const REASON = { reason: 'Lý do thử nghiệm ma trận phân quyền' };
export const APOLOGY = {
  reason: 'Chờ ý kiến của cơ quan phối hợp',
  newDueAt: '2025-07-28T17:00:00+07:00',
  signer: { name: 'Lê Văn Cường', title: 'Trưởng phòng' },
  responsibleUnit: VLATLD,
};

/** Per event type: the history it needs after reception at MC and forwarding to VLATLD, and the event itself. */
export const AT = '2025-07-17T10:00:00+07:00';
const BEFORE = (days: number) => `2025-07-${17 - days}T10:00:00+07:00`;
const NOTIFIED = { notificationId: uuid(), kind: 'apology_letter', recipient: 'dan@example.vn' };
export const EVENT_CASES: Record<
  DossierEventType,
  { prelude?: (c: string) => EventBody[]; data: Record<string, unknown> }
> = {
  received: { data: received('x', AT).data },
  refused_at_reception: { data: { ...received('x', AT).data, ...REASON } },
  forwarded: { data: { fromUnit: VLATLD, toUnit: 'LDTBXH.VP', method: 'electronic' } },
  supplement_requested: { data: REASON },
  supplement_received: {
    prelude: (c) => [event(c, 'supplement_requested', BEFORE(2), REASON)],
    data: {},
  },
  obligation_requested: { data: { amountVnd: 100000 } },
  obligation_fulfilled: {
    prelude: (c) => [event(c, 'obligation_requested', BEFORE(2), { amountVnd: 100000 })],
    data: { amountVnd: 100000 },
  },
  paid: { data: PAID },
  digitized: { data: {} },
  apology_issued: { data: APOLOGY },
  result_ready: { data: { outcome: 'approved' } },
  returned: {
    prelude: (c) => [event(c, 'result_ready', BEFORE(2), { outcome: 'approved' })],
    data: { method: 'desk' },
  },
  withdrawn: { data: REASON },
  stopped: { data: REASON },
  rated: {
    prelude: (c) => [
      event(c, 'result_ready', BEFORE(2), { outcome: 'approved' }),
      event(c, 'returned', BEFORE(1), { method: 'desk' }),
    ],
    data: { rating: 'very_satisfied' },
  },
  rules_rebased: { data: REASON },
  deadline_reached: { data: { kind: 'due', at: AT } },
  apology_drafted: { data: { responsibleUnit: VLATLD, proposedNewDueAt: APOLOGY.newDueAt } },
  notification_sent: { data: { ...NOTIFIED, messageId: '<matrix@example.vn>' } },
  notification_failed: { data: { ...NOTIFIED, error: '550 no such mailbox' } },
};
