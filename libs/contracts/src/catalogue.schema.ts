import { z } from 'zod';
import {
  CODE_PATTERN,
  emailSchema,
  integer,
  localDateSchema,
  procedureCodeSchema,
  responseInstantSchema,
  text,
  unitCodeSchema,
} from './primitives';
import { shown } from './problems';
import { durationUnitSchema, onlineLevelSchema, supplementPolicySchema, unitKindSchema } from './vocabulary';

type UnitCode = z.ZodType<string, string>;

/** A unit code that must name a known unit: the check sits on the field, so it runs even when others fail. */
export function knownUnitCode(known: Iterable<string>): UnitCode {
  const codes = new Set(known);
  return unitCodeSchema.refine((code) => codes.has(code), {
    error: (issue) => `unknown unit ${shown(issue.input)}`,
  });
}

function unitFields(unit: UnitCode) {
  return {
    name: text(300),
    parentCode: unit.optional(),
    email: emailSchema.optional(),
    kind: unitKindSchema,
    /** The head of the unit (trưởng đơn vị): who signs its apologies and gets its daily digest (issue 8). */
    headName: text(200).optional(),
    headEmail: emailSchema.optional(),
  };
}

/** `PUT /api/v1/units/:code`. */
export const unitBodySchema = z.strictObject(unitFields(unitCodeSchema)).meta({
  id: 'UnitBody',
  description: 'A unit as an administrator publishes it; parentCode must name a known unit',
});
export type UnitBody = z.output<typeof unitBodySchema>;

/** The unit body with `parentCode` checked against the units known now. */
export function unitBodySchemaFor(knownUnitCodes: Iterable<string>) {
  return z.strictObject(unitFields(knownUnitCode(knownUnitCodes)));
}

export const unitSchema = z
  .object({
    code: unitCodeSchema,
    name: z.string(),
    parentCode: unitCodeSchema.nullable(),
    email: z.string().nullable(),
    kind: unitKindSchema,
    headName: z.string().nullable().describe('the head of the unit (trưởng đơn vị)'),
    headEmail: z
      .string()
      .nullable()
      .describe("the head's mailbox: apologies awaiting signature and the daily digest go there"),
  })
  .meta({ id: 'Unit', description: 'A unit (đơn vị) of the department' });
export type Unit = z.output<typeof unitSchema>;

export const unitListSchema = z
  .array(unitSchema)
  .meta({ id: 'UnitList', description: 'Every unit, by code' });

/** One entry of config/catalogue/units.json. */
export const unitFileEntrySchema = z.strictObject({ code: unitCodeSchema, ...unitFields(unitCodeSchema) });
export type UnitFileEntry = z.output<typeof unitFileEntrySchema>;

/** Reports every entry whose `key` repeats the one of an earlier entry. */
function uniqueBy(
  items: unknown,
  key: string,
  ctx: z.core.$RefinementCtx,
  problem: (code: string) => string,
) {
  if (!Array.isArray(items)) return;
  const seen = new Set<unknown>();
  items.forEach((item: unknown, i) => {
    const code =
      typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[key] : undefined;
    if (typeof code !== 'string') return;
    if (seen.has(code)) ctx.addIssue({ code: 'custom', path: [i, key], message: problem(code), input: code });
    seen.add(code);
  });
}

/** Run on an array even when an item failed: whole-list checks answer alongside item problems. */
const onAnyArray = { when: (payload: { value: unknown }) => Array.isArray(payload.value) };

/** config/catalogue/units.json: codes unique, every parentCode a unit of the file. */
export const unitsFileSchema = z.array(unitFileEntrySchema).superRefine((units, ctx) => {
  uniqueBy(units, 'code', ctx, (code) => `${code} is listed twice`);
  const codes = new Set(units.map((u) => u?.code));
  units.forEach((u, i) => {
    if (typeof u?.parentCode === 'string' && !codes.has(u.parentCode))
      ctx.addIssue({
        code: 'custom',
        path: [i, 'parentCode'],
        message: `unknown unit ${u.parentCode}`,
        input: u,
      });
  });
}, onAnyArray);

function stepSchema(unit: UnitCode) {
  return z.strictObject({
    code: text(32, { pattern: CODE_PATTERN }),
    name: text(300),
    unitCode: unit,
    allocatedWorkingHours: z.number().min(0).max(10000),
  });
}

