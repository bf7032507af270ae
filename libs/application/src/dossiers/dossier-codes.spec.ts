import { formatDossierCode, issueDossierCodes, type DossierCodeSource } from './dossier-codes';
import { InMemoryCodeSequences } from '../testing/in-memory.fakes';

const at = (iso: string) => Date.parse(iso);

function source(taken: string[] = []): DossierCodeSource & { sequences: InMemoryCodeSequences } {
  const sequences = new InMemoryCodeSequences();
  return {
    sequences,
    take: (agency, day, count) => sequences.take(agency, day, count),
    taken: async (codes) => new Set(codes.filter((c) => taken.includes(c))),
  };
}

describe('formatDossierCode', () => {
  it('writes {agency}-{yymmdd}-{4-digit sequence} (domain.md §1)', () => {
    expect(formatDossierCode('H57.12', '2025-01-24', 1)).toBe('H57.12-250124-0001');
    expect(formatDossierCode('H57.12', '2025-01-24', 975)).toBe('H57.12-250124-0975');
    // The 10,000th receipt of a day gets a fifth digit rather than a duplicate.
    expect(formatDossierCode('H57.12', '2025-01-24', 10_000)).toBe('H57.12-250124-10000');
  });
});

describe('issueDossierCodes', () => {
  it('numbers each local day on its own, in input order', async () => {
    const codes = await issueDossierCodes(
      [
        at('2025-01-24T16:00:00+07:00'),
        // 23:30 UTC on the 24th is already the 25th in Vietnam.
        at('2025-01-24T23:30:00Z'),
        at('2025-01-24T08:00:00+07:00'),
      ],
      'H57.12',
      source(),
    );
    expect(codes).toEqual(['H57.12-250124-0001', 'H57.12-250125-0001', 'H57.12-250124-0002']);
  });

  it('skips numbers whose code a client already chose, or that the same call names', async () => {
    const s = source(['H57.12-250124-0001']);
    const codes = await issueDossierCodes(
      [at('2025-01-24T09:00:00+07:00'), at('2025-01-24T10:00:00+07:00')],
      'H57.12',
      s,
      new Set(['H57.12-250124-0002']),
    );
    expect(codes).toEqual(['H57.12-250124-0003', 'H57.12-250124-0004']);
    expect(s.sequences.last.get('H57.12|2025-01-24')).toBe(4);
  });

  it('never gives the same code twice across calls', async () => {
    const s = source();
    const a = await issueDossierCodes([at('2025-01-24T09:00:00+07:00')], 'H57.12', s);
    const b = await issueDossierCodes([at('2025-01-24T09:00:00+07:00')], 'H57.12', s);
    expect([a, b]).toEqual([['H57.12-250124-0001'], ['H57.12-250124-0002']]);
  });

  it('gives up rather than loop forever when every code is taken', async () => {
    const s: DossierCodeSource = {
      take: async (_a, _d, count) => Array.from({ length: count }, () => 1),
      taken: async (codes) => new Set(codes),
    };
    await expect(issueDossierCodes([at('2025-01-24T09:00:00+07:00')], 'H57.12', s)).rejects.toThrow(
      /no free dossier code/,
    );
  });
});
