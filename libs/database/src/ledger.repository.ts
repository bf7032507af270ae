import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** One dossier of a desk's ledger (Sổ theo dõi hồ sơ), from the projection; instants as epoch ms. */
export interface LedgerRow {
  code: string;
  procedureCode: string | null;
  procedureVersion: number | null;
  applicant: { name: string; address?: string; phone?: string } | null;
  receivedAt: number;
  dueAt: number | null;
  finishedAt: number | null;
  returnedAt: number | null;
  resultOutcome: string | null;
  handovers: Array<{ at: number; fromUnit: string; toUnit: string }>;
}

type Row = {
  code: string;
  procedure_code: string | null;
  procedure_version: number | null;
  applicant: LedgerRow['applicant'];
  received_at: Date;
  due_at: Date | null;
  finished_at: Date | null;
  returned_at: string | null;
  result_outcome: string | null;
  handovers: LedgerRow['handovers'] | null;
};

/**
 * The ledger's rows in one query over the projection: the dossiers received at a desk (the first unit of their
 * route, `units[1]`) within [from, to), in reception order. `limit` caps a period too large to print.
 */
@Injectable()
export class LedgerRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async rows(desk: string, from: number, to: number, limit: number): Promise<LedgerRow[]> {
    const rows: Row[] = await this.db.query(
      `SELECT code, procedure_code, procedure_version, received_at, due_at, finished_at,
              state->'applicant' AS applicant, state->>'returnedAt' AS returned_at,
              state->>'resultOutcome' AS result_outcome, state->'handovers' AS handovers
         FROM dossiers
        WHERE received_at >= $2 AND received_at < $3 AND units[1] = $1
        ORDER BY received_at, code
        LIMIT $4`,
      [desk, new Date(from), new Date(to), limit],
    );
    return rows.map((r) => ({
      code: r.code,
      procedureCode: r.procedure_code,
      procedureVersion: r.procedure_version,
      applicant: r.applicant,
      receivedAt: r.received_at.getTime(),
      dueAt: r.due_at?.getTime() ?? null,
      finishedAt: r.finished_at?.getTime() ?? null,
      returnedAt: r.returned_at === null ? null : Number(r.returned_at),
      resultOutcome: r.result_outcome,
      handovers: r.handovers ?? [],
    }));
  }
}