function procedureShape(unit: UnitCode) {
  return {
    name: text(1000),
    field: text(200),
    leadUnitCode: unit,
    duration: z.strictObject({ value: z.number().min(0).max(3650), unit: durationUnitSchema }),
    onlineLevel: onlineLevelSchema,
    feeVnd: integer(0),
    /** §7.3 3.5 / §7.5: the fee can be paid online (a payment gateway is integrated); absent means no. */
    onlinePayment: z.boolean().optional(),
    requiresPaperResult: z.boolean(),
    supplementPolicy: supplementPolicySchema,
    /** §6.7: the applicant's financial obligation pauses the clock for this procedure. */
    pauseOnFinancialObligation: z.boolean().optional(),
    /**
     * §3.3 (Thanh Hóa `ThoiHanBoSung`): the working days the applicant has to return a supplement asked for during
     * processing, counted from the request like a duration; when they pass, the deadline tracker flags the dossier
     * for closing as not received. Absent: no such deadline.
     */
    supplementDeadlineWorkingDays: z.number().gt(0).max(365).optional(),
    steps: z
      .array(stepSchema(unit))
      .max(30)
      .superRefine((steps, ctx) => {
        const codes = steps.map((s) => s?.code);
        if (new Set(codes).size !== codes.length)
          ctx.addIssue({ code: 'custom', message: 'step codes must be unique', input: codes });
      }, onAnyArray),
    legalBasis: text(2000, { min: 0 }).optional(),
    sources: z
      .array(text(1000, { min: 0 }))
      .max(20)
      .optional(),
    example: z
      .array(text(100, { min: 0 }))
      .max(30)
      .optional(),
  };
}

export const procedureStepSchema = stepSchema(unitCodeSchema).meta({
  id: 'ProcedureStep',
  description: 'One step of the internal process, with its unit and budget',
});
export type ProcedureStep = z.output<typeof procedureStepSchema>;

/** `PUT /api/v1/procedures/:code`: the procedure as published; each change is a new version. */
export const procedureDefinitionSchema = z.strictObject(procedureShape(unitCodeSchema)).meta({
  id: 'ProcedureDefinition',
  description: 'A procedure version; leadUnitCode and steps[].unitCode must name known units',
});
export type ProcedureDefinition = z.output<typeof procedureDefinitionSchema>;

/** The procedure body with every unit code checked against the units known now. */
export function procedureDefinitionSchemaFor(knownUnitCodes: Iterable<string>) {
  return z.strictObject(procedureShape(knownUnitCode(knownUnitCodes)));
}

const effectiveFrom = localDateSchema
  .optional()
  .describe(
    'for a later version: the local date it governs receipts from (today or later, never before the newest ' +
      "version's; today or absent means from now). The first version of a procedure governs every receipt.",
  );

/** `PUT /api/v1/procedures/:code`: the definition, and from when a later version governs receipts. */
export const procedureBodySchema = z.strictObject({ ...procedureShape(unitCodeSchema), effectiveFrom }).meta({
  id: 'ProcedureBody',
  description:
    'A procedure version as an administrator publishes it; leadUnitCode and steps[].unitCode must name known units',
});
export type ProcedureBody = z.output<typeof procedureBodySchema>;

/** The procedure body with every unit code checked against the units known now. */
export function procedureBodySchemaFor(knownUnitCodes: Iterable<string>) {
  return z.strictObject({ ...procedureShape(knownUnitCode(knownUnitCodes)), effectiveFrom });
}

/** One entry of config/catalogue/procedures.json: `{code, ...definition}`. */
export function procedureFileEntrySchemaFor(knownUnitCodes: Iterable<string>) {
  return z.strictObject({ code: procedureCodeSchema, ...procedureShape(knownUnitCode(knownUnitCodes)) });
}
export type ProcedureFileEntry = ProcedureDefinition & { code: string };

/** config/catalogue/procedures.json, checked against the units of units.json. */
export function proceduresFileSchemaFor(knownUnitCodes: Iterable<string>) {
  return z
    .array(procedureFileEntrySchemaFor(knownUnitCodes))
    .superRefine(
      (items, ctx) => uniqueBy(items, 'code', ctx, (code) => `${code} is listed twice`),
      onAnyArray,
    );
}

const versionRef = z.object({ version: integer(1), effectiveFrom: responseInstantSchema });

/** `GET /api/v1/procedures/:code` and the answer to a PUT: the version in force and every version. */
export const procedureVersionSchema = z
  .object({
    code: procedureCodeSchema,
    version: integer(1),
    effectiveFrom: responseInstantSchema,
    ...procedureShape(unitCodeSchema),
    versions: z.array(versionRef).optional(),
  })
  .meta({
    id: 'ProcedureVersion',
    description: 'A procedure version with the dates it governs receipts from',
  });
export type ProcedureVersionView = z.output<typeof procedureVersionSchema>;

export const procedureListSchema = z
  .array(procedureVersionSchema)
  .meta({ id: 'ProcedureList', description: 'Every procedure at the version in force now, by code' });
