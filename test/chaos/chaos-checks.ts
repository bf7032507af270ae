// The chaos checkers C1–C5, run after the quiet period against the run's database, mails and samples.
import { isDeepStrictEqual } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { RulesProvider, factsOfFold, foldStored } from '@motcua/application';
import type { AppConfig } from '@motcua/config';
import { IndicatorRepository, readEvents } from '@motcua/database';
import { timelessState } from '@motcua/sla';
import type { ReceivedMail } from '../support/smtp-server';
import { type Dossier, type LoadResult, REFUSED_DOMAIN } from './chaos-load';

export interface Check {
  name: string;
  passed: boolean;
  detail: Record<string, unknown>;
}

export interface Sample {
  at: number;
  total: number;
  unapplied: number;
}

export interface FaultWindow {
  name: string;
  start: number;
  end: number;
}

const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

function quantiles(values: number[]): {
  n: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
} {
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : null);
  return { n: s.length, p50: q(0.5), p99: q(0.99), max: s.length ? s[s.length - 1] : null };
}

/** C1: every acknowledged id is in the event table. */
export async function noLoss(db: Pool, load: LoadResult): Promise<Check> {
  const ids = [...load.acked];
  let found = 0;
  for (let i = 0; i < ids.length; i += 5000) {
    const { rows } = await db.query<{ n: string }>(
      'SELECT count(*) AS n FROM dossier_events WHERE id = ANY($1::uuid[])',
      [ids.slice(i, i + 5000)],
    );
    found += Number(rows[0].n);
  }
  const missing = ids.length - found;
  return {
    name: 'C1 no loss',
    passed: missing === 0 && load.refused.length === 0 && load.unacked === 0,
    detail: {
      acknowledged: ids.length,
      missing,
      unacknowledged: load.unacked,
      refusedByApi: load.refused.slice(0, 5),
      refusedCount: load.refused.length,
    },
  };
}

/** C2: every event applied once; every projection row equals a fresh fold of its events; rollups recompute. */
export async function noDoubleApply(
  db: Pool,
  ctx: INestApplicationContext,
  config: AppConfig,
  now: number,
): Promise<Check> {
  const unapplied = Number(
    (await db.query<{ n: string }>('SELECT count(*) AS n FROM dossier_events WHERE applied_at IS NULL'))
      .rows[0].n,
  );
  const rules = await ctx.get(RulesProvider).snapshot();
  const source = ctx.get(DataSource);
  const codes = (
    await db.query<{ code: string }>('SELECT DISTINCT dossier_code AS code FROM dossier_events')
  ).rows.map((r) => r.code);
  const differing: string[] = [];
  const missingRows: string[] = [];
  const doubled: string[] = [];
  for (let i = 0; i < codes.length; i += 500) {
    const chunk = codes.slice(i, i + 500);
    const rows = new Map(
      (
        await db.query<{ code: string; state: unknown; facts: unknown; applied_seq: string }>(
          'SELECT code, state, facts, applied_seq FROM dossiers WHERE code = ANY($1)',
          [chunk],
        )
      ).rows.map((r) => [r.code, r]),
    );
    const events = await readEvents(source, chunk);
    for (const code of chunk) {
      const own = events.filter((e) => e.dossierCode === code);
      const row = rows.get(code);
      if (!row) {
        missingRows.push(code);
        continue;
      }
      const fold = foldStored(own, rules, now);
      const ids = (fold.state.timeline as Array<{ id: string }>).map((t) => t.id);
      if (new Set(ids).size !== ids.length) doubled.push(code);
      const maxSeq = own.reduce((m, e) => (BigInt(e.seq) > m ? BigInt(e.seq) : m), 0n).toString();
      const facts = factsOfFold(fold, own, rules, config.indicators).facts;
      if (
        !isDeepStrictEqual(json(timelessState(fold.state)), json(row.state)) ||
        !isDeepStrictEqual(json(facts), json(row.facts)) ||
        row.applied_seq !== maxSeq
      )
        differing.push(code);
    }
  }
  const rollups = await ctx.get(IndicatorRepository).drift();
  return {
    name: 'C2 no double apply',
    passed:
      unapplied === 0 &&
      differing.length === 0 &&
      missingRows.length === 0 &&
      doubled.length === 0 &&
      rollups.length === 0,
    detail: {
      dossiers: codes.length,
      unapplied,
      differing: differing.length,
      differingSample: differing.slice(0, 5),
      missingRows: missingRows.length,
      timelineDuplicates: doubled.length,
      rollupDrift: rollups.length,
    },
  };
}

