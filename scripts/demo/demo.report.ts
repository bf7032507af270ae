// The demo's closing report: what the engine says, the cross-check against the generator, what to open next.
import { counts, fmt, say } from './demo.output';
import { type ReadBack, type Showcase, WORKLISTS, tally } from './summary';

/** Tallies of the engine's view and the cross-check against the generator's expectations. */
export function printReadBack(back: ReadBack, foldRejected: number | null): void {
  say(`  dossiers in the API: ${fmt(back.items.length)}`);
  say(`  by status: ${counts(tally(back.items, (x) => x.status))}`);
  say(`  by sla state: ${counts(tally(back.items, (x) => x.sla.state))}`);
  say(
    `  by outcome (finished): ${counts(
      tally(
        back.items.filter((x) => x.sla.outcome),
        (x) => x.sla.outcome ?? '',
      ),
    )}`,
  );
  say(`  worklists: ${WORKLISTS.map((w) => `${w} ${back.worklists[w]}`).join(', ')}`);
  if (foldRejected !== null)
    say(`  events kept but not applicable in a dossier's timeline (status "rejected"): ${foldRejected}`);
  const mm = back.mismatches;
  const problems = mm.missing.length + mm.status.length + mm.due.length + mm.outcome.length;
  say(
    `  cross-check against the generator (${fmt(back.compared)} dossiers): ` +
      (problems === 0
        ? 'status, due date and outcome all as expected'
        : `missing ${mm.missing.length}, status ${mm.status.length}, due date ${mm.due.length}, outcome ${mm.outcome.length} differ`),
  );
  for (const k of ['missing', 'status', 'due', 'outcome'] as const)
    for (const line of mm[k].slice(0, 3)) say(`    ${k}: ${line}`);
}

/** Where the API is, how to get a token, the dossiers worth opening and the worklists, as curl lines. */
export function printWhatToOpen(base: string, password: string, showcase: readonly Showcase[]): void {
  say('');
  say(
    `  API          ${base}/api/v1   (OpenAPI: ${base}/docs, health: ${base}/health, metrics: ${base}/metrics)`,
  );
  say(
    `  token        TOKEN=$(curl -s -X POST ${base}/api/v1/auth/token -H 'Content-Type: application/json' \\`,
  );
  say(
    `                 -d '{"username":"manager","password":"${password}"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken')`,
  );
  say('  dossiers worth opening:');
  for (const s of showcase) {
    if (!s.code) {
      say(`    (none found) ${s.label}`);
      continue;
    }
    if (!s.view) {
      say(`    ${s.label}: ${s.code} — ${s.note}`);
      say(`      curl -s -H "Authorization: Bearer $TOKEN" ${base}/api/v1/dossiers/${s.code}`);
      continue;
    }
    const v = s.view;
    const extra = [
      `due ${v.dueAt}`,
      v.finishedAt ? `finished ${v.finishedAt}` : null,
      v.apology?.issuedAt ? `apology ${v.apology.issuedAt} → new date ${v.apology.newDueAt}` : null,
    ].filter(Boolean);
    say(
      `    ${s.label}: ${s.code} (${v.procedure ? v.procedure.code : '?'}, ${v.status}; ${extra.join(', ')})`,
    );
    say(`      curl -s -H "Authorization: Bearer $TOKEN" ${base}/api/v1/dossiers/${s.code}`);
  }
  say('  worklists:');
  for (const w of WORKLISTS)
    say(`    curl -s -H "Authorization: Bearer $TOKEN" '${base}/api/v1/dossiers?sla=${w}'`);
}
