/**
 * The views of the forms (domain.md §4) from one read dossier: its fold, its stored events, the procedure version
 * it was received under and the catalogue. Pure. Whatever the data cannot fill stays null (a dotted line on
 * paper); the applicant's ID number is never copied onto a form.
 */
import { formatInstant } from '@motcua/calendar';
import type { Applicant, ApologySettings, ProcedureDefinition, Unit } from '@motcua/contracts';
import type { StoredEvent } from '@motcua/database';
import type {
  ApplicantLines,
  ControlSheetView,
  FormHeader,
  ReceiptView,
  RefusalView,
  StepMark,
  StopNoticeView,
  SupplementRequestView,
} from '@motcua/documents';
import { FORMS_BY_RULE_SET, ruleSetFor, type DossierState, type RuleSet, type StepState } from '@motcua/sla';
import { issuerOf, unitOf } from '../apology/apology-letter';
import type { DossierRecord } from '../apology/dossier-record';

/** What the forms need beyond the dossier: the lookup's address and key, and the signers' titles. */
export interface FormContext {
  lookup: (code: string) => { url: string; key: string };
  apology: Pick<ApologySettings, 'signerTitles'>;
}

const iso = (t: number) => formatInstant(t);
const isoOrNull = (t: number | null | undefined) => (t === null || t === undefined ? null : iso(t));

/** The applicant as the forms print them: name, address, phone, mail — never the ID number. */
export function applicantLines(a: Applicant | null): ApplicantLines {
  return {
    name: a?.name ?? '',
    address: a?.address ?? null,
    phone: a?.phone ?? null,
    email: a?.email ?? null,
  };
}

/** The desk that received (or refused) the dossier: the first step's unit, else the unit the reception gave it. */
export function deskOf(s: DossierState): string | null {
  return s.steps[0]?.unitCode ?? s.unitCode;
}

/** The rule set of the dossier: its reception's; for a dossier refused at reception, that of the refusal. */
export function ruleSetOf(record: DossierRecord): RuleSet {
  const s = record.fold.state;
  if (s.ruleSet) return s.ruleSet;
  const refusal = record.events.find((e) => e.type === 'refused_at_reception');
  return ruleSetFor(record.fold.published.settings, refusal?.occurredAt ?? record.fold.anchor);
}

/** A header issued by `unit` itself (the desk issues 01, 02, 03): its name, its parent's as the parent body. */
function headerOf(units: ReadonlyArray<Unit>, unit: string, formCode: string, at: number): FormHeader {
  const u = unitOf(units, unit);
  return {
    formCode,
    parentAgency: u.parentCode ? unitOf(units, u.parentCode).name : null,
    issuer: u.name,
    number: null,
    place: null,
    date: iso(at),
  };
}

/** "15 ngày làm việc": the statutory duration as the procedure states it; null when it states none. */
export function statutoryDuration(def: ProcedureDefinition | null): string | null {
  if (!def) return null;
  const { value, unit } = def.duration;
  switch (unit) {
    case 'working_days':
      return `${value} ngày làm việc`;
    case 'working_hours':
      return `${value} giờ làm việc`;
    case 'calendar_days':
      return `${value} ngày`;
    case 'same_day':
      return 'Trong ngày';
    case 'none':
      return null;
  }
}

/** The stored event the fold applied, of `type`, latest first. */
function appliedOf(record: DossierRecord, type: string): StoredEvent[] {
  const applied = new Set(
    record.fold.state.timeline.filter((t) => t.type === type && t.status === 'applied').map((t) => t.id),
  );
  return record.events
    .filter((e) => applied.has(e.id))
    .sort((a, b) => b.occurredAt - a.occurredAt || (a.id < b.id ? 1 : -1));
}

export const latestApplied = (record: DossierRecord, type: string): StoredEvent | null =>
  appliedOf(record, type)[0] ?? null;

const name = (record: DossierRecord, code: string) => unitOf(record.units, code).name;

/** Mẫu 01, as issued at the reception: the appointment it gave then, not one a later pause moved. */
export function receiptViewOf(record: DossierRecord, ctx: FormContext): ReceiptView | null {
  const s = record.fold.state;
  const reception = latestApplied(record, 'received');
  const desk = deskOf(s);
  if (!reception || s.receivedAt === null || !desk) return null;
  const data = reception.data as { documents?: Array<{ name: string }> };
  const formCode = FORMS_BY_RULE_SET[ruleSetOf(record)].receipt;
  const firstDue = s.dueHistory.find((d) => d.reason === 'received')?.dueAt ?? s.dueAt;
  return {
    header: headerOf(record.units, desk, formCode, s.receivedAt),
    dossierCode: record.code,
    desk: name(record, desk),
    applicant: applicantLines(s.applicant),
    procedureName: record.procedureName,
    components: (data.documents ?? []).map((d) => ({ name: d.name })),
    sets: null,
    statutoryDuration: statutoryDuration(record.definition),
    receivedAt: iso(s.receivedAt),
    dueAt: isoOrNull(firstDue),
    fee: record.definition ? record.definition.feeVnd : null,
    returnChannel: null,
    ledger: { book: null, seq: null },
    lookup: ctx.lookup(record.code),
    signatures: [
      { caption: 'NGƯỜI NỘP HỒ SƠ', onBehalfOf: null, name: s.applicant?.name ?? null },
      { caption: 'NGƯỜI TIẾP NHẬN HỒ SƠ', onBehalfOf: null, name: null },
    ],
  };
}

