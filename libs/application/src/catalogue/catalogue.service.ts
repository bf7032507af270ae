import { Inject, Injectable } from '@nestjs/common';
import { localInstant, toLocalDate } from '@motcua/calendar';
import {
  parseWith,
  procedureBodySchemaFor,
  procedureCodeSchema,
  unitBodySchemaFor,
  unitCodeSchema,
  type FieldProblem,
} from '@motcua/contracts';
import {
  CATALOGUE_EPOCH,
  CatalogueRepository,
  type ProcedureVersionRecord,
  type UnitRecord,
} from '@motcua/database';
import { AppError } from '../app-error';
import { CLOCK, type Clock } from '../clock';
import { present } from '../presentation/instants';
import { versionAt } from '../rules/procedure-rules';
import { RulesProvider } from '../rules/rules.provider';

/**
 * Units and procedure versions: read from the published-rules snapshot (reloaded whenever the rules revision
 * moved, so no reader waits for a cache) and published by admins.
 */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly repo: CatalogueRepository,
    private readonly rules: RulesProvider,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async units(): Promise<UnitRecord[]> {
    return this.rules.units();
  }

  async unit(code: string): Promise<UnitRecord | null> {
    return (await this.units()).find((u) => u.code === code) ?? null;
  }

  /** Every version of these procedures. */
  async versionsOf(codes: string[]): Promise<Map<string, ProcedureVersionRecord[]>> {
    const all = (await this.rules.snapshot()).procedures;
    return new Map(codes.map((c) => [c, all.get(c) ?? []]));
  }

  async procedures() {
    const now = this.clock.now();
    const out: Array<ReturnType<typeof presentVersion>> = [];
    for (const versions of (await this.rules.snapshot()).procedures.values()) {
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
      headName: v.value.headName ?? null,
      headEmail: v.value.headEmail ?? null,
    };
    await this.repo.upsertUnit(unit);
    return unit;
  }

  /**
   * Publishes a procedure version. The first version of a code governs every receipt, past and future (an import
   * of earlier records, a receipt entered the next morning); a later one governs receipts from `effectiveFrom`
   * (a local date, today or later, never before the newest version's) — from now when it is today or absent.
   * Open dossiers keep the version they were received under.
   */
  async putProcedure(code: string, body: unknown) {
    const known = (await this.units()).map((u) => u.code);
    const problems: FieldProblem[] = [...codeProblems(procedureCodeSchema, code)];
    const v = parseWith(procedureBodySchemaFor(known), body);
    if (!v.ok) problems.push(...v.problems);
    if (!v.ok || problems.length > 0) throw AppError.invalid(problems);
    const { effectiveFrom, ...definition } = v.value;
    const now = this.clock.now();
    const today = toLocalDate(now);
    if (effectiveFrom !== undefined && effectiveFrom < today)
      throw effectiveFromProblem(`must be today (${today}) or later`);
    const version = await this.repo.publishProcedure(code, definition, (latest) => {
      if (!latest) {
        if (effectiveFrom !== undefined)
          throw effectiveFromProblem(
            'the first version of a procedure governs every receipt; effectiveFrom is for later versions',
          );
        return CATALOGUE_EPOCH;
      }
      const newest = toLocalDate(latest.effectiveFrom);
      if (effectiveFrom === undefined) {
        if (latest.effectiveFrom <= now) return now;
        throw effectiveFromProblem(
          `is required while version ${latest.version} waits to govern receipts from ${newest}: ${newest} or later`,
        );
      }
      if (effectiveFrom < newest)
        throw effectiveFromProblem(
          `must not be before ${newest}, from when version ${latest.version} governs receipts`,
        );
      // Today means from now: receipts earlier today were decided under the version then in force.
      return Math.max(now, latest.effectiveFrom, localInstant(effectiveFrom, '00:00'));
    });
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

function effectiveFromProblem(problem: string): AppError {
  return AppError.invalid([{ field: 'effectiveFrom', problem }]);
}

/** The code in the path, checked like any code in a body, reported on the field `code`. */
function codeProblems(schema: typeof unitCodeSchema, code: string): FieldProblem[] {
  const r = parseWith(schema, code);
  return r.ok ? [] : r.problems.map((p) => ({ ...p, field: 'code' }));
}

function presentVersion(v: ProcedureVersionRecord) {
  return { code: v.code, version: v.version, effectiveFrom: v.effectiveFrom, ...v.definition };
}
