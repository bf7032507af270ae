import type { Principal } from '@motcua/contracts';
import type { EventStore } from '@motcua/database';
import type { DossierEventQueue } from '@motcua/queue';
import { AppError } from '../app-error';
import type { RulesProvider } from '../rules/rules.provider';
import {
  fixedRulesProvider,
  FixedClock,
  InMemoryEventStore,
  MC,
  RecordingQueue,
  VLATLD,
} from '../testing/in-memory.fakes';
import { RecordEvents } from './record-events.use-case';

const admin: Principal = { username: 'admin', roles: ['admin'], units: ['*'] };
const deskOfficer: Principal = { username: 'desk', roles: ['officer'], units: [MC] };
const otherOfficer: Principal = { username: 'other', roles: ['officer'], units: ['LDTBXH.NCC'] };

let n = 0;
const id = () => `3f1c2a9e-1111-4c8e-9a3a-${String(++n).padStart(12, '0')}`;
const received = (code: string, at = '2025-03-03T08:30:00+07:00') => ({
  id: id(),
  dossierCode: code,
  type: 'received',
  occurredAt: at,
  data: { procedureCode: 'P.1', channel: 'direct', applicant: { name: 'Nguyễn Văn An' } },
});
const forwarded = (code: string, at = '2025-03-03T10:00:00+07:00') => ({
  id: id(),
  dossierCode: code,
  type: 'forwarded',
  occurredAt: at,
  data: { fromUnit: MC, toUnit: VLATLD, method: 'electronic' },
});

function setup() {
  const store = new InMemoryEventStore();
  const queue = new RecordingQueue();
  const clock = new FixedClock(Date.parse('2025-03-05T09:00:00+07:00'));
  const sut = new RecordEvents(
    store as unknown as EventStore,
    queue as unknown as DossierEventQueue,
    fixedRulesProvider() as unknown as RulesProvider,
    clock,
  );
  return { store, queue, sut };
}

/** Lets the enqueue that follows a commit run. */
const settle = () => new Promise((r) => setImmediate(r));

async function refusalOf(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('RecordEvents', () => {
  it('accepts a reception with the appointment, commits it with its actor, then enqueues it', async () => {
    const { store, queue, sut } = setup();
    const e = received('H-1');
    const out = await sut.logOne(e, deskOfficer);
    expect(out).toEqual({
      status: 202,
      body: {
        id: e.id,
        dossierCode: 'H-1',
        status: 'accepted',
        // 3 working days (24 working hours) from Monday 08:30.
        dueAt: '2025-03-06T08:30:00+07:00',
        receiptUrl: '/api/v1/dossiers/H-1/receipt',
      },
    });
    expect(store.rows.map((r) => [r.id, r.actor])).toEqual([[e.id, 'desk']]);
    await settle();
    expect(queue.jobs).toEqual([{ id: e.id, dossierCode: 'H-1' }]);
    expect(store.rows[0].enqueued).toBe(true);
  });

  it('answers a replay with the first answer and another body under the same id with 409', async () => {
    const { store, sut } = setup();
    const e = received('H-2');
    const first = await sut.logOne(e, deskOfficer);
    expect(await sut.logOne(e, deskOfficer)).toEqual({ status: 200, body: first.body });
    const err = await refusalOf(sut.logOne({ ...e, occurredAt: '2025-03-03T08:31:00+07:00' }, deskOfficer));
    expect([err.status, err.code, err.details]).toEqual([
      409,
      'conflict',
      [{ field: 'id', problem: 'already used for another event' }],
    ]);
    expect(store.rows).toHaveLength(1);
  });

  it.each([
    ['an event for a dossier never received', () => forwarded('H-none'), admin, 422, 'unknown_dossier'],
    [
      'a reception of an unknown procedure',
      () => ({ ...received('H-3'), data: { ...received('H-3').data, procedureCode: 'P.404' } }),
      admin,
      422,
      'unknown_procedure',
    ],
    ['a reception by an officer of another desk', () => received('H-4'), otherOfficer, 403, 'forbidden'],
  ])('refuses %s and stores nothing', async (_name, make, who, status, code) => {
    const { store, queue, sut } = setup();
    const err = await refusalOf(sut.logOne(make(), who));
    expect([err.status, err.code]).toEqual([status, code]);
    expect(store.appendCalls).toBe(0);
    await settle();
    expect(queue.jobs).toEqual([]);
  });

  it('refuses a second reception of the same dossier code', async () => {
    const { store, sut } = setup();
    await sut.logOne(received('H-5'), deskOfficer);
    const err = await refusalOf(sut.logOne(received('H-5'), deskOfficer));
    expect([err.status, err.code, err.details[0].field]).toEqual([422, 'dossier_exists', 'dossierCode']);
    expect(store.rows).toHaveLength(1);
  });

  it('refuses an event from a unit that does not hold the dossier', async () => {
    const { sut } = setup();
    await sut.logOne(received('H-6'), deskOfficer);
    await sut.logOne(forwarded('H-6'), deskOfficer);
    // Now VLATLD holds it: the desk may no longer forward it.
    const err = await refusalOf(sut.logOne(forwarded('H-6', '2025-03-04T10:00:00+07:00'), deskOfficer));
    expect([err.status, err.code]).toEqual([403, 'forbidden']);
  });

  it('decides a batch in order, so a later event sees an earlier one, and commits the accepted together', async () => {
    const { store, sut } = setup();
    const a = received('H-7');
    const b = forwarded('H-7');
    const orphan = forwarded('H-8');
    const out = await sut.logBatch({ events: [a, { ...a, type: 'teleported' }, b, orphan, a] }, deskOfficer);
    expect(out.results.map((r) => [r.id, r.status])).toEqual([
      [a.id, 'accepted'],
      [a.id, 'rejected'],
      [b.id, 'accepted'],
      [orphan.id, 'rejected'],
      [a.id, 'duplicate'],
    ]);
    expect(out.results[1]).toMatchObject({
      error: { code: 'invalid_request', details: [{ field: 'events[1].type' }] },
    });
    expect(out.results[3]).toMatchObject({ error: { code: 'unknown_dossier' } });
    expect(store.appendCalls).toBe(1);
    expect(store.rows.map((r) => r.id)).toEqual([a.id, b.id]);
  });

  it('still answers 202 when Redis is away; the event waits for the relay', async () => {
    const { store, queue, sut } = setup();
    queue.failing = true;
    const out = await sut.logOne(received('H-9'), deskOfficer);
    expect(out.status).toBe(202);
    await settle();
    expect(store.rows[0].enqueued).toBe(false);
  });

  it.each([
    ['an array', [], 'body'],
    ['an unknown field', { events: [], extra: 1 }, 'extra'],
    ['events not an array', { events: 'x' }, 'events'],
    ['no events', { events: [] }, 'events'],
    ['1001 events', { events: Array.from({ length: 1001 }, () => ({})) }, 'events'],
  ])('refuses a batch envelope with %s on the field', async (_name, body, field) => {
    const { store, sut } = setup();
    const err = await refusalOf(sut.logBatch(body, admin));
    expect(err.status).toBe(400);
    expect(err.details.map((d) => d.field)).toContain(field);
    expect(store.appendCalls).toBe(0);
  });
});
