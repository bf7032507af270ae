/** The forms of the one-stop desk as HTML, PDF and (the ledger) XLSX: one model per form, drawn by each renderer. */
import type { Block, FormModel } from './document.model';
import type { FormDocument, LedgerView } from './form-views';
import { apologyModel } from './apology.template';
import { controlSheetModel } from './control-sheet.template';
import { modelToHtml } from './html.renderer';
import { ledgerToXlsx } from './ledger-xlsx.renderer';
import { ledgerModel } from './ledger.template';
import { modelToPdf } from './pdf.renderer';
import { receiptModel } from './receipt.template';
import { refusalModel } from './refusal.template';
import { stopNoticeModel } from './stop-notice.template';
import { supplementRequestModel } from './supplement-request.template';

/** The model of a form: the one template both the HTML and the PDF are drawn from. */
export function formModel(doc: FormDocument): FormModel {
  switch (doc.kind) {
    case 'receipt':
      return receiptModel(doc.view);
    case 'supplement-request':
      return supplementRequestModel(doc.view);
    case 'refusal':
      return refusalModel(doc.view);
    case 'apology':
      return apologyModel(doc.view);
    case 'stop-notice':
      return stopNoticeModel(doc.view);
    case 'control-sheet':
      return controlSheetModel(doc.view);
  }
}

/** The form as a standalone HTML page (UTF-8), from the same template as its PDF. */
export function renderFormHtml(doc: FormDocument): string {
  return modelToHtml(formModel(doc));
}

/** The form as a PDF (A5; A4 for the control sheet), deterministic: the same view gives the same bytes. */
export function renderFormPdf(doc: FormDocument): Promise<Buffer> {
  return modelToPdf(formModel(doc));
}

export function renderLedgerHtml(view: LedgerView): string {
  return modelToHtml(ledgerModel(view));
}

/** The ledger as an A4 landscape PDF, its table head repeated on every page. */
export function renderLedgerPdf(view: LedgerView): Promise<Buffer> {
  return modelToPdf(ledgerModel(view));
}

/** The ledger as an XLSX workbook (one sheet, the §4.6 columns). */
export function renderLedgerXlsx(view: LedgerView): Promise<Buffer> {
  return ledgerToXlsx(view);
}

export type { Block, FormModel };
