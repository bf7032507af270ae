/**
 * The apology letter of a dossier (Mẫu 04, domain.md §4.4) as `GET /api/v1/dossiers/:code/apology` answers it:
 * from the fold, the catalogue, the latest draft (apology_drafted) or the issued letter (apology_issued).
 */
import { formatInstant, type WorkingCalendar } from '@motcua/calendar';
import type {
  ApologyClassification,
  ApologyLetterStatus,
  ApologyLetterView,
  ApologySettings,
  ApologyStatus,
  Unit,
} from '@motcua/contracts';
import { formTitle } from '@motcua/documents';
import type { StoredEvent } from '@motcua/database';
import { FORMS_BY_RULE_SET, OPEN_STATUSES, type ApologyLetter, type DossierState } from '@motcua/sla';
import { proposeApology } from './apology-proposal';

/** The form's label of the signature block (§4.4 field 14). */
export const SIGNER_LABEL = 'THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ';

/** A draft as the system logged it (apology_drafted, applied by the fold). */
export interface ApologyDraft {
  id: string;
  at: number;
  responsibleUnit: string;
  proposedNewDueAt: number;
  reason: string | null;
}

/** The dossier's drafts the fold applied, oldest first (the last one is the letter awaiting a signature). */
export function draftsOf(events: ReadonlyArray<StoredEvent>, s: DossierState): ApologyDraft[] {
  const applied = new Set(
    s.timeline.filter((t) => t.type === 'apology_drafted' && t.status === 'applied').map((t) => t.id),
  );
  return events
    .filter((e) => e.type === 'apology_drafted' && applied.has(e.id))
    .map((e) => {
      const d = e.data as { responsibleUnit: string; proposedNewDueAt: number; reason?: string };
      return {
        id: e.id,
        at: e.occurredAt,
        responsibleUnit: d.responsibleUnit,
        proposedNewDueAt: d.proposedNewDueAt,
        reason: d.reason ?? null,
      };
    })
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

/** §5.2: the classification of the dossier's apology, once there is one to give. */
export function classificationOf(status: ApologyStatus): ApologyClassification | null {
  switch (status) {
    case 'issued_on_time':
      return 'on_time';
    case 'issued_late':
      return 'late';
    case 'issued_after_due':
      return 'after_due';
    case 'missing':
      return 'missing';
    case 'due':
    case 'not_required':
      return null;
  }
}

/**
 * Where the letter stands; null when there is none to show (GET …/apology answers 404): issued; drafted (still
 * awaited, or never issued by a dossier that ended late); cancelled (drafted, then no longer needed: §5.6.4 on time,
 * §5.6.8 withdrawn); due (an open dossier owes one and nothing was drafted yet).
 */
export function letterStatusOf(s: DossierState, hasDraft: boolean): ApologyLetterStatus | null {
  const ap = s.apology;
  if (!ap) return null;
  if (ap.issuedAt !== null) return 'issued';
  const open = OPEN_STATUSES.has(s.status);
  if (hasDraft) return open || ap.status === 'missing' ? 'drafted' : 'cancelled';
  return open && (ap.status === 'due' || ap.status === 'missing') ? 'due' : null;
}

export const apologyPath = (code: string) => `/api/v1/dossiers/${encodeURIComponent(code)}/apology`;

/** Everything the letter is made of. */
export interface LetterSource {
  code: string;
  state: DossierState;
  procedureName: string | null;
  units: ReadonlyArray<Unit>;
  drafts: ApologyDraft[];
  settings: ApologySettings;
  /** The dossier's calendar (for the preview of a letter still due). */
  calendar: WorkingCalendar;
  now: number;
  /** The issued letter to show: by default the latest one (the re-appointment in force). */
  letter?: ApologyLetter;
}

/** A unit by code, its code standing for its name when the catalogue has lost it. */
export function unitOf(units: ReadonlyArray<Unit>, code: string): Unit {
  return (
    units.find((u) => u.code === code) ?? {
      code,
      name: code,
      parentCode: null,
      email: null,
      kind: 'department',
      headName: null,
      headEmail: null,
    }
  );
}

/**
 * The agency that issues the letter for the responsible unit (§4.4 field 1, §5.1 duty holder): a division issues
 * in the name of the agency above it; the one-stop desk and an agency issue in their own name. The parent body
 * (cơ quan chủ quản) is the issuer's parent, when the catalogue has one.
 */
export function issuerOf(
  units: ReadonlyArray<Unit>,
  responsible: string,
): { issuer: Unit; parent: Unit | null } {
  let issuer = unitOf(units, responsible);
  if (issuer.kind === 'department') {
    const seen = new Set<string>([issuer.code]);
    for (let u = issuer; u.parentCode && !seen.has(u.parentCode);) {
      seen.add(u.parentCode);
      u = unitOf(units, u.parentCode);
      if (u.kind === 'agency') {
        issuer = u;
        break;
      }
    }
  }
  const parent = issuer.parentCode ? unitOf(units, issuer.parentCode) : null;
  return { issuer, parent };
}

/** The code a "Lưu: VT, …" line names a unit by: the last part of its code (LDTBXH.VLATLD → VLATLD). */
const shortCode = (code: string) => code.slice(code.lastIndexOf('.') + 1);

const iso = (t: number) => formatInstant(t);
const isoOrNull = (t: number | null) => (t === null ? null : formatInstant(t));

/** The letter's view, or null when the dossier has no apology due, drafted or issued. */
export function apologyLetterOf(src: LetterSource): ApologyLetterView | null {
  const s = src.state;
  const ap = s.apology;
  const draft = src.drafts.at(-1) ?? null;
  const status = letterStatusOf(s, draft !== null);
  if (ap === null || status === null || s.dueAt === null || s.ruleSet === null || s.receivedAt === null)
    return null;
  const issued = status === 'issued' ? (src.letter ?? ap.later.at(-1) ?? ap) : null;
  const proposal =
    status === 'due'
      ? proposeApology(s, src.calendar, src.settings, src.now, (u) => unitOf(src.units, u).name)
      : null;
  const responsibleCode = issued?.responsibleUnit ?? draft?.responsibleUnit ?? proposal!.responsibleUnit;
  const responsible = unitOf(src.units, responsibleCode);
  const { issuer, parent } = issuerOf(src.units, responsibleCode);
  const desk = s.steps[0]?.unitCode ?? null;
  const formCode = FORMS_BY_RULE_SET[s.ruleSet].apology;
  const applicant = s.applicant ?? { name: '' };
  return {
    dossierCode: src.code,
    status,
    classification: classificationOf(ap.status),
    apologyStatus: ap.status,
    deadline: iso(ap.deadline),
    form: { code: formCode, title: formTitle(formCode), ruleSet: s.ruleSet },
    parentAgency: parent ? { code: parent.code, name: parent.name } : null,
    issuer: { code: issuer.code, name: issuer.name },
    number: null,
    place: null,
    addressee: {
      name: applicant.name,
      address: applicant.address ?? null,
      phone: applicant.phone ?? null,
      email: applicant.email ?? null,
    },
    receivedAt: iso(s.receivedAt),
    procedure: { code: s.procedureCode ?? '', name: src.procedureName },
    dueAt: iso(s.dueAt),
    reason: issued?.reason ?? null,
    suggestedReason: draft?.reason ?? proposal?.reason ?? null,
    newDueAt: iso(issued?.newDueAt ?? draft?.proposedNewDueAt ?? proposal!.proposedNewDueAt),
    rescheduledDueAt: isoOrNull(s.rescheduledDueAt),
    copiesTo: [
      'Như trên',
      ...(desk && desk !== issuer.code ? [unitOf(src.units, desk).name] : []),
      `Lưu: VT, ${shortCode(responsible.code)}`,
    ],
    signer: {
      label: SIGNER_LABEL,
      title: issued?.signer?.title ?? src.settings.signerTitles[issuer.kind],
      name: issued?.signer?.name ?? null,
    },
    responsibleUnit: { code: responsible.code, name: responsible.name },
    draftedAt: isoOrNull(draft?.at ?? null),
    issuedAt: isoOrNull(issued?.issuedAt ?? null),
    reappointmentMet: ap.reappointmentMet,
    htmlUrl: `${apologyPath(src.code)}.html`,
  };
}
