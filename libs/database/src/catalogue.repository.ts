import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ProcedureDefinition } from './entities/procedure-version.entity';
import type { Unit, UnitKind } from '@motcua/contracts';
import { canonicalJson } from './event-store.repository';

/** A unit as stored and served: the contracts' `Unit`. */
export type UnitRecord = Unit;

export interface ProcedureVersionRecord {
  code: string;
  version: number;
  effectiveFrom: number;
  definition: ProcedureDefinition;
}

/** The start of time for the catalogue shipped in config/: it governs every dossier before the first change. */
export const CATALOGUE_EPOCH = Date.UTC(1970, 0, 1);

@Injectable()
export class CatalogueRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async units(): Promise<UnitRecord[]> {
    const rows: Array<{
      code: string;
      name: string;
      parent_code: string | null;
      email: string | null;
      kind: UnitKind;
    }> = await this.db.query('SELECT code, name, parent_code, email, kind FROM units ORDER BY code');
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      parentCode: r.parent_code,
      email: r.email,
      kind: r.kind,
    }));
  }

  async upsertUnit(u: UnitRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO units (code, name, parent_code, email, kind) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code) DO UPDATE SET name = $2, parent_code = $3, email = $4, kind = $5, updated_at = now()`,
      [u.code, u.name, u.parentCode, u.email, u.kind],
    );
  }

  async allVersions(): Promise<ProcedureVersionRecord[]> {
    return this.mapVersions(
      await this.db.query(
        'SELECT code, version, effective_from, definition FROM procedure_versions ORDER BY code, version',
      ),
    );
  }

  /** Every version of these procedure codes (the worker reads them fresh for each batch). */
  async versionsOfCodes(codes: string[]): Promise<ProcedureVersionRecord[]> {
    if (codes.length === 0) return [];
    return this.mapVersions(
      await this.db.query(
        'SELECT code, version, effective_from, definition FROM procedure_versions WHERE code = ANY($1::text[]) ORDER BY code, version',
        [codes],
      ),
    );
  }

  async versionsOf(code: string): Promise<ProcedureVersionRecord[]> {
    return this.mapVersions(
      await this.db.query(
        'SELECT code, version, effective_from, definition FROM procedure_versions WHERE code = $1 ORDER BY version',
        [code],
      ),
    );
  }

  /**
   * Publishes a definition: a new version effective from `effectiveFrom`, unless it equals the latest one.
   * Returns the version in force afterwards.
   */
  async publishProcedure(
    code: string,
    definition: ProcedureDefinition,
    effectiveFrom: number,
  ): Promise<ProcedureVersionRecord> {
    return this.db.transaction(async (em) => {
      // Serialise publishers of one code so two admins cannot take the same version number.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`procedure:${code}`]);
      const rows: Array<{ version: number; definition: ProcedureDefinition; effective_from: Date }> =
        await em.query(
          'SELECT version, definition, effective_from FROM procedure_versions WHERE code = $1 ORDER BY version DESC LIMIT 1',
          [code],
        );
      const latest = rows[0];
      if (latest && canonicalJson(latest.definition) === canonicalJson(definition)) {
        return {
          code,
          version: latest.version,
          effectiveFrom: latest.effective_from.getTime(),
          definition: latest.definition,
        };
      }
      const version = (latest?.version ?? 0) + 1;
      await em.query(
        'INSERT INTO procedure_versions (code, version, effective_from, definition) VALUES ($1, $2, $3, $4::jsonb)',
        [code, version, new Date(effectiveFrom), JSON.stringify(definition)],
      );
      return { code, version, effectiveFrom, definition };
    });
  }

  private mapVersions(
    rows: Array<{ code: string; version: number; effective_from: Date; definition: ProcedureDefinition }>,
  ) {
    return rows.map((r) => ({
      code: r.code,
      version: r.version,
      effectiveFrom: r.effective_from.getTime(),
      definition: r.definition,
    }));
  }
}
