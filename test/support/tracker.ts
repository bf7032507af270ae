/**
 * The deadline tracker's specs: a harness with the tracker on, the deadline_reached events as stored, and the
 * tracker's delayed jobs in Redis.
 *
 * How time runs in these specs: the apps share the test's TestClock. The sweep acts at whatever is due at the
 * clock's reading, so a spec may set the clock anywhere and call the sweep itself (`sweep(h)`, the use case the
 * job scheduler runs). A timer is a BullMQ delayed job whose delay is deadline − clock.now(), which Redis counts in
 * real time: a spec sets the clock a few seconds before a deadline and lets it run (`h.clock.run()`), so the
 * deadline comes after those real seconds, and waits for the event.
 */
import { SweepDeadlines, type SweepOutcome } from '@motcua/application';
import { DeadlineTimers, type DeadlineTimerJob } from '@motcua/queue';
import { Harness, waitFor } from './harness';

/** A long sweep interval: the job scheduler exists but never runs on its own within a spec; specs sweep by hand. */
export const HAND_SWEPT = 3_600_000;

/** The API and the worker with the deadline tracker on (a horizon of one hour, as shipped). */
export function trackerHarness(now: string, sweepIntervalMs = HAND_SWEPT, worker = true): Promise<Harness> {
  return Harness.start({
    now,
    worker,
    config: { tracker: { enabled: true, horizonMs: 3_600_000, sweepIntervalMs } },
  });
}

export interface ReachedRow {
  id: string;
  code: string;
  kind: string;
  at: number;
  stepCode: string | null;
  unitCode: string | null;
  occurredAt: number;
  appliedAt: number | null;
  actor: string;
  seq: number;
}

/** Every deadline_reached event in commit order (of one dossier, or of all). */
export async function reachedEvents(h: Harness, code?: string): Promise<ReachedRow[]> {
  const rows = await h.query<{
    id: string;
    dossier_code: string;
    data: { kind: string; at: number; stepCode?: string; unitCode?: string };
    occurred_at: Date;
    applied_at: Date | null;
    actor: string;
    seq: string;
  }>(
    `SELECT id, dossier_code, data, occurred_at, applied_at, actor, seq FROM dossier_events
      WHERE type = 'deadline_reached' AND ($1::text IS NULL OR dossier_code = $1) ORDER BY seq`,
    [code ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.dossier_code,
    kind: r.data.kind,
    at: r.data.at,
    stepCode: r.data.stepCode ?? null,
    unitCode: r.data.unitCode ?? null,
    occurredAt: r.occurred_at.getTime(),
    appliedAt: r.applied_at?.getTime() ?? null,
    actor: r.actor,
    seq: Number(r.seq),
  }));
}

/** Waits until `code` has a deadline_reached event of `kind` applied by the worker; returns it. */
export function waitForReached(
  h: Harness,
  code: string,
  kind: string,
  timeoutMs = 20_000,
): Promise<ReachedRow> {
  return waitFor(
    async () => (await reachedEvents(h, code)).find((r) => r.kind === kind && r.appliedAt !== null),
    timeoutMs,
    `${code}: deadline_reached ${kind} applied`,
  );
}

/** The sweep the job scheduler runs, run now by the spec. */
export function sweep(h: Harness): Promise<SweepOutcome> {
  return h.worker!.get(SweepDeadlines).sweep();
}

/** The tracker's delayed jobs in Redis (the armed timers), optionally of one dossier. */
export async function armedTimers(h: Harness, code?: string): Promise<DeadlineTimerJob[]> {
  const jobs = await h.worker!.get(DeadlineTimers).armed();
  return jobs.filter((j) => code === undefined || j.dossierCode === code).sort((a, b) => a.at - b.at);
}

/** A published procedure based on the shipped 1.014200 (TN 4 h → TD 12 h → DY 2 h → KY 2 h → TKQ 4 h). */
export async function publishProcedure(
  h: Harness,
  code: string,
  changes: Record<string, unknown>,
): Promise<void> {
  const admin = await h.admin();
  const {
    code: _c,
    version: _v,
    effectiveFrom: _e,
    versions: _vs,
    ...definition
  } = (await h.get('/api/v1/procedures/1.014200', admin)).body;
  const put = await h.put(`/api/v1/procedures/${code}`, { ...definition, ...changes }, admin);
  if (put.status !== 200) throw new Error(`PUT procedure ${code}: ${put.status} ${put.text}`);
}

/** ISO 8601 in Vietnam time, as the API answers. */
export const iso = (t: number): string =>
  new Date(t + 7 * 3_600_000)
    .toISOString()
    .replace(/\.000Z$/, '+07:00')
    .replace(/Z$/, '+07:00');
