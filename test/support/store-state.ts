// What a refused or hostile request must leave as it was: row counts and digests of the stored state.
import type { Harness } from './harness';

/** Row counts of every table a request could write, and a digest of the users' credentials, roles and units. */
export async function storeState(h: Harness, extraTables: string[] = []): Promise<Record<string, string>> {
  const tables = [
    ...extraTables,
    'dossier_events',
    'dossiers',
    'users',
    'user_audit',
    'notifications',
    'issued_documents',
    'procedure_versions',
    'settings_versions',
    'calendar_year_versions',
    'units',
  ];
  const out: Record<string, string> = {};
  for (const t of tables) out[t] = String(await h.count(`SELECT count(*) AS n FROM ${t}`));
  const [u] = await h.query<{ s: string }>(
    `SELECT md5(string_agg(username || password_hash || array_to_string(roles, ',') || array_to_string(units, ',')
       || disabled::text || token_version::text, '|' ORDER BY username)) AS s FROM users`,
  );
  out.users_digest = u.s;
  const [unitsRow] = await h.query<{ s: string }>(
    `SELECT md5(coalesce(string_agg(to_jsonb(units)::text, '|' ORDER BY code), '')) AS s FROM units`,
  );
  out.units_digest = unitsRow.s;
  return out;
}
