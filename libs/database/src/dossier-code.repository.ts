import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** The daily sequences of issued dossier codes (table `dossier_code_sequences`). */
@Injectable()
export class DossierCodeSequences {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Takes `count` consecutive numbers of the sequence of `agencyCode` on local day `day` (YYYY-MM-DD) and returns
   * them. One atomic UPSERT … RETURNING: concurrent callers, in this process or another, never share a number.
   */
  async take(agencyCode: string, day: string, count: number): Promise<number[]> {
    if (count <= 0) return [];
    const rows: Array<{ last_value: number }> = await this.db.query(
      `INSERT INTO dossier_code_sequences AS s (agency_code, day, last_value) VALUES ($1, $2::date, $3)
       ON CONFLICT (agency_code, day) DO UPDATE SET last_value = s.last_value + EXCLUDED.last_value
       RETURNING s.last_value`,
      [agencyCode, day, count],
    );
    const last = Number(rows[0].last_value);
    return Array.from({ length: count }, (_, i) => last - count + 1 + i);
  }
}
