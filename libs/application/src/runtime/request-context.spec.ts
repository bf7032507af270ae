import { currentRequestContext, requestIdFrom, runInRequestContext } from './request-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdFrom', () => {
  it.each(['abc', 'req-1.2_3', 'a'.repeat(64), '5b0c2f7e-1d2a-4c3b-9e8f-123456789012'])('keeps %s', (id) => {
    expect(requestIdFrom(id)).toBe(id);
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['too long', 'a'.repeat(65)],
    ['a space', 'a b'],
    ['a newline (log injection)', 'a\n{"level":"fatal"}'],
    ['quotes', '"x"'],
    ['non-ASCII', 'mã-hồ-sơ'],
    ['repeated', ['a', 'b']],
  ])('replaces %s with a UUID', (_what, header) => {
    expect(requestIdFrom(header)).toMatch(UUID);
  });
});

describe('request context', () => {
  it('follows the async chain it was entered with, and only that one', async () => {
    expect(currentRequestContext()).toBeUndefined();
    const seen = await runInRequestContext({ requestId: 'r1' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      return currentRequestContext()?.requestId;
    });
    expect(seen).toBe('r1');
    expect(currentRequestContext()).toBeUndefined();
  });
});
