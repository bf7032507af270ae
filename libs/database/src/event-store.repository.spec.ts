import type { DataSource } from 'typeorm';
import { EventStore, type AppendItem } from './event-store.repository';

/** A stand-in for PostgreSQL that understands the two statements of a flush (INSERT … RETURNING, SELECT by id). */
class FakeDb {
  readonly rows = new Map<
    string,
    { code: string; type: string; hash: string; response: unknown; requestId: string | null }
  >();
  inserts = 0;
  failNext = false;
  /** The ids of each INSERT, in the order of its rows. */
  insertOrders: string[][] = [];

  async query(sql: string, params: unknown[]): Promise<unknown[]> {
    if (sql.startsWith('INSERT INTO dossier_events')) {
      this.inserts += 1;
      if (this.failNext) {
        this.failNext = false;
        throw new Error('Connection terminated');
      }
      const out: Array<{ id: string }> = [];
      this.insertOrders.push(params.filter((_, i) => i % 11 === 0) as string[]);
      // Eleven columns a row: id, code, type, occurred_at, data, hash, actor, response, rules_revision, late
      // minutes, request id.
      for (let i = 0; i < params.length; i += 11) {
        const [id, code, type, , , hash, , response, , , requestId] = params.slice(i, i + 11) as string[];
        const reception = (t: string) => t === 'received' || t === 'refused_at_reception';
        // ON CONFLICT DO NOTHING: the primary key and the one-reception-per-dossier index.
        if (this.rows.has(id)) continue;
        if (reception(type) && [...this.rows.values()].some((r) => r.code === code && reception(r.type)))
          continue;
        this.rows.set(id, { code, type, hash, response: JSON.parse(response), requestId });
        out.push({ id });
      }
      return out;
    }
    if (sql.startsWith('SELECT id, body_hash, response')) {
      const ids = params[0] as string[];
      return ids
        .filter((id) => this.rows.has(id))
        .map((id) => ({ id, body_hash: this.rows.get(id)!.hash, response: this.rows.get(id)!.response }));
    }
    throw new Error(`unexpected SQL: ${sql}`);
  }
}

let n = 0;
function item(
  code: string,
  type = 'paid',
  id = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
): AppendItem {
  return {
    event: { id, dossierCode: code, type, occurredAt: 1_741_000_000_000, data: { amountVnd: n } },
    actor: 'desk',
    response: { id, dossierCode: code, status: 'accepted' },
  };
}

function setup() {
  const db = new FakeDb();
  return { db, sut: new EventStore(db as unknown as DataSource) };
}

describe('EventStore group commit', () => {
  it('commits callers that arrive in the same tick with one INSERT, each getting its own answer', async () => {
    const { db, sut } = setup();
    const calls = [sut.append([item('A')]), sut.append([item('B'), item('B')]), sut.append([item('C')])];
    const results = await Promise.all(calls);
    expect(db.inserts).toBe(1);
    expect(results.map((r) => r.map((x) => x.status))).toEqual([
      ['inserted'],
      ['inserted', 'inserted'],
      ['inserted'],
    ]);
    expect(db.rows.size).toBe(4);
  });

  it('stores each caller’s request id with its events, none where it has none', async () => {
    const { db, sut } = setup();
    const [a, b] = [item('A'), item('B')];
    await Promise.all([sut.append([{ ...a, requestId: 'req-a' }]), sut.append([b])]);
    expect(db.rows.get(a.event.id)?.requestId).toBe('req-a');
    expect(db.rows.get(b.event.id)?.requestId).toBeNull();
  });

  it('answers a repeated id with the first answer when the body is the same, and a conflict otherwise', async () => {
    const { sut } = setup();
    const first = item('A');
    await sut.append([first]);
    const other = { ...first, event: { ...first.event, data: { amountVnd: -1 } } };
    const [again, conflicting] = await Promise.all([sut.append([first]), sut.append([other])]);
    expect(again).toEqual([{ status: 'duplicate', response: first.response }]);
    expect(conflicting).toEqual([{ status: 'conflict' }]);
  });

  it('inserts a flush’s rows in dossier order, each dossier’s events in the order given (no deadlock between flushes)', async () => {
    const { db, sut } = setup();
    const id = (x: string) => `00000000-0000-4000-8000-${x.repeat(12)}`;
    // Dossier B's events come first and in descending id order: B's order is kept, A goes before B.
    await Promise.all([
      sut.append([item('B', 'paid', id('c')), item('B', 'paid', id('a'))]),
      sut.append([item('A', 'paid', id('b'))]),
    ]);
    expect(db.insertOrders).toEqual([[id('b'), id('c'), id('a')]]);
  });

  it('lets one of two racing receptions of a dossier code win; the other is told it exists', async () => {
    const { db, sut } = setup();
    const [a, b] = await Promise.all([
      sut.append([item('R', 'received')]),
      sut.append([item('R', 'received')]),
    ]);
    expect([a[0].status, b[0].status]).toEqual(['inserted', 'reception_exists']);
    expect(db.rows.size).toBe(1);
  });

  it('rejects every caller of a failed flush and keeps serving the next ones', async () => {
    const { db, sut } = setup();
    db.failNext = true;
    const failed = await Promise.allSettled([sut.append([item('A')]), sut.append([item('B')])]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await sut.append([item('C')])).toEqual([expect.objectContaining({ status: 'inserted' })]);
  });
});
