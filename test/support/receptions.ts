import { newDossierCode, received } from './events';
import type { Harness } from './harness';

/** Posts `n` receptions of new dossiers as the admin, each answered 202, and answers their event ids in order. */
export async function postReceptions(h: Harness, n: number): Promise<string[]> {
  const admin = await h.admin();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const body = received(newDossierCode(), '2025-03-20T09:00:00+07:00');
    const res = await h.post('/api/v1/events', body, admin);
    if (res.status !== 202) throw new Error(`reception answered ${res.status}: ${JSON.stringify(res.body)}`);
    ids.push(body.id);
  }
  return ids;
}