/** C3: every open dossier past due is flagged; flag delay (acting instant − deadline) by path. */
export async function deadlinesNoticed(db: Pool, now: number): Promise<Check> {
  const { rows: unflagged } = await db.query<{ code: string }>(
    `SELECT d.code FROM dossiers d
      WHERE d.is_open AND NOT d.is_paused AND d.due_at <= $1
        AND NOT EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_code = d.code
                          AND e.type = 'deadline_reached' AND e.data->>'kind' = 'due')`,
    [new Date(now)],
  );
  const { rows } = await db.query<{ kind: string; via: string | null; delay: string }>(
    `SELECT data->>'kind' AS kind, data->>'via' AS via,
            extract(epoch FROM occurred_at) * 1000 - (data->>'at')::numeric AS delay
       FROM dossier_events WHERE type = 'deadline_reached'`,
  );
  const { rows: pastDue } = await db.query<{ n: string }>(
    'SELECT count(*) AS n FROM dossiers WHERE is_open AND NOT is_paused AND due_at <= $1',
    [new Date(now)],
  );
  const delays = (pred: (r: (typeof rows)[number]) => boolean) =>
    quantiles(rows.filter(pred).map((r) => Math.round(Number(r.delay))));
  return {
    name: 'C3 deadlines noticed',
    passed: unflagged.length === 0,
    detail: {
      openPastDue: Number(pastDue[0].n),
      unflagged: unflagged.length,
      unflaggedSample: unflagged.slice(0, 5).map((r) => r.code),
      dueFlagDelayMs: {
        timer: delays((r) => r.kind === 'due' && r.via === 'timer'),
        sweep: delays((r) => r.kind === 'due' && r.via === 'sweep'),
      },
    },
  };
}

/**
 * C4: one apology per dossier that needs one, one accepted message (one Message-ID) per letter, none for a dossier
 * whose result was recorded before its apology deadline. `apologyAtReal` is that deadline on the real clock.
 */
