import { isDatabaseDown } from './error.filter';

describe('isDatabaseDown (answered 503, retry)', () => {
  it('counts a deadlock and a serialization failure as retryable: the statement was rolled back whole', () => {
    expect(isDatabaseDown({ code: '40P01', message: 'deadlock detected' })).toBe(true);
    expect(isDatabaseDown({ code: '40001', message: 'could not serialize access' })).toBe(true);
  });

  it('counts a connection lost or refused as retryable', () => {
    expect(isDatabaseDown({ code: 'ECONNREFUSED' })).toBe(true);
    expect(isDatabaseDown(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('leaves a constraint violation or a bug to the 500 path', () => {
    expect(isDatabaseDown({ code: '23505', message: 'duplicate key value' })).toBe(false);
    expect(isDatabaseDown(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseDown(null)).toBe(false);
  });
});
