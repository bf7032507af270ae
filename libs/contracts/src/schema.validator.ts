/** A small strict schema checker: every problem is reported with its field path; unknown fields are errors. */
export interface FieldProblem {
  field: string;
  problem: string;
}

export type Rule =
  | { kind: 'string'; min?: number; max?: number; pattern?: RegExp; optional?: boolean }
  | { kind: 'enum'; values: readonly string[]; optional?: boolean }
  | { kind: 'number'; integer?: boolean; min?: number; max?: number; optional?: boolean }
  | { kind: 'boolean'; optional?: boolean }
  | { kind: 'instant'; optional?: boolean }
  | { kind: 'object'; fields: Record<string, Rule>; optional?: boolean }
  | { kind: 'array'; of: Rule; min?: number; max?: number; optional?: boolean };

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO 8601 instant that carries an offset; null when the text or the date is impossible. */
export function parseIsoInstant(text: string): number | null {
  const m = ISO_WITH_OFFSET.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** Checks `value` against `rule`; returns the normalised value (strings NFC, instants as epoch ms). */
export function check(rule: Rule, value: unknown, path: string, problems: FieldProblem[]): unknown {
  if (value === undefined) {
    if (!rule.optional) problems.push({ field: path, problem: 'is required' });
    return undefined;
  }
  switch (rule.kind) {
    case 'string': {
      if (typeof value !== 'string') return fail(problems, path, `must be a string, got ${typeName(value)}`);
      const s = value.normalize('NFC');
      if (rule.min !== undefined && s.trim().length < rule.min)
        return fail(problems, path, `must have at least ${rule.min} character(s)`);
      if (rule.max !== undefined && s.length > rule.max)
        return fail(problems, path, `must have at most ${rule.max} characters`);
      if (rule.pattern && !rule.pattern.test(s))
        return fail(problems, path, `has an invalid format (expected ${rule.pattern.source})`);
      return s;
    }
    case 'enum':
      if (typeof value !== 'string' || !rule.values.includes(value)) {
        return fail(problems, path, `must be one of ${rule.values.join(', ')}`);
      }
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value))
        return fail(problems, path, `must be a number, got ${typeName(value)}`);
      if (rule.integer && !Number.isInteger(value)) return fail(problems, path, 'must be an integer');
      if (rule.min !== undefined && value < rule.min)
        return fail(problems, path, `must be at least ${rule.min}`);
      if (rule.max !== undefined && value > rule.max)
        return fail(problems, path, `must be at most ${rule.max}`);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean')
        return fail(problems, path, `must be a boolean, got ${typeName(value)}`);
      return value;
    case 'instant': {
      if (typeof value !== 'string')
        return fail(problems, path, `must be an ISO 8601 date-time string, got ${typeName(value)}`);
      const t = parseIsoInstant(value);
      if (t === null)
        return fail(
          problems,
          path,
          'must be a real ISO 8601 date-time with an offset, e.g. 2025-01-24T16:00:00+07:00',
        );
      return t;
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return fail(problems, path, `must be an object, got ${typeName(value)}`);
      }
      const out: Record<string, unknown> = {};
      const input = value as Record<string, unknown>;
      for (const key of Object.keys(input)) {
        if (!(key in rule.fields))
          problems.push({ field: join(path, key), problem: 'is not an allowed field' });
      }
      for (const [key, sub] of Object.entries(rule.fields)) {
        const v = check(sub, input[key], join(path, key), problems);
        if (v !== undefined) out[key] = v;
      }
      return out;
    }
    case 'array': {
      if (!Array.isArray(value)) return fail(problems, path, `must be an array, got ${typeName(value)}`);
      if (rule.min !== undefined && value.length < rule.min)
        return fail(problems, path, `must have at least ${rule.min} item(s)`);
      if (rule.max !== undefined && value.length > rule.max)
        return fail(problems, path, `must have at most ${rule.max} items`);
      return value.map((item, i) => check(rule.of, item, `${path}[${i}]`, problems));
    }
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function fail(problems: FieldProblem[], field: string, problem: string): undefined {
  problems.push({ field, problem });
  return undefined;
}
