import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { describeProblems, problemsOf } from '@motcua/contracts';

type Fail = (message: string) => Error;

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The parsed JSON of `file`; an unreadable or malformed file fails with its path. */
export function readJsonFile(file: string, fail: Fail): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw fail(`${file}: cannot be read (${reason(err)})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw fail(`${file}: not valid JSON (${reason(err)})`);
  }
}

/** `value` checked against `schema`; every problem is named with its key path, after the file. */
export function checkFile<S extends z.ZodType>(
  schema: S,
  value: unknown,
  file: string,
  fail: Fail,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw fail(`${file}: ${describeProblems(problemsOf(parsed.error))}`);
}
