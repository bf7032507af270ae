/**
 * Which forms a dossier's history calls for (issue 9, `GET /api/v1/dossiers/:code/documents`), each with the view
 * it prints. Pure: from one read dossier, the settings and the instant.
 */
import type { AppConfig } from '@motcua/config';
import { formTitle, type FormDocument } from '@motcua/documents';
import { FORMS_BY_RULE_SET } from '@motcua/sla';
import { letterViewOf, type DossierRecord } from '../apology/dossier-record';
import {
  controlSheetViewOf,
  latestApplied,
  receiptViewOf,
  refusalViewOf,
  ruleSetOf,
  stopNoticeViewOf,
  supplementRequestViewOf,
  type FormContext,
} from './form-views.builder';

/** One form the history calls for, with what it prints. */
export interface CalledForm {
  doc: FormDocument;
  formCode: string;
  title: string;
  /** The instant it relates to (epoch ms). */
  at: number;
  /** For a form issued by an event and stored as sent (an issued apology): that event's id. */
  issuedKey: string | null;
}

const called = (doc: FormDocument, formCode: string, at: number, issuedKey: string | null = null) => ({
  doc,
  formCode,
  title: formTitle(formCode),
  at,
  issuedKey,
});

/** The form dated at `place` (settings `documents.place`); the apology letter's view carries it already. */
function placed(doc: FormDocument, place: string | null): FormDocument {
  if (doc.kind === 'apology') return doc;
  return { ...doc, view: { ...doc.view, header: { ...doc.view.header, place } } } as FormDocument;
}

/** Every form the dossier's history calls for, in the order of the history. */
export function calledForms(
  record: DossierRecord,
  ctx: FormContext & { config: Pick<AppConfig, 'apology' | 'documents'> },
  now: number,
): CalledForm[] {
  const s = record.fold.state;
  const forms = FORMS_BY_RULE_SET[ruleSetOf(record)];
  const out: CalledForm[] = [];
  const refusal = refusalViewOf(record);
  if (refusal) {
    const at = latestApplied(record, 'refused_at_reception')!.occurredAt;
    const doc = placed({ kind: 'refusal', view: refusal }, ctx.config.documents.place);
    return [called(doc, forms.refusal, at)];
  }
  const receipt = receiptViewOf(record, ctx);
  if (receipt && s.receivedAt !== null)
    out.push(called({ kind: 'receipt', view: receipt }, forms.receipt, s.receivedAt));
  const sheet = controlSheetViewOf(record);
  if (sheet && s.receivedAt !== null)
    out.push(called({ kind: 'control-sheet', view: sheet }, forms.controlSheet, s.receivedAt));
  const supplement = supplementRequestViewOf(record);
  if (supplement) {
    const at = latestApplied(record, 'supplement_requested')!.occurredAt;
    out.push(called({ kind: 'supplement-request', view: supplement }, forms.supplementRequest, at));
  }
  const letter = letterViewOf(record, ctx.config, now);
  if (letter) {
    const issued = letter.status === 'issued' ? latestApplied(record, 'apology_issued') : null;
    const at = Date.parse(letter.issuedAt ?? letter.draftedAt ?? letter.deadline);
    out.push(called({ kind: 'apology', view: letter }, letter.form.code, at, issued?.id ?? null));
  }
  const stop = stopNoticeViewOf(record, ctx);
  if (stop && forms.stopNotice)
    out.push(called({ kind: 'stop-notice', view: stop }, forms.stopNotice, Date.parse(stop.stoppedAt)));
  return out
    .map((f) => ({ ...f, doc: placed(f.doc, ctx.config.documents.place) }))
    .sort((a, b) => a.at - b.at);
}
