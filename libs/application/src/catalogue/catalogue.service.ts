import { Inject, Injectable } from '@nestjs/common';
import {
  parseWith,
  procedureCodeSchema,
  procedureDefinitionSchemaFor,
  unitBodySchemaFor,
  unitCodeSchema,
  type FieldProblem,
} from '@motcua/contracts';
import { CatalogueRepository, type ProcedureVersionRecord, type UnitRecord } from '@motcua/database';
import { AppError } from '../app-error';
import { CLOCK, type Clock } from '../clock';
import { present } from '../presentation/instants';
import { versionAt } from '../rules/procedure-rules';

/** How long an app may serve the catalogue from memory (the API briefly; the worker reads it per batch). */
export const CATALOGUE_CACHE_MS = Symbol('CATALOGUE_CACHE_MS');

type Snapshot = { at: number; units: UnitRecord[]; versions: Map<string, ProcedureVersionRecord[]> };

/** Units and procedure versions: read (from a short-lived cache where allowed) and published by admins. */
@Injectable()
export class CatalogueService {
  private cache: Snapshot | null = null;

  constructor(
    private readonly repo: CatalogueRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CATALOGUE_CACHE_MS) private readonly cacheMs: number,
  ) {}

  // Versions are immutable, so a stale cache only delays a version published meanwhile.
  private async load(): Promise<Snapshot> {
    const now = Date.now();
    if (this.cache && now - this.cache.at < this.cacheMs) return this.cache;
    const [units, all] = await Promise.all([this.repo.units(), this.repo.allVersions()]);
    this.cache = { at: now, units, versions: groupByCode(all) };
    return this.cache;
  }

  async units(): Promise<UnitRecord[]> {
    return (await this.load()).units;
  }

  async unit(code: string): Promise<UnitRecord | null> {
    return (await this.units()).find((u) => u.code === code) ?? null;
  }

  /** Every version of these procedures; without a cache, read now for exactly these codes. */
  async versionsOf(codes: string[]): Promise<Map<string, ProcedureVersionRecord[]>> {
    if (this.cacheMs <= 0) return groupByCode(await this.repo.versionsOfCodes(codes));
    const all = (await this.load()).versions;
    return new Map(codes.map((c) => [c, all.get(c) ?? []]));
  }

  async procedures() {
    const now = this.clock.now();
    const out: Array<ReturnType<typeof presentVersion>> = [];
    for (const versions of (await this.load()).versions.values()) {
      out.push(presentVersion(versionAt(versions, now) ?? versions[0]));
    }
    return present(
      out.sort((a, b) => (a.code < b.code ? -1 : 1)),
      ['effectiveFrom'],
    );
  }

  async procedure(code: string) {
    const versions = (await this.versionsOf([code])).get(code) ?? [];
    if (versions.length === 0) throw AppError.notFound(`procedure ${code}`);
    const current = versionAt(versions, this.clock.now()) ?? versions[0];
    return present(
      {
        ...presentVersion(current),
        versions: versions.map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom })),
      },
      ['effectiveFrom'],
    );
  }

  async putUnit(code: string, body: unknown): Promise<UnitRecord> {
    const known = (await this.units()).map((u) => u.code);
    const problems: FieldProblem[] = [...codeProblems(unitCodeSchema, code)];
    const v = parseWith(unitBodySchemaFor(known), body);
    if (!v.ok) problems.push(...v.problems);
    if (!v.ok || problems.length > 0) throw AppError.invalid(problems);
    const unit: UnitRecord = {
      code,
      name: v.value.name,
      parentCode: v.value.parentCode ?? null,
      email: v.value.email ?? null,
      kind: v.value.kind,
    };
    await this.repo.upsertUnit(unit);
    this.cache = null;
    return unit;
  }

  async putProcedure(code: string, body: unknown) {
    const known = (await this.units()).map((u) => u.code);
    const problems: FieldProblem[] = [...codeProblems(procedureCodeSchema, code)];
    const v = parseWith(procedureDefinitionSchemaFor(known), body);
    if (!v.ok) problems.push(...v.problems);
    if (!v.ok || problems.length > 0) throw AppError.invalid(problems);
    // Open dossiers keep the version they were received under; this one governs receipts from now on.
    const version = await this.repo.publishProcedure(code, v.value, this.clock.now());
    this.cache = null;
    return present(
      {
        ...presentVersion(version),
        versions: (await this.repo.versionsOf(code)).map((x) => ({
          version: x.version,
          effectiveFrom: x.effectiveFrom,
        })),
      },
      ['effectiveFrom'],
    );
  }
}

/** The code in the path, checked like any code in a body, reported on the field `code`. */
function codeProblems(schema: typeof unitCodeSchema, code: string): FieldProblem[] {
  const r = parseWith(schema, code);
  return r.ok ? [] : r.problems.map((p) => ({ ...p, field: 'code' }));
}

function groupByCode(all: ProcedureVersionRecord[]): Map<string, ProcedureVersionRecord[]> {
  const out = new Map<string, ProcedureVersionRecord[]>();
  for (const v of all) out.set(v.code, [...(out.get(v.code) ?? []), v]);
  return out;
}

function presentVersion(v: ProcedureVersionRecord) {
  return { code: v.code, version: v.version, effectiveFrom: v.effectiveFrom, ...v.definition };
}