export async function exactlyOneApology(
  db: Pool,
  dossiers: Dossier[],
  mails: ReceivedMail[],
  apologyAtReal: number,
  domainRefused: boolean,
): Promise<Check> {
  const { rows } = await db.query<{ code: string; type: string; recorded_at: Date; actor: string }>(
    `SELECT dossier_code AS code, type, recorded_at, actor FROM dossier_events
      WHERE type IN ('apology_issued', 'result_ready', 'notification_failed')`,
  );
  const byCode = new Map<string, typeof rows>();
  for (const r of rows) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
  const idsByRecipient = new Map<string, Set<string>>();
  for (const m of mails)
    for (const to of m.rcptTo)
      idsByRecipient.set(
        to.toLowerCase(),
        (idsByRecipient.get(to.toLowerCase()) ?? new Set()).add(m.messageId ?? ''),
      );
  const problems: string[] = [];
  let needed = 0;
  let letters = 0;
  let resends = 0;
  for (const d of dossiers) {
    if (!d.email) continue;
    const own = byCode.get(d.code) ?? [];
    const apologies = own.filter((r) => r.type === 'apology_issued').length;
    const result = own.find((r) => r.type === 'result_ready');
    const ids = idsByRecipient.get(d.email.toLowerCase()) ?? new Set<string>();
    const refused = domainRefused && d.email.endsWith(`@${REFUSED_DOMAIN}`);
    if (apologies > 1) problems.push(`${d.code}: ${apologies} apologies`);
    if (d.kind === 'apology') {
      const resolvedBefore = result !== undefined && result.recorded_at.getTime() < apologyAtReal;
      if (resolvedBefore && apologies > 0)
        problems.push(`${d.code}: apology although resolved before its deadline`);
      if (!result && apologies !== 1)
        problems.push(`${d.code}: open at its apology deadline, ${apologies} apologies`);
      if (!result) needed += 1;
    }
    if (refused) {
      if (ids.size > 0) problems.push(`${d.code}: a message accepted for a refused domain`);
      if (apologies === 1 && !own.some((r) => r.type === 'notification_failed'))
        problems.push(`${d.code}: letter refused with 5xx but no notification_failed`);
      continue;
    }
    if (ids.size !== apologies)
      problems.push(`${d.code}: ${apologies} apologies, ${ids.size} distinct letters`);
    letters += ids.size;
  }
  for (const m of mails) if (m.rcptTo.some((to) => to.includes('@dan.example'))) resends += 1;
  return {
    name: 'C4 exactly one apology',
    passed: problems.length === 0,
    detail: {
      needed,
      letters,
      messagesToApplicants: resends,
      problems: problems.length,
      sample: problems.slice(0, 8),
      // What the engine holds for the first problem dossiers: enough to tell a late letter from a lost one.
      trail: await trailOf(
        db,
        problems.slice(0, 3).map((p) => p.split(':')[0]),
      ),
    },
  };
}

/** A dossier's events and applicant notifications, with their instants, for a failed check's report. */
async function trailOf(db: Pool, codes: string[]): Promise<Record<string, unknown>> {
  if (codes.length === 0) return {};
  const events = await db.query<{ code: string; type: string; recorded_at: Date; applied_at: Date | null }>(
    `SELECT dossier_code AS code, type, recorded_at, applied_at FROM dossier_events
      WHERE dossier_code = ANY($1) ORDER BY seq`,
    [codes],
  );
  const notes = await db.query<Record<string, unknown> & { code: string }>(
    `SELECT dossier_code AS code, kind, status, attempts, last_error, message_id, created_at, sent_at, failed_at,
            logged_at FROM notifications WHERE dossier_code = ANY($1) AND audience = 'applicant'`,
    [codes],
  );
  const trail: Record<string, unknown> = {};
  for (const code of codes)
    trail[code] = {
      events: events.rows
        .filter((e) => e.code === code)
        .map((e) => `${e.type} ${e.recorded_at.toISOString()} applied ${e.applied_at?.toISOString() ?? '-'}`),
      notifications: notes.rows.filter((n) => n.code === code).map(({ code: _c, ...n }) => n),
    };
  return trail;
}

/** The end of the chain of windows overlapping `w` (a window that starts before the chain ends joins it). */
function episodeEnd(w: FaultWindow, windows: FaultWindow[]): number {
  let start = w.start;
  let end = w.end;
  for (let grown = true; grown;) {
    grown = false;
    for (const o of windows)
      if (o.start <= end && o.end >= start && (o.start < start || o.end > end)) {
        start = Math.min(start, o.start);
        end = Math.max(end, o.end);
        grown = true;
      }
  }
  return end;
}

/** Events applied per second over the 3 s before this sample (0 when no earlier sample is that close). */
function appliedRateAt(samples: Sample[], s: Sample): number {
  const back = samples.find((p) => p.at >= s.at - 3000 && p.at < s.at);
  return back && s.at > back.at
    ? (s.total - s.unapplied - (back.total - back.unapplied)) / ((s.at - back.at) / 1000)
    : 0;
}

/**
 * What the engine applied before the first fault: the median 3-s rate from 5 s into the load. On a machine that
 * cannot keep up with the offered rate (the full size on two cores) this is its throughput under that load.
 */
