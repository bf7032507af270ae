import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** A form as issued; instants as epoch ms. */
export interface IssuedDocument {
  dossierCode: string;
  kind: string;
  key: string;
  formCode: string;
  html: string;
  pdf: Buffer;
  sha256: string;
  issuedAt: number;
}

type Row = {
  dossier_code: string;
  kind: string;
  key: string;
  form_code: string;
  html: string;
  pdf: Buffer;
  sha256: string;
  issued_at: Date;
};

const recordOf = (r: Row): IssuedDocument => ({
  dossierCode: r.dossier_code,
  kind: r.kind,
  key: r.key,
  formCode: r.form_code,
  html: r.html,
  pdf: r.pdf,
  sha256: r.sha256,
  issuedAt: r.issued_at.getTime(),
});

/** The forms as they were issued (issue 9): written once per dossier, kind and key, then only read. */
@Injectable()
export class IssuedDocumentRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Stores the document unless one with its dossier, kind and key is stored already; true when it was new. */
  async store(doc: IssuedDocument, now: number): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO issued_documents (dossier_code, kind, key, form_code, html, pdf, sha256, issued_at, stored_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (dossier_code, kind, key) DO NOTHING
       RETURNING id`,
      [
        doc.dossierCode,
        doc.kind,
        doc.key,
        doc.formCode,
        doc.html,
        doc.pdf,
        doc.sha256,
        new Date(doc.issuedAt),
        new Date(now),
      ],
    );
    return rows.length > 0;
  }

  async find(dossierCode: string, kind: string, key: string): Promise<IssuedDocument | null> {
    const rows: Row[] = await this.db.query(
      `SELECT dossier_code, kind, key, form_code, html, pdf, sha256, issued_at
         FROM issued_documents WHERE dossier_code = $1 AND kind = $2 AND key = $3`,
      [dossierCode, kind, key],
    );
    return rows[0] ? recordOf(rows[0]) : null;
  }
}
