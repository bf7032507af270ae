import { toLocalDate } from '@motcua/calendar';

/**
 * Dossier codes the server issues to receptions that come without one (domain.md §1, issue 7 point 8):
 * `{agency code}-{yymmdd}-{daily sequence}`, the date being the local (Asia/Ho_Chi_Minh) date of the reception,
 * the sequence 4 digits (0001…9999; a 10,000th receipt of a day gets 5 digits rather than a duplicate).
 */
export function formatDossierCode(agencyCode: string, localDate: string, n: number): string {
  return `${agencyCode}-${localDate.slice(2).replace(/-/g, '')}-${String(n).padStart(4, '0')}`;
}

/** Where issued codes come from, and which codes are already someone's. */
export interface DossierCodeSource {
  /** `count` consecutive numbers of the day's sequence, never given to anyone else. */
  take(agencyCode: string, localDate: string, count: number): Promise<number[]>;
  /** Which of these codes already name a dossier (clients may choose codes of the same form). */
  taken(codes: string[]): Promise<Set<string>>;
}

const MAX_ROUNDS = 20;

/**
 * One code per reception (by its occurrence instant), in input order. A number whose code a client already
 * chose, or that `reserved` holds (codes named elsewhere in the same call), is skipped for the next one.
 */
export async function issueDossierCodes(
  occurredAt: readonly number[],
  agencyCode: string,
  source: DossierCodeSource,
  reserved: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const out: string[] = new Array<string>(occurredAt.length);
  const byDay = new Map<string, number[]>();
  occurredAt.forEach((t, i) => {
    const day = toLocalDate(t);
    byDay.set(day, [...(byDay.get(day) ?? []), i]);
  });
  for (const [day, waiting] of byDay) {
    let pending = waiting;
    for (let round = 0; pending.length > 0; round++) {
      if (round === MAX_ROUNDS) throw new Error(`no free dossier code for ${agencyCode} on ${day}`);
      const codes = (await source.take(agencyCode, day, pending.length)).map((n) =>
        formatDossierCode(agencyCode, day, n),
      );
      const taken = await source.taken(codes);
      const free = codes.filter((c) => !taken.has(c) && !reserved.has(c));
      pending.slice(0, free.length).forEach((index, k) => (out[index] = free[k]));
      pending = pending.slice(free.length);
    }
  }
  return out;
}
