import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import type { DocumentKind, DossierDocumentList, Principal } from '@motcua/contracts';
import { EventStore, IssuedDocumentRepository } from '@motcua/database';
import { renderFormHtml, renderFormPdf } from '@motcua/documents';
import { formatInstant } from '@motcua/calendar';
import { readVisibleDossier } from '../apology/dossier-record';
import { AppError } from '../app-error';
import { CLOCK, type Clock } from '../clock';
import { lookupKeyOf, lookupUrlOf } from '../lookup/lookup-key';
import { RulesProvider } from '../rules/rules.provider';
import { calledForms, type CalledForm } from './dossier-documents';
import type { FormContext } from './form-views.builder';
import { sha256Of } from './issued-documents';

export type DocumentFormat = 'pdf' | 'html';

/** A file to serve: its bytes and the headers that describe them. */
export interface DocumentFile {
  body: Buffer;
  contentType: string;
  filename: string;
  /** A strong ETag of the bytes: the same dossier version gives the same bytes, hence the same tag. */
  etag: string;
}

const CONTENT_TYPES: Record<DocumentFormat | 'xlsx', string> = {
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A file of `bytes` named `name`. */
export function documentFile(bytes: Buffer, name: string, format: DocumentFormat | 'xlsx'): DocumentFile {
  return {
    body: bytes,
    contentType: CONTENT_TYPES[format],
    filename: `${name}.${format}`,
    etag: `"${sha256Of(bytes)}"`,
  };
}

/** `mau-01-<code>`: the form's number in its rule set (TT03_2025.M06 → 06) and the dossier code. */
export const fileStem = (formCode: string, code: string) =>
  `mau-${formCode.slice(formCode.lastIndexOf('M') + 1)}-${code}`;

export const documentsPath = (code: string) => `/api/v1/dossiers/${encodeURIComponent(code)}`;

/**
 * The forms of one dossier (issue 9): which ones its history calls for, and each as PDF or HTML. Read with the
 * permissions of the dossier itself (404 outside the caller's units). An issued apology is served as stored
 * when it was sent, whatever the templates say today.
 */
@Injectable()
export class ReadDocuments {
  constructor(
    private readonly store: EventStore,
    private readonly rules: RulesProvider,
    private readonly issued: IssuedDocumentRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(code: string, principal: Principal): Promise<DossierDocumentList> {
    const forms = await this.forms(code, principal);
    const items = [];
    for (const f of forms) {
      const stored = f.issuedKey ? await this.issued.find(code, f.doc.kind, f.issuedKey) : null;
      items.push({
        kind: f.doc.kind,
        formCode: stored?.formCode ?? f.formCode,
        title: f.title,
        at: formatInstant(f.at),
        issued: stored !== null,
        pdfUrl: `${documentsPath(code)}/${f.doc.kind}.pdf`,
        htmlUrl: `${documentsPath(code)}/${f.doc.kind}.html`,
      });
    }
    return { dossierCode: code, items };
  }

  /** One form as a file; 404 when the history does not call for it. */
  async file(
    code: string,
    kind: DocumentKind,
    format: DocumentFormat,
    principal: Principal,
  ): Promise<DocumentFile> {
    const form = (await this.forms(code, principal)).find((f) => f.doc.kind === kind);
    if (!form) throw AppError.notFound(`a ${kind} of dossier ${code}`);
    const stem = fileStem(form.formCode, code);
    const stored = form.issuedKey ? await this.issued.find(code, kind, form.issuedKey) : null;
    if (stored)
      return format === 'pdf'
        ? { ...documentFile(stored.pdf, stem, 'pdf'), etag: `"${stored.sha256}"` }
        : documentFile(Buffer.from(stored.html, 'utf8'), stem, 'html');
    const bytes =
      format === 'pdf' ? await renderFormPdf(form.doc) : Buffer.from(renderFormHtml(form.doc), 'utf8');
    return documentFile(bytes, stem, format);
  }

  /** The forms the dossier's history calls for; 404 for an unknown dossier or one outside the caller's units. */
  private async forms(code: string, principal: Principal): Promise<CalledForm[]> {
    const now = this.clock.now();
    const record = await readVisibleDossier(this.store, this.rules, code, principal, now);
    return calledForms(record, { ...this.formContext(), config: this.config }, now);
  }

  private formContext(): FormContext {
    const { lookupSecret, publicBaseUrl } = this.config;
    return {
      lookup: (code) => {
        const key = lookupKeyOf(code, lookupSecret);
        return { key, url: lookupUrlOf(publicBaseUrl, code, key) };
      },
      apology: this.config.apology,
    };
  }
}
