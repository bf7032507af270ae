import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A form as it was issued to the applicant (issue 9): the exact HTML and PDF bytes that left, so that a later
 * template change never alters what the applicant holds. One row per dossier, kind and key (the apology's
 * `apology_issued` event id): storing twice keeps the first.
 */
@Entity('issued_documents')
@Index('issued_documents_one_per_key', ['dossierCode', 'kind', 'key'], { unique: true })
export class IssuedDocumentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'dossier_code', type: 'text' })
  dossierCode!: string;

  /** The form's kind as the API names it: `apology`, `receipt`, … */
  @Column({ type: 'text' })
  kind!: string;

  /** What makes this document one of its dossier and kind: the id of the event that issued it. */
  @Column({ type: 'text' })
  key!: string;

  /** The form code it was issued under (`TT01_2018.M04`, …). */
  @Column({ name: 'form_code', type: 'text' })
  formCode!: string;

  @Column({ type: 'text' })
  html!: string;

  @Column({ type: 'bytea' })
  pdf!: Buffer;

  /** Hex SHA-256 of the PDF bytes: the ETag it is served with. */
  @Column({ type: 'text' })
  sha256!: string;

  /** The instant the form was issued (the event's), not when it was stored. */
  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'stored_at', type: 'timestamptz' })
  storedAt!: Date;
}