export function throughputBeforeFaults(
  samples: Sample[],
  loadStart: number,
  firstFault: number,
): number | null {
  const rates = samples
    .filter((s) => s.at >= loadStart + 5000 && s.at < firstFault)
    .map((s) => appliedRateAt(samples, s))
    .sort((a, b) => a - b);
  return rates.length < 5 ? null : rates[Math.floor(rates.length / 2)];
}

/**
 * C5: after each fault, how long until throughput is back (or there is no backlog once the load is over), and the
 * worst apply latency of events recorded during the fault and its recovery. "Back": when the engine kept up with
 * the offered rate before the faults, it applies ≥ 90% of that rate again with the backlog drained; when it did not
 * (a saturated machine), it applies ≥ 90% of what it applied before the faults. The report says which. `mustKeepUp`:
 * the first rule whatever the rate before the faults (a size the machine is known to keep up with).
 */
export async function liveness(
  db: Pool,
  samples: Sample[],
  windows: FaultWindow[],
  rate: number,
  load: { start: number; end: number },
  limitMs: number,
  mustKeepUp = false,
): Promise<Check> {
  const faults: Array<Record<string, unknown>> = [];
  let passed = true;
  const firstFault = Math.min(load.end, ...windows.map((w) => w.start));
  const before = throughputBeforeFaults(samples, load.start, firstFault);
  const keptUp = mustKeepUp || before === null || before >= 0.9 * rate;
  const target = 0.9 * (keptUp ? rate : before);
  for (const w of windows) {
    // Faults that overlap (the mixed run) recover together: each is measured from the end of its whole episode.
    const end = episodeEnd(w, windows);
    const after = samples.filter((s) => s.at >= end);
    let recoveredAt: number | null = null;
    for (const s of after) {
      const drained = s.unapplied <= Math.max(2 * rate, 100);
      const during = appliedRateAt(samples, s) >= target && (drained || !keptUp);
      if ((s.at <= load.end && during) || (s.at > load.end && drained)) {
        recoveredAt = s.at;
        break;
      }
    }
    const recoveryMs = recoveredAt === null ? null : recoveredAt - end;
    const { rows } = await db.query<{ worst: string | null }>(
      `SELECT extract(epoch FROM max(applied_at - recorded_at)) * 1000 AS worst FROM dossier_events
        WHERE recorded_at BETWEEN $1 AND $2`,
      [new Date(w.start), new Date(recoveredAt ?? w.end)],
    );
    // While one worker is frozen the other keeps applying: its row locks must not hold the whole pipeline.
    const first = samples.find((p) => p.at >= w.start);
    const last = [...samples].reverse().find((p) => p.at <= w.end);
    const keptApplying =
      !w.name.includes('stalled') || !first || !last
        ? null
        : last.total - last.unapplied - (first.total - first.unapplied) >= 0.5 * (last.total - first.total);
    const ok = recoveryMs !== null && recoveryMs <= limitMs && keptApplying !== false;
    passed &&= ok;
    faults.push({
      fault: w.name,
      durationMs: w.end - w.start,
      episodeEndsAfterMs: end - w.end,
      ...(keptApplying === null ? {} : { keptApplying }),
      recoveryMs,
      worstApplyLatencyMs: rows[0].worst === null ? null : Math.round(Number(rows[0].worst)),
      ok,
    });
  }
  const maxBacklog = samples.reduce((m, s) => Math.max(m, s.unapplied), 0);
  return {
    name: 'C5 liveness',
    passed,
    detail: {
      recoveryLimitMs: limitMs,
      offeredRate: rate,
      appliedBeforeFaults: before === null ? null : Math.round(before),
      keptUpBeforeFaults: keptUp,
      mustKeepUp,
      recoveryTarget: Math.round(target),
      faults,
      maxBacklog,
    },
  };
}
