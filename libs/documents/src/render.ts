/** PLACEHOLDER on branch issue9-base only: the signatures the renderer branch implements (replaced before merge). */
import type { FormDocument, LedgerView } from './form-views';

const todo = (): never => {
  throw new Error('renderer not merged yet');
};

/** The form as a standalone HTML page (UTF-8), from the same template as its PDF. */
export function renderFormHtml(_doc: FormDocument): string {
  return todo();
}

/** The form as a PDF (A5 or A4 per the form), deterministic: the same view gives the same bytes. */
export async function renderFormPdf(_doc: FormDocument): Promise<Buffer> {
  return Promise.resolve(todo());
}

export function renderLedgerHtml(_view: LedgerView): string {
  return todo();
}
export async function renderLedgerPdf(_view: LedgerView): Promise<Buffer> {
  return Promise.resolve(todo());
}
/** The ledger as an XLSX workbook (one sheet, the §4.6 columns). */
export async function renderLedgerXlsx(_view: LedgerView): Promise<Buffer> {
  return Promise.resolve(todo());
}
