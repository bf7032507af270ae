import { z } from 'zod';
import { localDateSchema, periodRefinement, responseInstantSchema, text } from './primitives';

/** The forms a dossier can call for, by the name of their route (`/receipt.pdf`, `/control-sheet.html`, …). */
export const DOCUMENT_KINDS = [
  'receipt',
  'supplement-request',
  'refusal',
  'apology',
  'stop-notice',
  'control-sheet',
] as const;
export const documentKindSchema = z.enum(DOCUMENT_KINDS).meta({
  id: 'DocumentKind',
  description:
    'receipt (Mẫu 01), supplement-request (02), refusal (03), apology (04), stop-notice (TT03/2025 Mẫu 05), ' +
    'control-sheet (TT01/2018 Mẫu 05, TT03/2025 Mẫu 06)',
});
export type DocumentKind = z.output<typeof documentKindSchema>;

export const dossierDocumentSchema = z
  .object({
    kind: documentKindSchema,
    formCode: z
      .string()
      .describe('the form code of the dossier’s rule set, e.g. TT01_2018.M01, TT03_2025.M06'),
    title: z.string().describe('the form’s title as printed'),
    at: responseInstantSchema.describe(
      'the instant it relates to: reception, the latest supplement request, the refusal, the apology ' +
        '(issued, drafted, or its deadline while due), the stop',
    ),
    issued: z
      .boolean()
      .describe('true when the bytes served are the ones stored when the form was sent (an issued apology)'),
    pdfUrl: z.string(),
    htmlUrl: z.string(),
  })
  .meta({ id: 'DossierDocument', description: 'One form a dossier’s history calls for' });
export type DossierDocument = z.output<typeof dossierDocumentSchema>;

export const dossierDocumentListSchema = z
  .object({ dossierCode: z.string(), items: z.array(dossierDocumentSchema) })
  .meta({
    id: 'DossierDocumentList',
    description:
      'The forms the dossier’s history calls for, in the order of the history: receipt and control sheet once ' +
      'received; supplement request for the LATEST request only; refusal when refused at reception (such a ' +
      'dossier has nothing else); apology while one is due, drafted or issued; stop notice when stopped under ' +
      'the 2025 rules',
  });
export type DossierDocumentList = z.output<typeof dossierDocumentListSchema>;

/** At most a leap year of days per ledger. */
export const MAX_LEDGER_DAYS = 366;
export const LEDGER_FORMATS = ['pdf', 'xlsx', 'html'] as const;

/** `GET /api/v1/reports/ledger?unit=&from=&to=&format=`. */
export const ledgerQuerySchema = z
  .object({
    unit: text(64).describe('the desk (unit code) whose ledger it is'),
    from: localDateSchema.describe('first day of the period (local date, included)'),
    to: localDateSchema.describe('last day of the period (local date, included)'),
    format: z.enum(LEDGER_FORMATS).default('pdf').describe('pdf (default), xlsx or html'),
  })
  .superRefine(periodRefinement(MAX_LEDGER_DAYS));
export type LedgerQuery = z.output<typeof ledgerQuerySchema>;

export const pdfDocumentSchema = z
  .string()
  .meta({ id: 'PdfDocument', description: 'A PDF document', format: 'binary' });
export const xlsxDocumentSchema = z
  .string()
  .meta({ id: 'XlsxDocument', description: 'An Excel workbook (XLSX)', format: 'binary' });