/** Mẫu 02 of the latest supplement request the fold applied (a dossier may have more than one, §3.3). */
export function supplementRequestViewOf(record: DossierRecord): SupplementRequestView | null {
  const s = record.fold.state;
  const request = latestApplied(record, 'supplement_requested');
  const desk = deskOf(s);
  if (!request || !desk) return null;
  const data = request.data as { reason?: string; items?: string[] };
  const formCode = FORMS_BY_RULE_SET[ruleSetOf(record)].supplementRequest;
  return {
    header: headerOf(record.units, desk, formCode, request.occurredAt),
    dossierCode: record.code,
    desk: name(record, desk),
    applicant: applicantLines(s.applicant),
    procedureName: record.procedureName,
    items: data.items ?? [],
    reason: data.reason ?? null,
    contact: { unit: name(record, desk), phone: null },
    signature: { caption: 'NGƯỜI HƯỚNG DẪN', onBehalfOf: null, name: null },
  };
}

/** Mẫu 03 of a dossier refused at reception (it has no reception: the refusal's own data fill it). */
export function refusalViewOf(record: DossierRecord): RefusalView | null {
  const s = record.fold.state;
  const refusal = latestApplied(record, 'refused_at_reception');
  const desk = deskOf(s);
  if (!refusal || !desk) return null;
  const data = refusal.data as { reason?: string; applicant?: Applicant };
  const formCode = FORMS_BY_RULE_SET[ruleSetOf(record)].refusal;
  const applicant = applicantLines(data.applicant ?? s.applicant);
  return {
    header: headerOf(record.units, desk, formCode, refusal.occurredAt),
    dossierCode: record.code,
    desk: name(record, desk),
    applicant,
    procedureName: record.procedureName,
    reason: data.reason ?? null,
    signatures: [
      { caption: 'NGƯỜI NỘP HỒ SƠ', onBehalfOf: null, name: applicant.name || null },
      { caption: 'NGƯỜI TIẾP NHẬN HỒ SƠ', onBehalfOf: null, name: null },
    ],
  };
}

/** TT 03/2025 Mẫu 05, issued by the lead unit (in the name of the agency above a division); none under 2018. */
export function stopNoticeViewOf(record: DossierRecord, ctx: FormContext): StopNoticeView | null {
  const s = record.fold.state;
  const stop = latestApplied(record, 'stopped');
  const formCode = FORMS_BY_RULE_SET[ruleSetOf(record)].stopNotice;
  if (!stop || !formCode) return null;
  const lead = record.definition?.leadUnitCode ?? s.unitCode ?? deskOf(s);
  if (!lead) return null;
  const { issuer, parent } = issuerOf(record.units, lead);
  return {
    header: {
      formCode,
      parentAgency: parent?.name ?? null,
      issuer: issuer.name,
      number: null,
      place: null,
      date: iso(stop.occurredAt),
    },
    dossierCode: record.code,
    applicant: applicantLines(s.applicant),
    procedureName: record.procedureName,
    receivedAt: isoOrNull(s.receivedAt),
    stoppedAt: iso(stop.occurredAt),
    reason: (stop.data as { reason?: string }).reason ?? null,
    signature: { caption: ctx.apology.signerTitles[issuer.kind], onBehalfOf: null, name: null },
  };
}

/** §4.5: Trước hạn when the step used less than its allowance, Đúng hạn when exactly it, else Quá hạn. */
export function stepMark(st: StepState | undefined): StepMark {
  if (!st || st.endedAt === null) return null;
  if (st.outcome) return st.outcome;
  if (st.allocatedWorkingMinutes === null) return null;
  if (st.allocatedWorkingMinutes > st.usedWorkingMinutes) return 'early';
  return st.allocatedWorkingMinutes === st.usedWorkingMinutes ? 'on_time' : 'late';
}

/** Mẫu 05 (2018) / 06 (2025): one row per handover, marked with the step it ended. */
export function controlSheetViewOf(record: DossierRecord): ControlSheetView | null {
  const s = record.fold.state;
  const desk = deskOf(s);
  if (s.receivedAt === null || !desk) return null;
  const formCode = FORMS_BY_RULE_SET[ruleSetOf(record)].controlSheet;
  const lead = record.definition?.leadUnitCode ?? null;
  const coop = [...new Set(s.handovers.map((h) => h.toUnit))].filter((u) => u !== desk && u !== lead);
  const rows = s.handovers.map((h) => {
    const ended = s.steps.find((st) => st.endedAt === h.at && st.unitCode === h.fromUnit);
    const started = s.steps.find((st) => st.startedAt >= h.at && st.unitCode === h.toUnit);
    return {
      from: name(record, h.fromUnit),
      to: name(record, h.toUnit),
      at: iso(h.at),
      method: h.method,
      mark: stepMark(ended),
      note: started ? (started.endedAt === null ? 'Đang xử lý' : 'Đã xử lý') : null,
    };
  });
  return {
    header: headerOf(record.units, desk, formCode, s.receivedAt),
    dossierCode: record.code,
    applicantName: s.applicant?.name ?? '',
    procedureName: record.procedureName,
    receivedAt: iso(s.receivedAt),
    dueAt: isoOrNull(s.dueAt),
    leadUnit: lead ? name(record, lead) : null,
    coopUnits: coop.map((u) => name(record, u)),
    rows,
  };
}
