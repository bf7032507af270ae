import { htmlDocumentSchema, pdfDocumentSchema, type DocumentKind } from '@motcua/contracts';
import type { RouteContract } from '../common/api-contract.decorator';

const FORMS: Record<DocumentKind, string> = {
  receipt: 'The receipt and appointment (Mẫu 01: TT01_2018.M01 or TT03_2025.M01), once received',
  'supplement-request':
    'The request to supplement (Mẫu 02) of the LATEST supplement request the dossier’s history applied',
  refusal: 'The refusal at reception (Mẫu 03) of a dossier refused at reception',
  apology:
    'The apology letter (Mẫu 04); an issued letter is served exactly as stored when it was sent to the applicant',
  'stop-notice': 'The notice of stopping (TT03_2025.M05) of a dossier stopped under the 2025 rules',
  'control-sheet':
    'The process control sheet (TT01_2018.M05 or TT03_2025.M06): one row per handover, marked early / on time / late',
};

const SAME =
  ' (404 when the history does not call for it, or outside your units; ETag of the bytes, 304 on If-None-Match)';

/** The OpenAPI description of one form's route, as PDF or HTML. */
export function formRoute(kind: DocumentKind, format: 'pdf' | 'html'): RouteContract {
  return {
    summary: `${FORMS[kind]}, as ${format === 'pdf' ? 'PDF' : 'HTML (UTF-8)'}${SAME}`,
    params: { code: 'the dossier code (mã hồ sơ)' },
    ok: {
      200:
        format === 'pdf'
          ? {
              schema: pdfDocumentSchema,
              description: 'inline; filename="mau-NN-<code>.pdf"',
              contentType: 'application/pdf',
            }
          : { schema: htmlDocumentSchema, description: 'an HTML document (UTF-8)', contentType: 'text/html' },
    },
    errors: [401, 404, 503],
  };
}
