/**
 * Masks citizens' personal data in what is logged (issue 12): ID numbers, phone numbers and e-mail addresses in any
 * text, and whole values under the field names that hold personal data. Pure: the logger runs it on every line.
 */

/** Fields whose value is personal whatever it looks like (the applicant of an event, credentials). */
export const PERSONAL_FIELDS: readonly string[] = [
  'applicant',
  'applicantName',
  'idNumber',
  'phone',
  'email',
  'address',
  'password',
  'authorization',
  'accessToken',
];

const PERSONAL_KEYS = new Set(PERSONAL_FIELDS.map((f) => f.toLowerCase()));

export const MASKED_FIELD = '[redacted]';
export const MASKED_ID_NUMBER = '[id-number]';
export const MASKED_PHONE = '[phone]';
export const MASKED_EMAIL = '[email]';

/**
 * One pass, first alternative wins: a UUID and a dossier code are kept (digits that look personal), then e-mail, Vietnamese phone
 * (0 or +84/84 then nine digits, single spaces, dots or hyphens allowed between them), ID number (CMND 9 digits,
 * CCCD 12). Numbers are whole tokens: digits or letters on either side (a 13-digit timestamp, a code) are no match.
 */
const PERSONAL_TEXT = new RegExp(
  [
    String.raw`(?<uuid>\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b)`,
    // A dossier code (agency-day-sequence) is kept whole: its sequence may look like a phone (chaos/CI finding).
    String.raw`(?<code>\b[A-Za-z]\w*(?:\.\w+)*-\w+-\d+\b)`,
    String.raw`(?<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})`,
    String.raw`(?<phone>(?<![\w+])(?:\+84|84|0)(?:[ .-]?\d){9}(?![\w]))`,
    String.raw`(?<id>(?<![\w])(?:\d{12}|\d{9})(?![\w]))`,
  ].join('|'),
  'g',
);

/** The text with every ID number, phone number and e-mail address replaced by a placeholder. */
export function maskPersonalText(text: string): string {
  // Most lines hold no digit run long enough nor an @: skip the regex for them.
  if (!/\d{9}|@|\d[ .-]\d/.test(text)) return text;
  return text.replace(PERSONAL_TEXT, (match, ...args: unknown[]) => {
    const groups = args.at(-1) as Record<string, string | undefined>;
    if (groups.uuid !== undefined || groups.code !== undefined) return match;
    if (groups.email !== undefined) return MASKED_EMAIL;
    if (groups.phone !== undefined) return MASKED_PHONE;
    return MASKED_ID_NUMBER;
  });
}

const MAX_DEPTH = 8;

/**
 * A copy of `value` safe to log: strings masked, personal fields replaced, errors as {name, message, stack} masked.
 * Values it need not change are returned as they are; cycles and depth beyond 8 are cut.
 */
export function redactPersonalData(value: unknown): unknown {
  return redact(value, 0, new WeakSet());
}

function redact(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return maskPersonalText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[…]';
  seen.add(value);
  try {
    if (value instanceof Error) return redactError(value, depth, seen);
    if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, seen));
    if (value instanceof Date) return value;
    // Maps, Buffers and class instances are logged by their own serialisation: turn them into text first.
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return maskPersonalText(safeString(value));
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = PERSONAL_KEYS.has(key.toLowerCase()) ? MASKED_FIELD : redact(v, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/** An Error keeps its class for the logger (which prints name, message, stack and cause), with masked texts. */
function redactError(err: Error, depth: number, seen: WeakSet<object>): Error {
  const copy =
    err.cause === undefined
      ? new Error(maskPersonalText(err.message))
      : new Error(maskPersonalText(err.message), { cause: redact(err.cause, depth + 1, seen) });
  copy.name = err.name;
  copy.stack = err.stack === undefined ? undefined : maskPersonalText(err.stack);
  for (const [key, v] of Object.entries(err)) {
    if (key === 'cause') continue;
    (copy as unknown as Record<string, unknown>)[key] = PERSONAL_KEYS.has(key.toLowerCase())
      ? MASKED_FIELD
      : redact(v, depth + 1, seen);
  }
  return copy;
}

function safeString(value: object): string {
  try {
    return JSON.stringify(value) ?? Object.prototype.toString.call(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
