import type { DossierEvent, DossierEventType } from '@motcua/sla';
import { check, type FieldProblem, type Rule } from './schema.validator';

const str = (max = 500, optional = false): Rule => ({ kind: 'string', min: 1, max, optional });
const opt = (rule: Rule): Rule => ({ ...rule, optional: true });
const CHANNEL: Rule = { kind: 'enum', values: ['direct', 'online', 'postal'] };
const UNIT: Rule = { kind: 'string', min: 1, max: 64, pattern: /^[A-Za-z0-9._-]+$/ };
const PROCEDURE_CODE: Rule = { kind: 'string', min: 1, max: 32, pattern: /^[A-Za-z0-9._-]+$/ };
const APPLICANT: Rule = {
  kind: 'object',
  fields: {
    name: str(200),
    idNumber: opt({ kind: 'string', min: 1, max: 20, pattern: /^[0-9A-Za-z]+$/ }),
    email: opt({ kind: 'string', min: 3, max: 254, pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/ }),
    phone: opt({ kind: 'string', min: 3, max: 20, pattern: /^[0-9+ ().-]+$/ }),
    address: str(500, true),
  },
};

/** The `data` of each event type, per the HTTP contract. */
export const EVENT_DATA_RULES: Record<DossierEventType, Rule> = {
  received: {
    kind: 'object',
    fields: {
      procedureCode: PROCEDURE_CODE,
      channel: CHANNEL,
      applicant: APPLICANT,
      submittedAt: { kind: 'instant', optional: true },
      documents: opt({
        kind: 'array',
        max: 200,
        of: {
          kind: 'object',
          fields: { name: str(300), digitized: opt({ kind: 'boolean' }), reused: opt({ kind: 'boolean' }) },
        },
      }),
    },
  },
  refused_at_reception: {
    kind: 'object',
    fields: { procedureCode: PROCEDURE_CODE, channel: CHANNEL, applicant: APPLICANT, reason: str(2000) },
  },
  forwarded: {
    kind: 'object',
    fields: {
      fromUnit: UNIT,
      toUnit: UNIT,
      method: { kind: 'enum', values: ['electronic', 'paper', 'postal'] },
      stepCode: opt({ kind: 'string', min: 1, max: 32 }),
    },
  },
  supplement_requested: {
    kind: 'object',
    fields: {
      reason: str(2000),
      items: opt({ kind: 'array', max: 100, of: str(500) }),
      override: opt({ kind: 'boolean' }),
    },
  },
  supplement_received: { kind: 'object', fields: {} },
  obligation_requested: {
    kind: 'object',
    fields: { amountVnd: opt({ kind: 'number', integer: true, min: 0 }) },
  },
  obligation_fulfilled: {
    kind: 'object',
    fields: { amountVnd: opt({ kind: 'number', integer: true, min: 0 }) },
  },
  paid: {
    kind: 'object',
    fields: {
      amountVnd: { kind: 'number', integer: true, min: 0, max: 1e12 },
      method: { kind: 'enum', values: ['online', 'offline'] },
    },
  },
  digitized: {
    kind: 'object',
    fields: {
      components: opt({ kind: 'number', integer: true, min: 0, max: 1000 }),
      result: opt({ kind: 'boolean' }),
    },
  },
  apology_issued: {
    kind: 'object',
    fields: {
      reason: str(2000),
      newDueAt: { kind: 'instant' },
      signer: { kind: 'object', fields: { name: str(200), title: str(200) } },
      responsibleUnit: UNIT,
    },
  },
  result_ready: {
    kind: 'object',
    fields: {
      outcome: { kind: 'enum', values: ['approved', 'refused_on_merits'] },
      electronicResult: opt({ kind: 'boolean' }),
    },
  },
  returned: {
    kind: 'object',
    fields: { method: { kind: 'enum', values: ['desk', 'postal', 'electronic'] } },
  },
  withdrawn: { kind: 'object', fields: { reason: str(2000) } },
  stopped: { kind: 'object', fields: { reason: str(2000) } },
  rules_rebased: { kind: 'object', fields: { reason: str(2000) } },
  rated: {
    kind: 'object',
    fields: {
      rating: { kind: 'enum', values: ['very_satisfied', 'satisfied', 'dissatisfied'] },
      comment: str(2000, true),
    },
  },
};

const EVENT_TYPES = Object.keys(EVENT_DATA_RULES) as DossierEventType[];

const ENVELOPE: Record<string, Rule> = {
  id: {
    kind: 'string',
    min: 36,
    max: 36,
    pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  },
  dossierCode: { kind: 'string', min: 1, max: 64, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/ },
  type: { kind: 'enum', values: EVENT_TYPES },
  occurredAt: { kind: 'instant' },
  data: { kind: 'object', fields: {}, optional: true },
};

/** How far ahead of the server clock an event may be stamped (clock skew between desks). */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;

export type EventValidation =
  { ok: true; event: DossierEvent & { dossierCode: string } } | { ok: false; problems: FieldProblem[] };

/** Validates one event body; `prefix` names its place in a batch (e.g. `events[3]`). */
export function validateEvent(body: unknown, now: number, prefix = ''): EventValidation {
  const problems: FieldProblem[] = [];
  const p = (f: string) => (prefix ? `${prefix}.${f}` : f);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, problems: [{ field: prefix || 'body', problem: 'must be a JSON object' }] };
  }
  const input = body as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!(key in ENVELOPE)) problems.push({ field: p(key), problem: 'is not an allowed field' });
  }
  const id = check(ENVELOPE.id, input.id, p('id'), problems) as string | undefined;
  const dossierCode = check(ENVELOPE.dossierCode, input.dossierCode, p('dossierCode'), problems) as
    string | undefined;
  const type = check(ENVELOPE.type, input.type, p('type'), problems) as DossierEventType | undefined;
  const occurredAt = check(ENVELOPE.occurredAt, input.occurredAt, p('occurredAt'), problems) as
    number | undefined;
  if (occurredAt !== undefined && occurredAt > now + MAX_FUTURE_SKEW_MS) {
    problems.push({ field: p('occurredAt'), problem: 'must not be in the future' });
  }
  let data: unknown;
  if (type !== undefined) {
    data = check(EVENT_DATA_RULES[type], input.data ?? {}, p('data'), problems);
  } else if (input.data !== undefined && (typeof input.data !== 'object' || input.data === null)) {
    problems.push({ field: p('data'), problem: 'must be an object' });
  }
  if (problems.length > 0 || !id || !dossierCode || !type || occurredAt === undefined)
    return { ok: false, problems };
  return {
    ok: true,
    event: { id: id.toLowerCase(), dossierCode, type, occurredAt, data } as DossierEvent & {
      dossierCode: string;
    },
  };
}
