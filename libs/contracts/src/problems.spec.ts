import { z } from 'zod';
import { validateEvent, validateEventBatch } from './event.schema';
import { describeProblems, problemsOf } from './problems';

const good = () => ({
  id: '3F1C2A9E-1111-4C8E-9A3A-000000000001',
  dossierCode: 'H57.12-250303-0001',
  type: 'received',
  occurredAt: '2025-03-03T08:30:00+07:00',
  data: { procedureCode: '1.014199', channel: 'direct', applicant: { name: 'Nguyễn Văn An' } },
});
const problemsOfEvent = (body: unknown, prefix?: string) => {
  const r = validateEvent(body, prefix);
  return r.ok ? [] : r.problems;
};

describe('event problems', () => {
  it('lower-cases the id and defaults data to {}', () => {
    const r = validateEvent({ ...good(), type: 'supplement_received', data: undefined });
    expect(r).toMatchObject({ ok: true, event: { id: good().id.toLowerCase(), data: {} } });
  });

  it.each([
    ['a bad enum value', { data: { ...good().data, channel: 'fax' } }, ['data.channel']],
    ['an unknown type', { type: 'archived' }, ['type']],
    ['an unknown type and a bad id', { type: 'archived', id: 'evt-1', extra: 1 }, ['type', 'id', 'extra']],
    ['no type', { type: undefined }, ['type']],
    ['an id that is not a uuid', { id: 'evt-1' }, ['id']],
    [
      'a deep unknown field',
      { data: { ...good().data, applicant: { name: 'A', nickname: 'B' } } },
      ['data.applicant.nickname'],
    ],
    [
      'inherited names',
      JSON.parse('{"__proto__": 1, "constructor": 2, "toString": 3}'),
      ['__proto__', 'constructor', 'toString'],
    ],
    [
      // A future stamp is no longer a shape problem: the intake answers 422 instant_out_of_range for it.
      'a future stamp and a bad field',
      { occurredAt: '2999-03-21T08:30:00+07:00', dossierCode: '' },
      ['dossierCode'],
    ],
  ])('%s', (_name, patch, fields) => {
    const problems = problemsOfEvent({ ...good(), ...patch });
    expect(problems.map((p) => p.field).sort()).toEqual([...fields].sort());
  });

  it('words each problem the way the contract does', () => {
    expect(problemsOfEvent({ ...good(), type: undefined })).toEqual([
      { field: 'type', problem: 'is required' },
    ]);
    expect(problemsOfEvent({ ...good(), type: 'x' })[0].problem).toMatch(/^must be one of received, /);
    expect(problemsOfEvent({ ...good(), type: 'paid', data: { amountVnd: '5', method: 'cash' } })).toEqual([
      { field: 'data.amountVnd', problem: 'must be a number, got string' },
      { field: 'data.method', problem: 'must be one of online, offline' },
    ]);
    expect(problemsOfEvent({ ...good(), type: 'paid', data: { amountVnd: 1.5, method: 'online' } })).toEqual([
      { field: 'data.amountVnd', problem: 'must be an integer' },
    ]);
    expect(
      problemsOfEvent({ ...good(), type: 'digitized', data: { components: 1001, result: 'yes' } }),
    ).toEqual([
      { field: 'data.components', problem: 'must be at most 1000' },
      { field: 'data.result', problem: 'must be a boolean, got string' },
    ]);
    expect(problemsOfEvent({ ...good(), occurredAt: 5 })).toEqual([
      { field: 'occurredAt', problem: 'must be an ISO 8601 date-time string, got number' },
    ]);
    expect(problemsOfEvent({ ...good(), dossierCode: '-x' })[0].problem).toMatch(/^has an invalid format/);
    expect(
      problemsOfEvent({ ...good(), data: { ...good().data, applicant: { name: 'x'.repeat(201) } } }),
    ).toEqual([{ field: 'data.applicant.name', problem: 'must have at most 200 characters' }]);
    expect(problemsOfEvent({ ...good(), type: 'paid', data: null })).toEqual([
      { field: 'data.amountVnd', problem: 'is required' },
      { field: 'data.method', problem: 'is required' },
    ]);
    expect(problemsOfEvent({ ...good(), type: 'paid', data: [] })).toEqual([
      { field: 'data', problem: 'must be an object, got array' },
    ]);
  });

  it('non-objects answer once, under the prefix', () => {
    expect(problemsOfEvent('x', 'events[2]')).toEqual([
      { field: 'events[2]', problem: 'must be a JSON object' },
    ]);
  });
});

describe('batches', () => {
  it('checks the envelope, then each event at its position', () => {
    const bad = { ...good(), type: 'paid', data: { amountVnd: -5, method: 'online' } };
    const r = validateEventBatch({ events: [good(), bad] });
    expect(r.ok && r.results.map((x) => (x.ok ? 'ok' : x.problems))).toEqual([
      'ok',
      [{ field: 'events[1].data.amountVnd', problem: 'must be at least 0' }],
    ]);
  });

  it.each([
    [{ events: [good()], extra: 1 }, [{ field: 'extra', problem: 'is not an allowed field' }]],
    [{ events: [] }, [{ field: 'events', problem: 'must have at least 1 item(s)' }]],
    [{ events: 'x' }, [{ field: 'events', problem: 'must be an array, got string' }]],
    [{}, [{ field: 'events', problem: 'is required' }]],
    [[good()], [{ field: 'body', problem: 'must be a JSON object' }]],
    [
      { events: Array.from({ length: 1001 }, good) },
      [{ field: 'events', problem: 'must have at most 1000 items' }],
    ],
  ])('refuses %j', (body, problems) => {
    expect(validateEventBatch(body)).toEqual({ ok: false, problems });
  });
});

describe('problemsOf and describeProblems', () => {
  it('name paths with indexes and keys, one problem per field', () => {
    const schema = z.strictObject({ a: z.array(z.strictObject({ b: z.string().min(3).regex(/^x+$/) })) });
    const r = schema.safeParse({ a: [{ b: 'xxx' }, { b: 'y' }] });
    expect(r.success ? [] : problemsOf(r.error, 'p')).toEqual([
      { field: 'p.a[1].b', problem: 'must have at least 3 character(s)' },
    ]);
  });

  it('describe a file’s problems in one line', () => {
    expect(
      describeProblems([
        { field: 'calendar.profile.sesions', problem: 'is not an allowed field' },
        { field: 'sla.hoursPerWorkingDay', problem: 'must be at most 24' },
        { field: 'body', problem: 'must be a JSON object' },
      ]),
    ).toBe(
      'unknown key "calendar.profile.sesions"; sla.hoursPerWorkingDay must be at most 24; must be a JSON object',
    );
  });
});
