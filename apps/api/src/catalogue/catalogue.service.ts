import { Inject, Injectable } from '@nestjs/common';
import { check, type FieldProblem, type Rule } from '@motcua/contracts';
import { CLOCK, type Clock } from '@motcua/core';
import {
  CatalogueRepository,
  versionAt,
  type ProcedureDefinition,
  type ProcedureVersionRecord,
  type UnitRecord,
} from '@motcua/database';
import { ApiError } from '../common/api-error';

const CODE = /^[A-Za-z0-9._-]+$/;
const UNIT_BODY: Rule = {
  kind: 'object',
  fields: {
    name: { kind: 'string', min: 1, max: 300 },
    parentCode: { kind: 'string', min: 1, max: 64, pattern: CODE, optional: true },
    email: { kind: 'string', min: 3, max: 254, pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/, optional: true },
    kind: { kind: 'enum', values: ['one_stop', 'department', 'agency'] },
  },
};
const PROCEDURE_BODY: Rule = {
  kind: 'object',
  fields: {
    name: { kind: 'string', min: 1, max: 1000 },
    field: { kind: 'string', min: 1, max: 200 },
    leadUnitCode: { kind: 'string', min: 1, max: 64, pattern: CODE },
    duration: {
      kind: 'object',
      fields: {
        value: { kind: 'number', min: 0, max: 3650 },
        unit: {
          kind: 'enum',
          values: ['working_days', 'working_hours', 'calendar_days', 'same_day', 'none'],
        },
      },
    },
    onlineLevel: { kind: 'enum', values: ['none', 'partial', 'full'] },
    feeVnd: { kind: 'number', integer: true, min: 0 },
    requiresPaperResult: { kind: 'boolean' },
    supplementPolicy: { kind: 'enum', values: ['pause_resume', 'restart'] },
    pauseOnFinancialObligation: { kind: 'boolean', optional: true },
    steps: {
      kind: 'array',
      max: 30,
      of: {
        kind: 'object',
        fields: {
          code: { kind: 'string', min: 1, max: 32, pattern: CODE },
          name: { kind: 'string', min: 1, max: 300 },
          unitCode: { kind: 'string', min: 1, max: 64, pattern: CODE },
          allocatedWorkingHours: { kind: 'number', min: 0, max: 10000 },
        },
      },
    },
    legalBasis: { kind: 'string', max: 2000, optional: true },
    sources: { kind: 'array', max: 20, of: { kind: 'string', max: 1000 }, optional: true },
    example: { kind: 'array', max: 30, of: { kind: 'string', max: 100 }, optional: true },
  },
};

const CACHE_MS = 5_000;

/** Units and procedure versions, cached briefly; versions are immutable, so a stale cache only delays a new version. */
@Injectable()
export class CatalogueService {
  private cache: { at: number; units: UnitRecord[]; versions: Map<string, ProcedureVersionRecord[]> } | null =
    null;

  constructor(
    private readonly repo: CatalogueRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async load() {
    const now = Date.now();
    if (this.cache && now - this.cache.at < CACHE_MS) return this.cache;
    const [units, all] = await Promise.all([this.repo.units(), this.repo.allVersions()]);
    const versions = new Map<string, ProcedureVersionRecord[]>();
    for (const v of all) versions.set(v.code, [...(versions.get(v.code) ?? []), v]);
    this.cache = { at: now, units, versions };
    return this.cache;
  }

  invalidate(): void {
    this.cache = null;
  }

  async units(): Promise<UnitRecord[]> {
    return (await this.load()).units;
  }

  async unit(code: string): Promise<UnitRecord | null> {
    return (await this.units()).find((u) => u.code === code) ?? null;
  }

  async versions(code: string): Promise<ProcedureVersionRecord[]> {
    return (await this.load()).versions.get(code) ?? [];
  }

  /** The version that governs a dossier received at `at`. */
  async procedureAt(code: string, at: number): Promise<ProcedureVersionRecord | null> {
    return versionAt(await this.versions(code), at);
  }

  async procedures(): Promise<Array<ReturnType<typeof present>>> {
    const now = this.clock.now();
    const out: Array<ReturnType<typeof present>> = [];
    for (const [, versions] of (await this.load()).versions) {
      const v = versionAt(versions, now) ?? versions[0];
      out.push(present(v));
    }
    return out.sort((a, b) => (a.code < b.code ? -1 : 1));
  }

  async procedure(code: string) {
    const versions = await this.versions(code);
    if (versions.length === 0) throw ApiError.notFound(`procedure ${code}`);
    const current = versionAt(versions, this.clock.now()) ?? versions[0];
    return {
      ...present(current),
      versions: versions.map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom })),
    };
  }

  async putUnit(code: string, body: unknown): Promise<UnitRecord> {
    const problems: FieldProblem[] = [];
    if (!CODE.test(code) || code.length > 64)
      problems.push({ field: 'code', problem: 'must match [A-Za-z0-9._-]{1,64}' });
    const v = check(UNIT_BODY, body, '', problems) as Omit<UnitRecord, 'code'> | undefined;
    if (v?.parentCode && !(await this.unit(v.parentCode)))
      problems.push({ field: 'parentCode', problem: `unknown unit ${v.parentCode}` });
    if (problems.length > 0 || !v) throw ApiError.invalid(problems);
    const unit: UnitRecord = {
      code,
      name: v.name,
      parentCode: v.parentCode ?? null,
      email: v.email ?? null,
      kind: v.kind,
    };
    await this.repo.upsertUnit(unit);
    this.invalidate();
    return unit;
  }

  async putProcedure(code: string, body: unknown) {
    const problems: FieldProblem[] = [];
    if (!CODE.test(code) || code.length > 32)
      problems.push({ field: 'code', problem: 'must match [A-Za-z0-9._-]{1,32}' });
    const v = check(PROCEDURE_BODY, body, '', problems) as ProcedureDefinition | undefined;
    if (v) {
      const known = new Set((await this.units()).map((u) => u.code));
      if (!known.has(v.leadUnitCode))
        problems.push({ field: 'leadUnitCode', problem: `unknown unit ${v.leadUnitCode}` });
      v.steps.forEach((s, i) => {
        if (!known.has(s.unitCode))
          problems.push({ field: `steps[${i}].unitCode`, problem: `unknown unit ${s.unitCode}` });
      });
      if (new Set(v.steps.map((s) => s.code)).size !== v.steps.length)
        problems.push({ field: 'steps', problem: 'step codes must be unique' });
    }
    if (problems.length > 0 || !v) throw ApiError.invalid(problems);
    // Open dossiers keep the version they were received under; this one governs receipts from now on.
    const version = await this.repo.publishProcedure(code, v, this.clock.now());
    this.invalidate();
    return {
      ...present(version),
      versions: (await this.repo.versionsOf(code)).map((x) => ({
        version: x.version,
        effectiveFrom: x.effectiveFrom,
      })),
    };
  }
}

function present(v: ProcedureVersionRecord) {
  return { code: v.code, version: v.version, effectiveFrom: v.effectiveFrom, ...v.definition };
}
