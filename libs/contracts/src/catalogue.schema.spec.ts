import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newUserRequestSchemaFor } from './auth.schema';
import {
  procedureDefinitionSchemaFor,
  proceduresFileSchemaFor,
  unitBodySchemaFor,
  unitsFileSchema,
} from './catalogue.schema';
import { parseWith } from './problems';

const CATALOGUE = join(__dirname, '../../../config/catalogue');
const read = (file: string): unknown => JSON.parse(readFileSync(join(CATALOGUE, file), 'utf8'));

describe('the shipped catalogue', () => {
  it('units.json and procedures.json validate, with every unit code resolved', () => {
    const units = unitsFileSchema.parse(read('units.json'));
    const procedures = proceduresFileSchemaFor(units.map((u) => u.code)).parse(read('procedures.json'));
    expect(units.length).toBeGreaterThan(5);
    expect(procedures.length).toBe(43);
  });
});

describe('procedure definition', () => {
  const units = ['LDTBXH', 'LDTBXH.MC', 'LDTBXH.VLATLD', 'LDTBXH.VP'];
  const definition = () => {
    const [{ code: _code, ...rest }] = read('procedures.json') as Array<Record<string, unknown>>;
    return rest as Record<string, any>;
  };
  const problems = (body: unknown) => {
    const r = parseWith(procedureDefinitionSchemaFor(units), body);
    return r.ok ? [] : r.problems;
  };

  it('reports the unknown unit alongside the other invalid fields', () => {
    const d = definition();
    const bad = {
      ...d,
      steps: [{ ...d.steps[0], unitCode: 'LDTBXH.NOPE' }],
      duration: { value: 'ten', unit: 'fortnights' },
    };
    expect(
      problems(bad)
        .map((p) => p.field)
        .sort(),
    ).toEqual(['duration.unit', 'duration.value', 'steps[0].unitCode']);
  });

  it('reports only the unknown unit when it is the only problem', () => {
    const d = definition();
    expect(problems({ ...d, steps: [{ ...d.steps[0], unitCode: 'LDTBXH.NOPE' }] })).toEqual([
      { field: 'steps[0].unitCode', problem: 'unknown unit LDTBXH.NOPE' },
    ]);
  });

  it('checks the lead unit and unique step codes', () => {
    const d = definition();
    expect(problems({ ...d, leadUnitCode: 'X', steps: [d.steps[0], d.steps[0]] })).toEqual([
      { field: 'leadUnitCode', problem: 'unknown unit X' },
      { field: 'steps', problem: 'step codes must be unique' },
    ]);
  });

  it('refuses inherited names as fields', () => {
    const body = JSON.parse(
      `{"__proto__": 1, "constructor": 2, "toString": 3, ${JSON.stringify(definition()).slice(1)}`,
    );
    expect(problems(body)).toEqual([
      { field: '__proto__', problem: 'is not an allowed field' },
      { field: 'constructor', problem: 'is not an allowed field' },
      { field: 'toString', problem: 'is not an allowed field' },
    ]);
  });
});

describe('units and users', () => {
  it('a unit body names a known parent', () => {
    const r = parseWith(unitBodySchemaFor(['LDTBXH']), {
      name: 'Phòng X',
      parentCode: 'NOPE',
      kind: 'department',
    });
    expect(r).toEqual({ ok: false, problems: [{ field: 'parentCode', problem: 'unknown unit NOPE' }] });
  });

  it('a unit names its head, whose mailbox must be an address (issue 8)', () => {
    const schema = unitBodySchemaFor(['LDTBXH']);
    const body = { name: 'Phòng X', kind: 'department', headName: 'Nguyễn Văn Trưởng' };
    expect(parseWith(schema, { ...body, headEmail: 'truong@motcua.example' }).ok).toBe(true);
    expect(parseWith(schema, { ...body, headEmail: 'trưởng phòng' })).toMatchObject({
      ok: false,
      problems: [{ field: 'headEmail' }],
    });
  });

  it('units.json refuses a duplicate code and an unknown parent', () => {
    const r = parseWith(unitsFileSchema, [
      { code: 'A', name: 'A', kind: 'agency' },
      { code: 'A', name: 'B', parentCode: 'Z', kind: 'department' },
    ]);
    expect(r.ok ? [] : r.problems).toEqual([
      { field: '[1].code', problem: 'A is listed twice' },
      { field: '[1].parentCode', problem: 'unknown unit Z' },
    ]);
  });

  it('a new user acts for known units or *', () => {
    const schema = newUserRequestSchemaFor(['LDTBXH.MC']);
    const body = {
      username: 'an.nv',
      password: 'mật khẩu dài',
      roles: ['officer'],
      units: ['LDTBXH.MC', '*', 'X'],
    };
    expect(parseWith(schema, body)).toEqual({
      ok: false,
      problems: [{ field: 'units[2]', problem: 'unknown unit X' }],
    });
    expect(parseWith(schema, { ...body, username: 'An', roles: [], units: ['*'] })).toEqual({
      ok: false,
      problems: [
        { field: 'username', problem: 'must have at least 3 character(s)' },
        { field: 'roles', problem: 'must have at least 1 item(s)' },
      ],
    });
  });
});
