import {
  MASKED_EMAIL,
  MASKED_FIELD,
  MASKED_ID_NUMBER,
  MASKED_PHONE,
  maskPersonalText,
  redactPersonalData,
} from './log-redaction';

describe('maskPersonalText', () => {
  it.each([
    ['CCCD 001204012345 at the desk', `CCCD ${MASKED_ID_NUMBER} at the desk`],
    ['CMND 123456789.', `CMND ${MASKED_ID_NUMBER}.`],
    ['call 0912345678 today', `call ${MASKED_PHONE} today`],
    ['call 0912 345 678', `call ${MASKED_PHONE}`],
    ['call 0912.345.678', `call ${MASKED_PHONE}`],
    ['+84912345678 or +84 912 345 678', `${MASKED_PHONE} or ${MASKED_PHONE}`],
    ['mail an.nguyen+desk@so-ldtbxh.gov.vn now', `mail ${MASKED_EMAIL} now`],
    [
      '{"idNumber":"079203001234","phone":"0987654321"}',
      `{"idNumber":"${MASKED_ID_NUMBER}","phone":"${MASKED_PHONE}"}`,
    ],
  ])('%s', (text, masked) => {
    expect(maskPersonalText(text)).toBe(masked);
  });

  it.each([
    'event 5b0c2f7e-1d2a-4c3b-9e8f-123456789012 applied',
    'dossier H57.12-250303-0001 received at 2025-03-20T10:00:00.000+07:00',
    // A sequence of ten digits starting with 0 is a dossier code's, not a phone (found by CI).
    'dossier H57.12-250303-0733860002 applied; H57.12-250303-001085012345 too',
    'job evt-5b0c2f7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f-r1733011200000 re-driven',
    'process 4194303 died; re-drove 1200 event(s) enqueued over 120000 ms ago',
    'epoch 1733011200 and 12345678 and 1234567890',
    'listening on http://127.0.0.1:3000 (docs at /docs)',
  ])('leaves %s as it is', (text) => {
    expect(maskPersonalText(text)).toBe(text);
  });
});

describe('redactPersonalData', () => {
  it('replaces personal fields at any depth and masks every string, without touching the input', () => {
    const input = {
      eventId: 'e1',
      data: {
        applicant: { name: 'Nguyễn Văn An', idNumber: '001204012345' },
        note: 'phoned 0912345678',
        list: [{ Email: 'a@b.vn' }, 'id 123456789'],
      },
      count: 3,
    };
    const copy = structuredClone(input);
    expect(redactPersonalData(input)).toEqual({
      eventId: 'e1',
      data: {
        applicant: MASKED_FIELD,
        note: `phoned ${MASKED_PHONE}`,
        list: [{ Email: MASKED_FIELD }, `id ${MASKED_ID_NUMBER}`],
      },
      count: 3,
    });
    expect(input).toEqual(copy);
  });

  it('masks an error’s message, stack and cause, keeping its name', () => {
    const err = new TypeError('duplicate key (id_number)=(001204012345)', {
      cause: new Error('phone 0912345678'),
    });
    const out = redactPersonalData(err) as Error;
    expect(out).toBeInstanceOf(Error);
    expect(out.name).toBe('TypeError');
    expect(out.message).toBe(`duplicate key (id_number)=(${MASKED_ID_NUMBER})`);
    expect(out.stack).not.toContain('001204012345');
    expect((out.cause as Error).message).toBe(`phone ${MASKED_PHONE}`);
  });

  it('cuts cycles and serialises class instances as masked text', () => {
    const loop: Record<string, unknown> = { a: 'x' };
    loop.self = loop;
    expect(redactPersonalData(loop)).toEqual({ a: 'x', self: '[Circular]' });
    class Box {
      constructor(readonly v: string) {}
    }
    expect(redactPersonalData(new Box('0912345678'))).toBe(`{"v":"${MASKED_PHONE}"}`);
  });

  it('keeps numbers, booleans, null and dates', () => {
    const d = new Date(0);
    expect(redactPersonalData([1, true, null, undefined, d])).toEqual([1, true, null, undefined, d]);
  });
});
