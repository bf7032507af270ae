// After the replay: what the engine now says, read back through the worklist API, checked against what the
// generator expected, and the dossiers worth opening.
import type { DemoApi, DossierItem, DossierView } from './api-client';
import { formatLocal } from './calendar';
import type { GeneratedDossier } from './generator/generator.types';

export const WORKLISTS = [
  'overdue',
  'due_soon',
  'apology_due',
  'paused',
  'missing_apology',
  'supplement_expired',
  'late_reception',
] as const;
export type Worklist = (typeof WORKLISTS)[number];

export interface Mismatches {
  missing: string[];
  status: string[];
  due: string[];
  outcome: string[];
}

export interface ReadBack {
  items: DossierItem[];
  worklists: Record<Worklist, number>;
  mismatches: Mismatches;
  compared: number;
}

export interface Showcase {
  code: string | null;
  label: string;
  view: DossierView | null;
  note?: string | null;
}

/** Counts of a list by a key function, sorted by count. */
export function tally<T>(items: readonly T[], key: (x: T) => string): [string, number][] {
  const m = new Map<string, number>();
  for (const x of items) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
}

/** Reads every dossier and the worklists, and compares them with the generator's expectations. */
export async function readBack(
  client: DemoApi,
  token: string,
  dossiers: readonly GeneratedDossier[],
): Promise<ReadBack> {
  const items = await client.dossiers(token);
  const worklists = Object.fromEntries(WORKLISTS.map((w) => [w, 0])) as Record<Worklist, number>;
  for (const sla of WORKLISTS) worklists[sla] = (await client.dossiers(token, sla)).length;
  const byCode = new Map(items.map((x) => [x.code, x]));
  const mismatches: Mismatches = { missing: [], status: [], due: [], outcome: [] };
  let compared = 0;
  for (const d of dossiers) {
    const x = byCode.get(d.code);
    if (!x) {
      mismatches.missing.push(d.code);
      continue;
    }
    compared++;
    if (x.status !== d.expect.status)
      mismatches.status.push(`${d.code}: engine ${x.status}, expected ${d.expect.status}`);
    if (d.expect.dueAt !== undefined && d.expect.status !== 'REFUSED_AT_RECEPTION') {
      const engine = x.dueAt ? Date.parse(x.dueAt) : null;
      if (engine !== d.expect.dueAt)
        mismatches.due.push(
          `${d.code} (${d.procedureCode}): engine due ${x.dueAt}, expected ${d.expect.dueAt === null ? null : formatLocal(d.expect.dueAt)}`,
        );
    }
    const outcome = x.sla.outcome;
    if ((outcome || null) !== (d.expect.outcome || null))
      mismatches.outcome.push(`${d.code}: engine ${outcome}, expected ${d.expect.outcome}`);
  }
  return { items, worklists, mismatches, compared };
}

/** The first candidate whose engine view matches what the tag promises (checked with GET /dossiers/:code). */
export async function pickShowcase(
  client: DemoApi,
  token: string,
  dossiers: readonly GeneratedDossier[],
): Promise<Showcase[]> {
  const wanted: [string, string, (v: DossierView) => boolean][] = [
    ['returned_early', 'returned early', (v) => v.status === 'RETURNED' && v.sla.outcome === 'early'],
    [
      'late_apology',
      'late, with an apology issued on time',
      (v) => v.sla.outcome === 'late' && v.apology?.status === 'issued_on_time',
    ],
    [
      'late_missing',
      'late, apology missing',
      (v) => v.sla.outcome === 'late' && v.apology?.status === 'missing',
    ],
    ['awaiting_supplement', 'paused, awaiting a supplement', (v) => v.sla.state === 'paused'],
    ['overdue_open', 'overdue, still open', (v) => v.sla.state === 'overdue'],
    ['refused', 'refused at reception', (v) => v.status === 'REFUSED_AT_RECEPTION'],
  ];
  const out: Showcase[] = [];
  for (const [tag, label, ok] of wanted) {
    // Prefer dossiers of the replayed month, and a rich timeline for the first ones.
    const candidates = dossiers
      .filter((d) => d.expect.tags.includes(tag))
      .sort((a, b) => Number(b.inMonth) - Number(a.inMonth) || b.events - a.events)
      .slice(0, 8);
    let found: Showcase | null = null;
    let hidden: string | null = null;
    for (const d of candidates) {
      const view = await client.dossier(token, d.code);
      // Listed by GET /dossiers, yet not readable by code: worth saying.
      if (view === null) hidden = hidden || d.code;
      else if (ok(view)) {
        found = { code: d.code, label, view };
        break;
      }
    }
    out.push(
      found ?? {
        code: hidden,
        label,
        view: null,
        note: hidden ? 'GET by code answers 404 although the list shows it' : null,
      },
    );
  }
  return out;
}
