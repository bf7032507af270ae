import { createHash } from 'node:crypto';
import type { ApologyLetterView } from '@motcua/contracts';
import { IssuedDocumentRepository, type IssuedDocument } from '@motcua/database';
import { renderFormHtml, renderFormPdf } from '@motcua/documents';

export const sha256Of = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * Stores an issued apology letter as it is sent (HTML and PDF, rendered now) unless it was stored already, and
 * answers the stored one: a retry, a second reactor run or a later template change sends the first bytes again.
 */
export async function storeIssuedApology(
  repo: IssuedDocumentRepository,
  view: ApologyLetterView,
  key: string,
  now: number,
): Promise<IssuedDocument> {
  const stored = await repo.find(view.dossierCode, 'apology', key);
  if (stored) return stored;
  const doc = { kind: 'apology' as const, view };
  const pdf = await renderFormPdf(doc);
  await repo.store(
    {
      dossierCode: view.dossierCode,
      kind: 'apology',
      key,
      formCode: view.form.code,
      html: renderFormHtml(doc),
      pdf,
      sha256: sha256Of(pdf),
      issuedAt: Date.parse(view.issuedAt ?? view.deadline),
    },
    now,
  );
  // Two runs at once: whichever insert won is the letter, for both.
  return (await repo.find(view.dossierCode, 'apology', key))!;
}
