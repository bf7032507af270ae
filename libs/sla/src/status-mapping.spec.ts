import { DOSSIER_STATUSES, NATIONAL_STATUS_BY_STATE } from './status-mapping';

describe('national status mapping (§3.2, §9.5)', () => {
  it('maps every internal state to exactly one code in 1..10, each code used once', () => {
    const codes = DOSSIER_STATUSES.map((s) => NATIONAL_STATUS_BY_STATE[s]);
    expect(codes.every((c) => Number.isInteger(c) && c >= 1 && c <= 10)).toBe(true);
    expect(new Set(codes).size).toBe(10);
    expect(DOSSIER_STATUSES).toHaveLength(10);
  });
});
