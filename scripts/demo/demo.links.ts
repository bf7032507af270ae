// The summary's last lines: links a newcomer can open now — the managers' dashboard on the demo's month, the public
// lookup of a live dossier (no login) and the documents of real demo dossiers (a bearer token, printed ready to paste).
import { lookupKeyOf, lookupUrlOf } from '@motcua/application';
import type { Schemas } from '@motcua/api-client';
import { say } from './demo.output';
import type { Showcase } from './summary';

export interface LinkInput {
  base: string;
  /** The LOOKUP_SECRET the demo's apps run with, so the keys printed here are theirs. */
  lookupSecret: string;
  /** A manager's token (valid JWT_TTL_SECONDS, while this demo's API process runs). */
  token: string;
  /** The dossier the demo clock lets fall due while it runs, if any. */
  live: string | null;
  showcase: readonly Showcase[];
  /** The managers' page: the replayed month and the logins to try it with. */
  dashboard: { month: string; manager: string; unitHead: string | null; password: string };
}

/** The paths the running API documents (its OpenAPI document), to say which document routes this build serves. */
async function documentedPaths(base: string): Promise<Set<string> | null> {
  try {
    const res = await fetch(`${base}/docs-json`);
    if (!res.ok) return null;
    return new Set(Object.keys(((await res.json()) as { paths: Record<string, unknown> }).paths));
  } catch {
    return null;
  }
}

/** The lookup's JSON twin, to check the printed link answers before printing it. */
async function lookup(url: string): Promise<{ status: number; answer: Schemas['LookupAnswer'] | null }> {
  try {
    const res = await fetch(url, { headers: { accept: 'application/json' } });
    return {
      status: res.status,
      answer: res.ok ? ((await res.json()) as Schemas['LookupAnswer']) : null,
    };
  } catch {
    return { status: 0, answer: null };
  }
}

const codeOf = (showcase: readonly Showcase[], label: RegExp): string | null =>
  showcase.find((s) => s.view && label.test(s.label))?.code ?? null;

/** Prints the links; returns how many of the lookups it checked did not answer 200. */
export async function printLinks(input: LinkInput): Promise<number> {
  const { base, lookupSecret, token, showcase } = input;
  const open = input.live ?? codeOf(showcase, /overdue, still open|paused/);
  const withApology = codeOf(showcase, /apology issued/);
  const returned = codeOf(showcase, /returned/);
  let problems = 0;
  say('');
  say('  open these (while the demo runs):');
  const { month, manager, unitHead, password } = input.dashboard;
  const page = await fetch(`${base}/dashboard`).then(
    (r) => r.status,
    () => 0,
  );
  if (page !== 200) problems++;
  say(`    dashboard of ${month}${page === 200 ? '' : ` (WARNING: /dashboard answered ${page})`}:`);
  say(`      ${base}/dashboard?month=${month}`);
  say(
    `      login ${manager} / ${password} (every unit)${unitHead ? `, or ${unitHead} / ${password} (a unit head: their unit only)` : ''}`,
  );
  for (const [label, code] of [
    ['live dossier', open],
    ['with an apology', withApology],
  ] as const) {
    if (!code) continue;
    const url = lookupUrlOf(base, code, lookupKeyOf(code, lookupSecret));
    const { status, answer } = await lookup(url);
    if (status !== 200) problems++;
    const what = answer
      ? [
          answer.statusText,
          `hẹn trả ${answer.dueAt ?? '—'}`,
          answer.late ? 'quá hạn' : null,
          answer.apologyIssued ? `đã có văn bản xin lỗi, hẹn lại ${answer.rescheduledDueAt ?? '—'}` : null,
        ]
          .filter(Boolean)
          .join('; ')
      : `WARNING: answered ${status}`;
    say(`    public lookup, ${label} (no login; ${what}):`);
    say(`      ${url}`);
    if (label === 'live dossier')
      say(`      curl -s -H 'Accept: application/json' '${url}'   (the JSON twin)`);
  }
  const documents: Array<[string, string | null, string]> = [
    ['receipt (Mẫu 01)', open, 'receipt.pdf'],
    ['apology letter (Mẫu 04)', withApology, 'apology.pdf'],
    ['control sheet (Mẫu 06)', returned ?? open, 'control-sheet.pdf'],
  ];
  const paths = await documentedPaths(base);
  say(`    documents (a manager's token, valid while this API process runs; or the token command above):`);
  say(`      TOKEN='${token}'`);
  for (const [label, code, file] of documents) {
    if (!code) continue;
    const served = paths?.has(`/api/v1/dossiers/{code}/${file}`);
    const note = served
      ? ''
      : '   (not in this build’s OpenAPI yet: the documents endpoints land separately)';
    say(`      ${label} of ${code}${note}:`);
    say(`      curl -H "Authorization: Bearer $TOKEN" -o ${file} ${base}/api/v1/dossiers/${code}/${file}`);
  }
  return problems;
}
