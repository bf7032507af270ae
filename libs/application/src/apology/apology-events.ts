/**
 * What the engine logs for an apology when a dossier reaches its apology deadline (§5.2, §5.4): a draft awaiting the
 * signature of the responsible unit's head, or, with `apology.autoIssue`, the issued letter itself. Pure: the
 * events' bodies from a fold, the settings and the instant; the reactor logs them through the intake.
 */
import { createHash } from 'node:crypto';
import { formatInstant } from '@motcua/calendar';
import type { ApologySettings } from '@motcua/contracts';
import { OPEN_STATUSES } from '@motcua/sla';
import type { StoredFold } from '../dossiers/dossier-fold';
import { proposeApology } from './apology-proposal';

/** An event body as a client would send it (instants as ISO text), for `validateEvent` and the intake. */
export interface ApologyEventBody {
  id: string;
  dossierCode: string;
  type: 'apology_drafted' | 'apology_issued';
  occurredAt: string;
  data: Record<string, unknown>;
}

/**
 * The id of what the engine logs for one dossier and one apology deadline: the same on every run (a deadline
 * reached twice, a reactor that runs again after a crash, two workers at once), so the intake stores it once
 * (engineering-notes §9: one apology per dossier and deadline version). An RFC 9562 version-8 UUID of a hash.
 */
export function apologyEventId(
  type: ApologyEventBody['type'],
  dossierCode: string,
  deadline: number,
): string {
  const h = createHash('sha256').update(`${type}:${dossierCode}:${deadline}`).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Why nothing is logged for a dossier at its apology deadline. */
export type NoApology = 'closed' | 'no_deadline' | 'issued' | 'paused' | 'not_due';

/**
 * The instant a letter issued automatically is dated: now, or the apology deadline itself when the engine acts
 * after it with no working time in between (the reactor ran at 17:00:02, or overnight): the office was closed,
 * the applicant lost nothing, and the letter is the one due "at the apology deadline". Any working time later,
 * the letter honestly says when it was issued (and is classified late).
 */
export function autoIssuedAt(fold: StoredFold, deadline: number, now: number): number {
  if (now <= deadline) return now;
  return fold.published.calendar.workingMinutesBetween(deadline, now) === 0 ? deadline : now;
}

/**
 * The event to log for a dossier whose apology deadline was reached: none when it is closed (§5.6.4, §5.6.8), has no
 * due date, already has an apology (§5.1, once), is paused (its due date will move; the deadline comes again), or is
 * not yet due by the fold (a stale deadline); else the draft for the responsible unit, or the letter itself.
 */
export function apologyEventAt(
  code: string,
  fold: StoredFold,
  settings: ApologySettings,
  now: number,
  unitName: (code: string) => string,
): ApologyEventBody | NoApology {
  const s = fold.state;
  if (!OPEN_STATUSES.has(s.status)) return 'closed';
  const ap = s.apology;
  if (ap === null || s.dueAt === null) return 'no_deadline';
  if (ap.issuedAt !== null) return 'issued';
  if (s.slaFacts.paused) return 'paused';
  if (ap.status !== 'due' && ap.status !== 'missing') return 'not_due';
  const p = proposeApology(s, fold.published.calendar, settings, now, unitName);
  if (settings.autoIssue && settings.autoIssueSigner) {
    return {
      id: apologyEventId('apology_issued', code, ap.deadline),
      dossierCode: code,
      type: 'apology_issued',
      occurredAt: formatInstant(autoIssuedAt(fold, ap.deadline, now)),
      data: {
        reason: p.reason,
        newDueAt: formatInstant(p.proposedNewDueAt),
        signer: settings.autoIssueSigner,
        responsibleUnit: p.responsibleUnit,
      },
    };
  }
  return {
    id: apologyEventId('apology_drafted', code, ap.deadline),
    dossierCode: code,
    type: 'apology_drafted',
    occurredAt: formatInstant(now),
    data: {
      responsibleUnit: p.responsibleUnit,
      proposedNewDueAt: formatInstant(p.proposedNewDueAt),
      reason: p.reason,
    },
  };
}
