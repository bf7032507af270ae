import { OutboxRelay } from '../apps/worker/src/outbox.relay';
import { Harness, type HttpResult, uuid } from './support/harness';
import { MC, PROCEDURE, VLATLD, event, forwarded, newDossierCode, received } from './support/events';

interface Item {
  code: string;
  sla: { state: string };
}

describe('worklists and the outbox re-drive', () => {
  let h: Harness;

  beforeAll(async () => {
    // "Now" is Friday 2025-03-14 09:00.
    h = await Harness.start({ now: '2025-03-14T09:00:00+07:00' });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('each worklist holds exactly the dossiers whose state it names', async () => {
    const admin = await h.admin();
    const at = (code: string, when: string) => received(code, when, { procedureCode: '1.014200' }); // 3 working days
    const codes = {
      overdue: newDossierCode(),
      apologyDue: newDossierCode(),
      dueSoon: newDossierCode(),
      onTrack: newDossierCode(),
      paused: newDossierCode(),
      refused: newDossierCode(),
    };
    const events = [
      at(codes.overdue, '2025-03-10T08:00:00+07:00'), // due Thu 13/03 08:00
      at(codes.apologyDue, '2025-03-11T13:30:00+07:00'), // due Fri 14/03 13:30 → apology deadline Thu 13/03 (passed)
      at(codes.onTrack, '2025-03-13T10:00:00+07:00'), // due Tue 18/03 10:00
      at(codes.paused, '2025-03-12T08:00:00+07:00'),
      event(codes.paused, 'supplement_requested', '2025-03-12T09:00:00+07:00', { reason: 'Thiếu ảnh 4x6' }),
      event(codes.refused, 'refused_at_reception', '2025-03-13T08:00:00+07:00', {
        procedureCode: PROCEDURE,
        channel: 'direct',
        applicant: { name: 'Trần Thị Bình' },
        reason: 'Không thuộc thẩm quyền',
      }),
    ];
    // Due Mon 17/03 09:00: warning at Fri 14/03 09:00 (now), apology deadline end of Fri 14/03 (today): apology due.
    // To get a plain "due soon", issue the apology first.
    events.push(at(codes.dueSoon, '2025-03-12T09:00:00+07:00'));
    events.push(
      event(codes.dueSoon, 'apology_issued', '2025-03-14T08:30:00+07:00', {
        reason: 'Chờ xác minh',
        newDueAt: '2025-03-19T09:00:00+07:00',
        signer: { name: 'Lê Văn C', title: 'Phó Giám đốc' },
        responsibleUnit: VLATLD,
      }),
    );
    const res = await h.post('/api/v1/events/batch', { events }, admin);
    expect(res.status).toBe(200);
    expect(res.body.results.every((r: { status: string }) => r.status === 'accepted')).toBe(true);
    await h.waitForAllApplied();

    const list = async (sla: string) => {
      const r = await h.get(`/api/v1/dossiers?sla=${sla}&limit=200`, admin);
      expect(r.status).toBe(200);
      for (const item of r.body.items as Item[]) expect(item.sla.state).toBe(sla);
      return (r.body.items as Item[]).map((i) => i.code).sort();
    };
    expect(await list('overdue')).toEqual([codes.overdue]);
    expect(await list('apology_due')).toEqual([codes.apologyDue]);
    expect(await list('due_soon')).toEqual([codes.dueSoon]);
    expect(await list('on_track')).toEqual([codes.onTrack]);
    expect(await list('paused')).toEqual([codes.paused]);
    expect(await list('closed')).toEqual([codes.refused]);

    // The desk that refused a dossier can read it and find it on its lists.
    await h.createUser('desk.officer', ['officer'], [MC]);
    const desk = await h.login('desk.officer');
    expect((await h.get(`/api/v1/dossiers/${codes.refused}`, desk)).body.nationalStatus).toBe(3);
    const refusedList = await h.get('/api/v1/dossiers?status=3', desk);
    expect(refusedList.body.items.map((i: Item) => i.code)).toEqual([codes.refused]);
  });

  it('pages with a cursor, without repeats or gaps', async () => {
    const admin = await h.admin();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: HttpResult<{ items: Item[]; nextCursor: string | null }> = await h.get(
        `/api/v1/dossiers?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        admin,
      );
      expect(r.status).toBe(200);
      seen.push(...r.body.items.map((i) => i.code));
      cursor = r.body.nextCursor;
    } while (cursor);
    const all = await h.get('/api/v1/dossiers?limit=200', admin);
    expect(seen).toEqual(all.body.items.map((i: Item) => i.code));
    expect(new Set(seen).size).toBe(seen.length);
    expect((await h.get('/api/v1/dossiers?cursor=garbage', admin)).status).toBe(400);
    expect((await h.get('/api/v1/dossiers?limit=5000', admin)).body.error.details[0].field).toBe('limit');
  });

  it('an event whose job was lost is re-driven by the relay and applied once', async () => {
    const admin = await h.admin();
    const code = newDossierCode();
    expect((await h.post('/api/v1/events', received(code, '2025-03-13T08:00:00+07:00'), admin)).status).toBe(
      202,
    );
    await h.waitForAllApplied();
    // Simulate a job that Redis lost after the event was marked enqueued.
    const lost = forwarded(code, '2025-03-13T10:00:00+07:00', MC, VLATLD);
    await h.query(
      `INSERT INTO dossier_events (id, dossier_code, type, occurred_at, data, body_hash, actor, response, enqueued_at)
       VALUES ($1, $2, 'forwarded', $3, $4::jsonb, 'x', 'test', '{}'::jsonb, now() - interval '1 hour')`,
      [lost.id, code, new Date(lost.occurredAt), JSON.stringify(lost.data)],
    );
    await h.worker!.get(OutboxRelay).tick();
    await h.waitForAllApplied();
    const dossier = await h.get(`/api/v1/dossiers/${code}`, admin);
    expect(dossier.body.unitCode).toBe(VLATLD);
    const [row] = await h.query<{ unit_code: string }>('SELECT unit_code FROM dossiers WHERE code = $1', [
      code,
    ]);
    expect(row.unit_code).toBe(VLATLD);
    expect(uuid()).not.toBe(lost.id);
  });
});
