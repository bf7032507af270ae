import {
  EARLIEST_INSTANT,
  eventInstantProblems,
  isoVietnam,
  MAX_FUTURE_SKEW_MS,
  MAX_PREVIEW_AHEAD_MS,
  MAX_REAPPOINTMENT_MS,
  previewInstantProblems,
} from './instant-bounds';

const NOW = Date.parse('2025-03-20T10:00:00+07:00');
const at = (iso: string) => Date.parse(iso);
const fields = (p: Array<{ field: string }>) => p.map((x) => x.field);

describe('eventInstantProblems', () => {
  it('accepts instants from 2000-01-01 (Vietnam) up to the clock plus the skew', () => {
    expect(eventInstantProblems({ type: 'paid', occurredAt: EARLIEST_INSTANT, data: {} }, NOW)).toEqual([]);
    const late = NOW + MAX_FUTURE_SKEW_MS;
    expect(eventInstantProblems({ type: 'paid', occurredAt: late, data: {} }, NOW)).toEqual([]);
  });

  it.each([
    [
      'an occurrence before 2000',
      { type: 'paid', occurredAt: at('1999-12-31T23:59:59+07:00'), data: {} },
      'occurredAt',
    ],
    [
      'an occurrence in the future',
      { type: 'paid', occurredAt: NOW + MAX_FUTURE_SKEW_MS + 1, data: {} },
      'occurredAt',
    ],
    [
      'a submission after the reception',
      { type: 'received', occurredAt: NOW, data: { submittedAt: NOW + 1 } },
      'data.submittedAt',
    ],
    [
      'a submission in year 9999',
      { type: 'received', occurredAt: NOW, data: { submittedAt: at('9999-12-31T00:00:00+07:00') } },
      'data.submittedAt',
    ],
    [
      'a submission before 2000',
      { type: 'received', occurredAt: NOW, data: { submittedAt: at('0001-01-01T00:00:00Z') } },
      'data.submittedAt',
    ],
    [
      'a new appointment in year 9999',
      { type: 'apology_issued', occurredAt: NOW, data: { newDueAt: at('9999-12-31T00:00:00+07:00') } },
      'data.newDueAt',
    ],
    [
      'a new appointment more than 366 days on',
      { type: 'apology_issued', occurredAt: NOW, data: { newDueAt: NOW + MAX_REAPPOINTMENT_MS + 1 } },
      'data.newDueAt',
    ],
    [
      'a new appointment before the apology',
      { type: 'apology_issued', occurredAt: NOW, data: { newDueAt: NOW - 1 } },
      'data.newDueAt',
    ],
  ])('names %s', (_name, e, field) => {
    const problems = eventInstantProblems(e, NOW);
    expect(fields(problems)).toEqual([field]);
    expect(problems[0].problem).toMatch(/^must/);
  });

  it('accepts a submission equal to the reception and a new appointment a year on', () => {
    expect(
      eventInstantProblems({ type: 'received', occurredAt: NOW, data: { submittedAt: NOW } }, NOW),
    ).toEqual([]);
    const e = { type: 'apology_issued', occurredAt: NOW, data: { newDueAt: NOW + MAX_REAPPOINTMENT_MS } };
    expect(eventInstantProblems(e, NOW)).toEqual([]);
  });

  it('prefixes the fields with the position in a batch', () => {
    const e = { type: 'received', occurredAt: 0, data: { submittedAt: 0 } };
    expect(fields(eventInstantProblems(e, NOW, 'events[3]'))).toEqual([
      'events[3].occurredAt',
      'events[3].data.submittedAt',
    ]);
  });
});

describe('previewInstantProblems', () => {
  it('bounds receivedAt from 2000 to five years ahead', () => {
    expect(previewInstantProblems(NOW, NOW)).toEqual([]);
    expect(previewInstantProblems(NOW + MAX_PREVIEW_AHEAD_MS, NOW)).toEqual([]);
    expect(fields(previewInstantProblems(NOW + MAX_PREVIEW_AHEAD_MS + 1, NOW))).toEqual(['receivedAt']);
    expect(fields(previewInstantProblems(at('9999-12-31T00:00:00+07:00'), NOW))).toEqual(['receivedAt']);
    expect(fields(previewInstantProblems(EARLIEST_INSTANT - 1, NOW))).toEqual(['receivedAt']);
  });
});

describe('isoVietnam', () => {
  it('writes instants in +07:00', () => {
    expect(isoVietnam(EARLIEST_INSTANT)).toBe('2000-01-01T00:00:00+07:00');
    expect(isoVietnam(at('2025-03-20T03:00:00.250Z'))).toBe('2025-03-20T10:00:00.250+07:00');
  });
});
