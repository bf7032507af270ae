/**
 * Mẫu 04 (domain.md §4.4) as HTML, kept for the application's apology routes and mails: the same template as
 * renderFormHtml({ kind: 'apology', view }) and its PDF (apology.template.ts).
 */
import type { ApologyLetterView } from '@motcua/contracts';
import { renderFormHtml } from './render';

/** The whole letter as a standalone HTML document (UTF-8). */
export function renderApologyLetter(letter: ApologyLetterView): string {
  return renderFormHtml({ kind: 'apology', view: letter });
}
