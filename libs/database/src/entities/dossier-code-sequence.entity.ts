import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The daily sequences of the dossier codes the server issues (`{agency code}-{yymmdd}-{sequence}`, domain.md
 * §1): one row per agency code and local day, moved forward by an atomic UPSERT … RETURNING, so concurrent
 * receipts never get the same number.
 */
@Entity('dossier_code_sequences')
export class DossierCodeSequenceEntity {
  @PrimaryColumn({ name: 'agency_code', type: 'text' })
  agencyCode!: string;

  /** The local (Asia/Ho_Chi_Minh) date of the receptions it numbers. */
  @PrimaryColumn({ type: 'date' })
  day!: string;

  /** The last number issued that day. */
  @Column({ name: 'last_value', type: 'integer' })
  lastValue!: number;
}
