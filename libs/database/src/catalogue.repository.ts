import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ProcedureDefinition } from './entities/procedure-version.entity';
import type { Unit, UnitKind } from '@motcua/contracts';
import { canonicalJson } from './event-store.repository';
import { bumpRulesRevision } from './rules.repository';

/** A unit as stored and served: the contracts' `Unit`. */
export type UnitRecord = Unit;

export interface ProcedureVersionRecord {
  code: string;
  version: number;
  effectiveFrom: number;
  /** The rules revision that published it. */
  revision: number;
  definition: ProcedureDefinition;
}

/** The start of time for the catalogue shipped in config/: it governs every dossier before the first change. */
export const CATALOGUE_EPOCH = Date.UTC(1970, 0, 1);

export type UnitRow = {
  code: string;
  name: string;
  parent_code: string | null;
  email: string | null;
  kind: UnitKind;
  head_name: string | null;
  head_email: string | null;
};
export type VersionRow = {
  code: string;
  version: number;
  effective_from: Date;
  revision: number;
  definition: ProcedureDefinition;
};

export function mapUnits(rows: UnitRow[]): UnitRecord[] {
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    parentCode: r.parent_code,
    email: r.email,
    kind: r.kind,
    headName: r.head_name,
    headEmail: r.head_email,
  }));
}

export function mapVersions(rows: VersionRow[]): ProcedureVersionRecord[] {
  return rows.map((r) => ({
    code: r.code,
    version: r.version,
    effectiveFrom: r.effective_from.getTime(),
    revision: r.revision,
    definition: r.definition,
  }));
}

export const UNIT_COLUMNS = 'code, name, parent_code, email, kind, head_name, head_email';
const VERSION_COLUMNS = 'code, version, effective_from, revision, definition';

@Injectable()
export class CatalogueRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async units(): Promise<UnitRecord[]> {
    return mapUnits(await this.db.query(`SELECT ${UNIT_COLUMNS} FROM units ORDER BY code`));
  }

  /** Creates or changes a unit; a real change bumps the rules revision, so that cached catalogues reload. */
  async upsertUnit(u: UnitRecord): Promise<void> {
    await this.db.transaction(async (em) => {
      const changed: unknown[] = await em.query(
        `INSERT INTO units (code, name, parent_code, email, kind, head_name, head_email)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (code) DO UPDATE
            SET name = $2, parent_code = $3, email = $4, kind = $5, head_name = $6, head_email = $7,
                updated_at = now()
          WHERE (units.name, units.parent_code, units.email, units.kind, units.head_name, units.head_email)
                IS DISTINCT FROM ($2, $3, $4, $5, $6, $7)
         RETURNING code`,
        [u.code, u.name, u.parentCode, u.email, u.kind, u.headName, u.headEmail],
      );
      if (changed.length > 0) await bumpRulesRevision(em);
    });
  }

  async allVersions(): Promise<ProcedureVersionRecord[]> {
    return mapVersions(
      await this.db.query(`SELECT ${VERSION_COLUMNS} FROM procedure_versions ORDER BY code, version`),
    );
  }

  async versionsOf(code: string): Promise<ProcedureVersionRecord[]> {
    return mapVersions(
      await this.db.query(
        `SELECT ${VERSION_COLUMNS} FROM procedure_versions WHERE code = $1 ORDER BY version`,
        [code],
      ),
    );
  }

  /**
   * Publishes a definition: a new version unless it equals the latest one. `effectiveFrom` decides, under the
   * publishers' lock, from when the new version governs receipts given the latest one (null for a new code);
   * it may throw to refuse, and nothing is written. Returns the version in force afterwards.
   */
  async publishProcedure(
    code: string,
    definition: ProcedureDefinition,
    effectiveFrom: (latest: ProcedureVersionRecord | null) => number,
  ): Promise<ProcedureVersionRecord> {
    return this.db.transaction(async (em) => {
      // Serialise publishers of one code so two admins cannot take the same version number.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`procedure:${code}`]);
      const [latest]: ProcedureVersionRecord[] = mapVersions(
        await em.query(
          `SELECT ${VERSION_COLUMNS} FROM procedure_versions WHERE code = $1 ORDER BY version DESC LIMIT 1`,
          [code],
        ),
      );
      if (latest && canonicalJson(latest.definition) === canonicalJson(definition)) return latest;
      const from = effectiveFrom(latest ?? null);
      const revision = await bumpRulesRevision(em);
      const version = (latest?.version ?? 0) + 1;
      await em.query(
        'INSERT INTO procedure_versions (code, version, effective_from, revision, definition) VALUES ($1, $2, $3, $4, $5::jsonb)',
        [code, version, new Date(from), revision, JSON.stringify(definition)],
      );
      return { code, version, effectiveFrom: from, revision, definition };
    });
  }
}
