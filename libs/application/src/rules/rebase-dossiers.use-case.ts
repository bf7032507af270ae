import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { formatInstant } from '@motcua/calendar';
import {
  parseWith,
  rulesRebaseRequestSchema,
  validateEvent,
  type Principal,
  type RulesRebaseResult,
} from '@motcua/contracts';
import { EventStore, ProjectionRepository, type StoredEvent } from '@motcua/database';
import { OPEN_STATUSES, type DossierState } from '@motcua/sla';
import { AppError } from '../app-error';
import { CLOCK, type Clock } from '../clock';
import { foldStored, hasReception, type StoredFold } from '../dossiers/dossier-fold';
import { RecordEvents } from '../dossiers/record-events.use-case';
import type { Rules, RulesAt } from './rules.provider';
import { RulesProvider } from './rules.provider';

/** Who logs the re-basings that nobody asked for by hand (`db:setup` with `rules.rebaseOnPublish: automatic`). */
/** The engine acting on its own: re-basing, the deadline tracker, the mail sender. */
export const SYSTEM_PRINCIPAL: Principal = {
  username: 'system',
  roles: ['admin'],
  units: ['*'],
  system: true,
};

const PAGE = 500;

/** The id of the re-basing of `dossierCode` onto `revision`: the same on every run, so nothing is logged twice. */
export function rebaseEventId(dossierCode: string, revision: number): string {
  const h = createHash('sha256').update(`rules_rebased:${dossierCode}:${revision}`).digest('hex');
  // An RFC 9562 version-8 (custom) UUID made of the hash.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The dates a re-basing may move, by the name the reason gives them. */
function datesOf(s: DossierState): Array<[string, number | null]> {
  return [
    ['effectiveStartAt', s.effectiveStartAt],
    ['dueAt', s.dueAt],
    ['rescheduledDueAt', s.rescheduledDueAt],
    ['warningAt', s.warningAt],
    ['apologyDeadline', s.slaFacts.apologyDeadline],
    ['receptionDueAt', s.receptionDueAt],
    ...s.steps.map((st, i): [string, number | null] => [`steps[${i}:${st.code}].dueAt`, st.dueAt]),
  ];
}

const shown = (t: number | null) => {
  if (t === null) return '—';
  const iso = formatInstant(t); // 2025-03-13T08:00:00+07:00
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
};

/** What moved between the rules a dossier counts with and the ones it is re-based onto (e.g. "Lịch 2025 v2"). */
function whatMoved(before: RulesAt, after: RulesAt): string[] {
  const out: string[] = [];
  const years = [
    ...new Set([...Object.keys(before.calendarVersions), ...Object.keys(after.calendarVersions)]),
  ].sort();
  for (const y of years) {
    const [a, b] = [before.calendarVersions[Number(y)], after.calendarVersions[Number(y)]];
    if (a !== b) out.push(`Lịch ${y} v${b ?? '—'} (thay ${a === undefined ? 'quy tắc luật định' : `v${a}`})`);
  }
  if (before.settingsVersion !== after.settingsVersion)
    out.push(`Cài đặt v${after.settingsVersion} (thay v${before.settingsVersion})`);
  return out;
}

/**
 * Moves open dossiers onto the rules published now (domain.md §6.9, engineering-notes §5): for each open dossier
 * whose dates would move, one `rules_rebased` event, logged through the intake like any event (durable, applied
 * by the worker, in the timeline with its actor), with a reason that says what moved and why. Its id is derived
 * from the dossier and the rules revision, so a second run (or two at once) logs nothing twice. Dossiers whose
 * dates would not move get no event; closed dossiers are never touched.
 */
@Injectable()
export class RebaseDossiers {
  private readonly log = new Logger('rules');

  constructor(
    private readonly projections: ProjectionRepository,
    private readonly store: EventStore,
    private readonly rules: RulesProvider,
    private readonly intake: RecordEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(principal: Principal = SYSTEM_PRINCIPAL, body: unknown = {}): Promise<RulesRebaseResult> {
    const checked = parseWith(rulesRebaseRequestSchema, body ?? {});
    if (!checked.ok) throw AppError.invalid(checked.problems);
    const rules = await this.rules.snapshot();
    const now = this.clock.now();
    const result: RulesRebaseResult = { revision: rules.revision, examined: 0, rebased: [] };
    let after: string | null = null;
    for (;;) {
      const codes = await this.projections.maybeOpen(after, PAGE);
      if (codes.length === 0) break;
      after = codes[codes.length - 1];
      const byCode = new Map<string, StoredEvent[]>();
      for (const e of await this.store.eventsOf(codes))
        byCode.set(e.dossierCode, [...(byCode.get(e.dossierCode) ?? []), e]);
      const proposals: Array<{ body: Record<string, unknown>; reason: string }> = [];
      for (const code of codes) {
        const own = byCode.get(code) ?? [];
        const proposal = this.propose(code, own, rules, now);
        if (proposal === 'closed') continue;
        result.examined += 1;
        if (proposal) proposals.push(proposal);
      }
      await this.logEvents(proposals, principal, now, result);
    }
    this.log.log(
      `re-based ${result.rebased.length} of ${result.examined} open dossier(s) onto rules revision ${rules.revision}`,
    );
    return result;
  }

  /** The re-basing event for one dossier, null when its dates would not move, or 'closed'. */
  private propose(
    code: string,
    events: StoredEvent[],
    rules: Rules,
    now: number,
  ): { body: Record<string, unknown>; reason: string } | null | 'closed' {
    if (!hasReception(events)) return 'closed';
    const current = foldStored(events, rules, now);
    if (!OPEN_STATUSES.has(current.state.status)) return 'closed';
    const id = rebaseEventId(code, rules.revision);
    // Already re-based onto this revision (a run before this one, or one racing it).
    if (events.some((e) => e.id === id)) return null;
    const candidate: StoredEvent = {
      id,
      dossierCode: code,
      type: 'rules_rebased',
      occurredAt: now,
      data: { reason: '' },
      seq: '0',
      appliedAt: null,
      rulesRevision: rules.revision,
    };
    const moved = foldStored([...events, candidate], rules, now);
    const reason = describe(current, moved, rules.revision);
    if (reason === null) return null;
    return {
      reason,
      body: {
        id,
        dossierCode: code,
        type: 'rules_rebased',
        occurredAt: formatInstant(now),
        data: { reason },
      },
    };
  }

  /** Logs the proposals through the intake, as `principal`, and records what happened to each. */
  private async logEvents(
    proposals: Array<{ body: Record<string, unknown>; reason: string }>,
    principal: Principal,
    now: number,
    result: RulesRebaseResult,
  ): Promise<void> {
    if (proposals.length === 0) return;
    const events = proposals.map((p) => {
      const v = validateEvent(p.body);
      if (!v.ok)
        throw new AppError(500, 'internal', `a re-basing event is invalid: ${JSON.stringify(v.problems)}`);
      return v.event;
    });
    const outcomes = await this.intake.process(events, principal);
    outcomes.forEach((o, i) => {
      const { body, reason } = proposals[i];
      result.rebased.push({
        dossierCode: body.dossierCode as string,
        eventId: body.id as string,
        // A 409 is a run racing this one with the same id: the dossier is re-based onto this revision already.
        status:
          o.kind === 'accepted'
            ? 'accepted'
            : o.kind === 'duplicate' || o.error.status === 409
              ? 'duplicate'
              : 'rejected',
        reason,
      });
    });
  }
}

/** "Lịch 2025 v2 (thay v1): dueAt 13/03/2025 08:00 → 14/03/2025 08:00; …", or null when no date moves. */
function describe(before: StoredFold, after: StoredFold, revision: number): string | null {
  const a = new Map(datesOf(before.state));
  const changes = datesOf(after.state)
    .filter(([name, t]) => a.has(name) && a.get(name) !== t)
    .map(([name, t]) => `${name} ${shown(a.get(name) ?? null)} → ${shown(t)}`);
  if (changes.length === 0) return null;
  const why = whatMoved(before.published, after.published);
  const head = `${why.length > 0 ? why.join('; ') : 'Quy định công bố'} (re-based onto rules revision ${revision})`;
  const reason = `${head}: ${changes.join('; ')}`;
  return reason.length <= 2000 ? reason : `${reason.slice(0, 1999)}…`;
}
