import { z } from 'zod';

/** One problem of a request or a file, named by its path (`events[8].data.amountVnd`). */
export interface FieldProblem {
  field: string;
  problem: string;
}

export const REQUIRED = 'is required';
export const NOT_ALLOWED = 'is not an allowed field';
export const NOT_A_JSON_OBJECT = 'must be a JSON object';

/** The JSON type of a value, as a caller would name it. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** A value as a problem quotes it: strings as they are, anything else as JSON. */
export function shown(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

const EXPECTED: Readonly<Record<string, string>> = {
  object: 'an object',
  record: 'an object',
  array: 'an array',
  tuple: 'an array',
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
};

type RawIssue = z.core.$ZodRawIssue;

function sizeProblem(issue: RawIssue & { code: 'too_small' | 'too_big' }): string {
  const least = issue.code === 'too_small';
  const bound = least ? (issue as { minimum: number | bigint }).minimum : issue.maximum;
  const exact = issue.exact === true;
  const unit = issue.origin === 'string' ? 'character' : issue.origin === 'array' ? 'item' : null;
  if (unit) {
    if (exact) return `must have exactly ${bound} ${unit}(s)`;
    return least ? `must have at least ${bound} ${unit}(s)` : `must have at most ${bound} ${unit}s`;
  }
  if (issue.inclusive === false)
    return least ? `must be greater than ${bound}` : `must be less than ${bound}`;
  return least ? `must be at least ${bound}` : `must be at most ${bound}`;
}

/** The project's wording for every zod issue (installed below as zod's global error map). */
export function problemText(issue: RawIssue): string | undefined {
  const input = issue.input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return REQUIRED;
      if (issue.expected === 'int') return 'must be an integer';
      return `must be ${EXPECTED[issue.expected] ?? `a ${issue.expected}`}, got ${typeName(input)}`;
    case 'invalid_value':
      // A wrong type in an enum field gets the same answer as a wrong value.
      return input === undefined ? REQUIRED : `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (issue.discriminator !== undefined && Array.isArray(options)) {
        const value =
          typeof input === 'object' && input !== null
            ? (input as Record<string, unknown>)[issue.discriminator]
            : input;
        return value === undefined ? REQUIRED : `must be one of ${options.map(String).join(', ')}`;
      }
      return 'does not match any allowed form';
    }
    case 'too_small':
    case 'too_big':
      return sizeProblem(issue);
    case 'invalid_format':
      if (issue.format === 'regex' && issue.pattern) {
        return `has an invalid format (expected ${issue.pattern.replace(/^\/|\/[a-z]*$/g, '')})`;
      }
      return `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return NOT_ALLOWED;
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return 'is invalid';
    default:
      return undefined;
  }
}

// Every schema of the project lives in this library, so its wording is zod's wording in this process.
z.config({ customError: problemText });

function fieldOf(path: readonly PropertyKey[], prefix: string): string {
  let field = prefix;
  for (const key of path) {
    if (typeof key === 'number') field += `[${key}]`;
    else field += field ? `.${String(key)}` : String(key);
  }
  return field || 'body';
}

/** Turns a zod error into the contract's `details`: one problem per field, the first one found. */
export function problemsOf(error: z.core.$ZodError, prefix = ''): FieldProblem[] {
  const root = error.issues.find(
    (i) =>
      i.path.length === 0 &&
      i.code === 'invalid_type' &&
      (i.expected === 'object' || i.expected === 'record'),
  );
  if (root) return [{ field: prefix || 'body', problem: NOT_A_JSON_OBJECT }];
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const push = (path: readonly PropertyKey[], problem: string) => {
    const field = fieldOf(path, prefix);
    if (seen.has(field)) return;
    seen.add(field);
    problems.push({ field, problem });
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) push([...issue.path, key], NOT_ALLOWED);
    } else {
      push(issue.path, issue.message);
    }
  }
  return problems;
}

/** Appends the problems of `more` whose field `problems` does not name yet. */
export function mergeProblems(problems: FieldProblem[], more: FieldProblem[]): FieldProblem[] {
  const seen = new Set(problems.map((p) => p.field));
  return [...problems, ...more.filter((p) => !seen.has(p.field))];
}

/** One line for a log or an exception: `unknown key "calendar.profile.sesions"; sla.hoursPerWorkingDay must be …`. */
export function describeProblems(problems: readonly FieldProblem[], root = 'body'): string {
  return problems
    .map((p) => {
      if (p.problem === NOT_ALLOWED) return `unknown key "${p.field}"`;
      return p.field === root ? p.problem : `${p.field} ${p.problem}`;
    })
    .join('; ');
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** Parses `value`; problems carry `prefix` in their field names. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  prefix = '',
): ParseResult<z.output<S>> {
  const r = schema.safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false, problems: problemsOf(r.error, prefix) };
}
