import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Report06aBuckets } from '@motcua/indicators';
import type { DataSource } from 'typeorm';

/** The procedure versions a report covers: dossiers count when received under one of them. */
export interface ProcedureScope {
  codes: string[];
  versions: number[];
  /** Per version: a financial obligation stops its clock (`pauseOnFinancialObligation`). */
  obligationPauses: boolean[];
}

/** The Biểu II.06a period: [from, end) as instants, judged as of `asOf` (the period's end, or now if earlier). */
export interface Report06aPeriod {
  from: number;
  end: number;
  asOf: number;
  /** A pending dossier whose due instant is before this is overdue (the local day of `asOf`, or `asOf` itself). */
  overdueBefore: number;
}

/** What one procedure version did in a period, for the Decision 766 criteria the summary does not hold. */
export interface ProcedureUsageRow {
  procedureCode: string;
  procedureVersion: number;
  /** Online dossiers received in the period. */
  online: number;
  /** Dossiers received in the period with an online payment of a non-zero amount. */
  paidOnline: number;
  /** Dossiers whose result was ready in the period (national status 9 or 10). */
  results: number;
  /** Of which with an electronic result. */
  electronicResults: number;
}

const SCOPE = `scope(code, version, obligation_pauses) AS (SELECT * FROM unnest($1::text[], $2::int[], $3::boolean[]))`;

/**
 * The reports' passes over the projection, grouped by procedure version so that the caller maps versions to
 * fields and lead units from the catalogue. Dossiers never received (national status 1) or refused at the desk (3)
 * do not count.
 */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Biểu II.06a (§7.1): dossiers received before the period's end and not ended before its start. Ended in the
   * period: early / late by the projection's `outcome` for a result (9, 10), on time otherwise (no due date,
   * withdrawn, stopped). Pending at the end: within due while awaiting the applicant (a supplement, or a financial
   * obligation that stops the procedure's clock, open at `asOf`) or with no due date; else against the due date in force at `asOf` (`dueHistory` when a later change moved it).
   */
  async report06a(scope: ProcedureScope, p: Report06aPeriod): Promise<Report06aBuckets[]> {
    const rows: Array<Record<string, string | number>> = await this.db.query(
      `WITH ${SCOPE},
       d AS (
         SELECT d.procedure_code AS code, d.procedure_version AS version, d.channel, d.national_status AS ns,
                d.received_at, d.finished_at, d.outcome,
                CASE WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(d.state->'dueHistory') h
                                   WHERE (h->>'at')::bigint >= $6)
                     THEN (SELECT (h->>'dueAt')::bigint FROM jsonb_array_elements(d.state->'dueHistory') h
                            WHERE (h->>'at')::bigint < $6 ORDER BY (h->>'at')::bigint DESC LIMIT 1)
                     ELSE (extract(epoch FROM d.due_at) * 1000)::bigint END AS due_ms,
                EXISTS (SELECT 1 FROM jsonb_array_elements(d.state->'pauses') pz
                         WHERE (pz->>'kind' = 'supplement' OR s.obligation_pauses)
                           AND (pz->>'startedAt')::bigint < $6
                           AND (pz->>'endedAt' IS NULL OR (pz->>'endedAt')::bigint >= $6)) AS paused
           FROM dossiers d JOIN scope s ON s.code = d.procedure_code AND s.version = d.procedure_version
          WHERE d.received_at < $5 AND (d.finished_at IS NULL OR d.finished_at >= $4)
            AND d.national_status NOT IN (1, 3)
       )
       SELECT code, version,
              count(*) FILTER (WHERE received_at < $4) AS carried_over,
              count(*) FILTER (WHERE received_at >= $4 AND channel = 'online') AS new_online,
              count(*) FILTER (WHERE received_at >= $4 AND channel IS DISTINCT FROM 'online') AS new_direct,
              count(*) FILTER (WHERE finished_at < $5 AND ns IN (9, 10) AND outcome = 'early') AS early,
              count(*) FILTER (WHERE finished_at < $5 AND NOT (ns IN (9, 10) AND coalesce(outcome, '') IN ('early', 'late')))
                AS on_time,
              count(*) FILTER (WHERE finished_at < $5 AND ns IN (9, 10) AND outcome = 'late') AS late,
              count(*) FILTER (WHERE (finished_at IS NULL OR finished_at >= $5)
                                 AND (paused OR due_ms IS NULL OR due_ms >= $7)) AS within_due,
              count(*) FILTER (WHERE (finished_at IS NULL OR finished_at >= $5)
                                 AND NOT paused AND due_ms < $7) AS overdue
         FROM d
        GROUP BY code, version
        ORDER BY code, version`,
      [
        scope.codes,
        scope.versions,
        scope.obligationPauses,
        new Date(p.from),
        new Date(p.end),
        p.asOf,
        p.overdueBefore,
      ],
    );
    return rows.map((r) => ({
      procedureCode: String(r.code),
      procedureVersion: Number(r.version),
      carriedOver: Number(r.carried_over),
      newOnline: Number(r.new_online),
      newDirectOrPostal: Number(r.new_direct),
      early: Number(r.early),
      onTime: Number(r.on_time),
      late: Number(r.late),
      withinDue: Number(r.within_due),
      overdue: Number(r.overdue),
    }));
  }

  /** Per procedure version: online dossiers, online payments and electronic results of the period [from, end). */
  async procedureUsage(scope: ProcedureScope, from: number, end: number): Promise<ProcedureUsageRow[]> {
    const rows: Array<Record<string, string | number>> = await this.db.query(
      `WITH ${SCOPE},
       d AS (
         SELECT d.procedure_code AS code, d.procedure_version AS version, d.channel, d.national_status AS ns,
                d.received_at >= $4 AND d.received_at < $5 AS received_in,
                d.finished_at >= $4 AND d.finished_at < $5 AS finished_in,
                EXISTS (SELECT 1 FROM jsonb_array_elements(d.state->'payments') pay
                         WHERE pay->>'method' = 'online' AND (pay->>'amountVnd')::numeric > 0) AS paid_online,
                (d.state->>'electronicResult' = 'true' OR d.state->'digitized'->>'result' = 'true') AS e_result
           FROM dossiers d JOIN scope s ON s.code = d.procedure_code AND s.version = d.procedure_version
          WHERE d.national_status NOT IN (1, 3)
            AND ((d.received_at >= $4 AND d.received_at < $5) OR (d.finished_at >= $4 AND d.finished_at < $5))
       )
       SELECT code, version,
              count(*) FILTER (WHERE received_in AND channel = 'online') AS online,
              count(*) FILTER (WHERE received_in AND paid_online) AS paid_online,
              count(*) FILTER (WHERE finished_in AND ns IN (9, 10)) AS results,
              count(*) FILTER (WHERE finished_in AND ns IN (9, 10) AND e_result) AS electronic_results
         FROM d
        GROUP BY code, version
        ORDER BY code, version`,
      [scope.codes, scope.versions, scope.obligationPauses, new Date(from), new Date(end)],
    );
    return rows.map((r) => ({
      procedureCode: String(r.code),
      procedureVersion: Number(r.version),
      online: Number(r.online),
      paidOnline: Number(r.paid_online),
      results: Number(r.results),
      electronicResults: Number(r.electronic_results),
    }));
  }
}
