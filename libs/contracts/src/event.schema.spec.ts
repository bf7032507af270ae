import { parseIsoInstant } from './primitives';
import { validateEvent } from './event.schema';

const good = () => ({
  id: '3f1c2a9e-1111-4c8e-9a3a-000000000001',
  dossierCode: 'H57.12-250124-0001',
  type: 'received',
  occurredAt: '2025-01-24T16:00:00+07:00',
  data: { procedureCode: '1.014199', channel: 'direct', applicant: { name: 'Nguyễn Văn An' } },
});

const problemsOf = (body: unknown) => {
  const r = validateEvent(body);
  return r.ok ? [] : r.problems;
};

describe('validateEvent', () => {
  it('accepts a well-formed event and normalises the instant and the text', () => {
    const body = good();
    // "Nguyễn" written with combining marks must come back composed (NFC).
    body.data.applicant.name = 'Nguye\u0302\u0303n Văn An';
    const r = validateEvent(body);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.event.occurredAt).toBe(Date.parse('2025-01-24T09:00:00Z'));
    expect((r.event.data as { applicant: { name: string } }).applicant.name).toBe('Nguyễn Văn An');
  });

  it.each([
    ['missing field', (b: any) => delete b.id, 'id', 'is required'],
    [
      'missing dossier code of an event other than a reception',
      (b: any) => {
        delete b.dossierCode;
        b.type = 'paid';
        b.data = { amountVnd: 1, method: 'online' };
      },
      'dossierCode',
      'is required',
    ],
    [
      'NUL character in a text',
      (b: any) => (b.data.applicant.name = 'An\u0000'),
      'data.applicant.name',
      'NUL',
    ],
    [
      'unpaired surrogate in a text',
      (b: any) => (b.data.applicant.address = 'x\ud800y'),
      'data.applicant.address',
      'surrogate',
    ],
    [
      'backdateReason of the wrong type',
      (b: any) => (b.data.backdateReason = 5),
      'data.backdateReason',
      'must be a string',
    ],
    ['wrong type', (b: any) => (b.data.channel = 3), 'data.channel', 'must be one of'],
    ['bad enum value', (b: any) => (b.type = 'teleported'), 'type', 'must be one of'],
    [
      'impossible date',
      (b: any) => (b.occurredAt = '2025-02-30T10:00:00+07:00'),
      'occurredAt',
      'real ISO 8601',
    ],
    ['date without offset', (b: any) => (b.occurredAt = '2025-01-24T10:00:00'), 'occurredAt', 'offset'],
    ['unknown top-level field', (b: any) => (b.unit = 'LDTBXH.VP'), 'unit', 'not an allowed field'],
    ['unknown data field', (b: any) => (b.data.dueAt = 'x'), 'data.dueAt', 'not an allowed field'],
    ['bad uuid', (b: any) => (b.id = 'abc'), 'id', 'at least 36'],
    ['empty name', (b: any) => (b.data.applicant.name = '  '), 'data.applicant.name', 'at least 1'],
    ['nested wrong type', (b: any) => (b.data.applicant = 'An'), 'data.applicant', 'must be an object'],
  ])('reports a %s with its field', (_name, mutate, field, problem) => {
    const body = good();
    mutate(body);
    const problems = problemsOf(body);
    expect(problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ field, problem: expect.stringContaining(problem) })]),
    );
  });

  it('lets a reception leave its dossier code out (the server issues one) and takes a backdateReason on any type', () => {
    const body: Record<string, unknown> = good();
    delete body.dossierCode;
    expect(validateEvent(body)).toMatchObject({ ok: true, event: { type: 'received' } });
    const r = validateEvent({
      ...good(),
      type: 'returned',
      data: { method: 'desk', backdateReason: 'Sổ giấy' },
    });
    expect(r).toMatchObject({ ok: true, event: { data: { method: 'desk', backdateReason: 'Sổ giấy' } } });
  });

  it('leaves instants in range to the intake: a far-future instant is well-formed', () => {
    expect(validateEvent({ ...good(), occurredAt: '9999-12-31T23:59:59+07:00' }).ok).toBe(true);
  });

  it('checks data against the type it names', () => {
    const problems = problemsOf({ ...good(), type: 'paid', data: { amountVnd: -5, method: 'cash' } });
    expect(problems.map((p) => p.field).sort()).toEqual(['data.amountVnd', 'data.method']);
  });

  it('prefixes fields with the position in a batch', () => {
    const r = validateEvent({ ...good(), type: 'nope' }, 'events[7]');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].field).toBe('events[7].type');
  });

  it('rejects non-objects', () => {
    expect(problemsOf([1, 2])).toEqual([{ field: 'body', problem: 'must be a JSON object' }]);
    expect(problemsOf(null)).toEqual([{ field: 'body', problem: 'must be a JSON object' }]);
  });
});

describe('parseIsoInstant', () => {
  it.each([
    ['2024-02-29T10:00:00+07:00', Date.parse('2024-02-29T03:00:00Z')],
    ['2025-02-29T10:00:00+07:00', null],
    ['2025-04-31T10:00:00Z', null],
    ['2025-01-01T24:00:00Z', null],
    ['2025-01-01T06:00:00.123+07:00', Date.parse('2024-12-31T23:00:00.123Z')],
    ['not a date', null],
  ])('%s → %s', (text, expected) => {
    expect(parseIsoInstant(text)).toBe(expected);
  });
});
