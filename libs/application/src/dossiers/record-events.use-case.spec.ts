import type { AppConfig } from '@motcua/config';
import type { Principal } from '@motcua/contracts';
import type { DossierCodeSequences, EventStore } from '@motcua/database';
import type { DossierEventQueue } from '@motcua/queue';
import { AppError } from '../app-error';
import type { CatalogueService } from '../catalogue/catalogue.service';
import type { RulesProvider } from '../rules/rules.provider';
import {
  fixedRulesProvider,
  FixedCatalogue,
  FixedClock,
  InMemoryCodeSequences,
  InMemoryEventStore,
  MC,
  RecordingQueue,
  VLATLD,
} from '../testing/in-memory.fakes';
import { RecordEvents } from './record-events.use-case';

const admin: Principal = { username: 'admin', roles: ['admin'], units: ['*'] };
const deskOfficer: Principal = { username: 'desk', roles: ['officer'], units: [MC] };
const otherOfficer: Principal = { username: 'other', roles: ['officer'], units: ['LDTBXH.NCC'] };
const specialist: Principal = { username: 'spec', roles: ['specialist'], units: [VLATLD] };
const head: Principal = { username: 'head', roles: ['unit_head'], units: [VLATLD] };

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

const event = (code: string, type: string, at: string, data: Record<string, unknown> = {}) => ({
  id: id(),
  dossierCode: code,
  type,
  occurredAt: at,
  data,
});

/** The clock reads Monday 2025-03-03 11:00; the allowance is the shipped one working day (480 minutes). */
function setup(now = '2025-03-03T11:00:00+07:00') {
  const store = new InMemoryEventStore();
  const queue = new RecordingQueue();
  const clock = new FixedClock(Date.parse(now));
  const sequences = new InMemoryCodeSequences();
  const config = { intake: { backdateAllowanceWorkingMinutes: 480, agencyCode: 'H57.12' } } as AppConfig;
  const sut = new RecordEvents(
    store as unknown as EventStore,
    queue as unknown as DossierEventQueue,
    fixedRulesProvider() as unknown as RulesProvider,
    clock,
    new FixedCatalogue() as unknown as CatalogueService,
    sequences as unknown as DossierCodeSequences,
    config,
  );
  return { store, queue, sut, clock, sequences };
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
    const err = await refusalOf(sut.logOne(forwarded('H-6', '2025-03-03T10:30:00+07:00'), deskOfficer));
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

  describe('issued dossier codes', () => {
    const codeless = (at = '2025-03-03T08:30:00+07:00') => {
      const { dossierCode: _code, ...rest } = received('ignored', at);
      return rest;
    };

    it('gives a reception without a code the next one of its day, in the answer and in the log', async () => {
      const { store, sut } = setup();
      const e = codeless();
      const out = await sut.logOne(e, deskOfficer);
      expect(out).toEqual({
        status: 202,
        body: {
          id: e.id,
          dossierCode: 'H57.12-250303-0001',
          status: 'accepted',
          dueAt: '2025-03-06T08:30:00+07:00',
          receiptUrl: '/api/v1/dossiers/H57.12-250303-0001/receipt',
        },
      });
      expect(store.rows.map((r) => [r.id, r.dossierCode])).toEqual([[e.id, 'H57.12-250303-0001']]);
      const second = await sut.logOne(codeless('2025-03-03T09:00:00+07:00'), deskOfficer);
      expect(second.body).toMatchObject({ dossierCode: 'H57.12-250303-0002' });
    });

    it('answers a replay of the same body (still without a code) with 200 and the same code', async () => {
      const { store, sequences, sut } = setup();
      const e = codeless();
      const first = await sut.logOne(e, deskOfficer);
      expect(await sut.logOne(e, deskOfficer)).toEqual({ status: 200, body: first.body });
      // Sent again with the code it was given, it is still the same event.
      const withCode = { ...e, dossierCode: (first.body as { dossierCode: string }).dossierCode };
      expect(await sut.logOne(withCode, deskOfficer)).toEqual({ status: 200, body: first.body });
      expect(store.rows).toHaveLength(1);
      expect(sequences.last.get('H57.12|2025-03-03')).toBe(1);
      const err = await refusalOf(sut.logOne({ ...e, occurredAt: '2025-03-03T08:31:00+07:00' }, deskOfficer));
      expect(err.status).toBe(409);
    });

    it('skips a code a client chose, and takes no number for a refused reception', async () => {
      const { sequences, sut } = setup();
      await sut.logOne(received('H57.12-250303-0001'), deskOfficer);
      await refusalOf(sut.logOne(codeless(), otherOfficer));
      expect(sequences.last.get('H57.12|2025-03-03')).toBeUndefined();
      const out = await sut.logBatch({ events: [codeless(), codeless()] }, deskOfficer);
      expect(out.results.map((r) => [r.status, 'dossierCode' in r ? r.dossierCode : null])).toEqual([
        ['accepted', 'H57.12-250303-0002'],
        ['accepted', 'H57.12-250303-0003'],
      ]);
    });
  });

  describe('refused at the door', () => {
    it('refuses an event the fold rejects when it arrives as the newest, with the reason, storing nothing', async () => {
      const { store, sut } = setup();
      await sut.logOne(received('H-10'), deskOfficer);
      await sut.logOne(forwarded('H-10'), deskOfficer);
      const err = await refusalOf(
        sut.logOne(event('H-10', 'returned', '2025-03-03T10:30:00+07:00', { method: 'desk' }), admin),
      );
      expect([err.status, err.code, err.details[0].field]).toEqual([422, 'transition_not_allowed', 'type']);
      expect(err.message).toMatch(/returned is not allowed in state IN_PROCESS/);
      expect(store.rows).toHaveLength(2);
    });

    it('in a batch, judges each event against the earlier accepted ones of the same call', async () => {
      const { store, sut } = setup();
      const rec = received('H-11');
      const early = event('H-11', 'returned', '2025-03-03T09:00:00+07:00', { method: 'desk' });
      const ready = event('H-11', 'result_ready', '2025-03-03T09:30:00+07:00', { outcome: 'approved' });
      const back = event('H-11', 'returned', '2025-03-03T10:00:00+07:00', { method: 'desk' });
      const out = await sut.logBatch({ events: [rec, early, ready, back] }, admin);
      expect(out.results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'accepted', 'accepted']);
      expect(out.results[1].error).toMatchObject({ code: 'transition_not_allowed' });
      expect(store.rows.map((r) => r.id)).toEqual([rec.id, ready.id, back.id]);
    });

    it('refuses an officer dating an event more than a working day back, and stores what intake measured', async () => {
      const { store, sut } = setup('2025-03-05T09:00:00+07:00');
      const err = await refusalOf(sut.logOne(received('H-12'), deskOfficer));
      expect([err.status, err.code, err.details[0].field]).toEqual([
        422,
        'backdate_not_allowed',
        'occurredAt',
      ]);
      const out = await sut.logOne(
        { ...received('H-12'), data: { ...received('H-12').data, backdateReason: 'Nhập bù' } },
        admin,
      );
      expect(out.status).toBe(202);
      // Monday 08:30 → Wednesday 09:00: 390 + 480 + 120 working minutes.
      expect(store.rows[0].lateWorkingMinutes).toBe(990);
    });

    it('refuses a handover to a unit outside the catalogue', async () => {
      const { sut } = setup();
      await sut.logOne(received('H-13'), deskOfficer);
      const bad = { ...forwarded('H-13'), data: { fromUnit: MC, toUnit: 'LDTBXH.X', method: 'paper' } };
      const err = await refusalOf(sut.logOne(bad, deskOfficer));
      expect([err.status, err.code, err.details]).toEqual([
        422,
        'unknown_unit',
        [{ field: 'data.toUnit', problem: 'unit LDTBXH.X is not in the catalogue' }],
      ]);
    });

    it('a specialist of the holding unit logs the result; the desk may not withdraw it meanwhile', async () => {
      const { sut } = setup();
      await sut.logOne(received('H-14'), deskOfficer);
      await sut.logOne(forwarded('H-14'), deskOfficer);
      const withdraw = event('H-14', 'withdrawn', '2025-03-03T10:30:00+07:00', { reason: 'Xin rút' });
      expect((await refusalOf(sut.logOne(withdraw, deskOfficer))).status).toBe(403);
      expect((await sut.logOne(withdraw, head)).status).toBe(202);
      const ready = event('H-14', 'result_ready', '2025-03-03T10:45:00+07:00', { outcome: 'approved' });
      expect((await refusalOf(sut.logOne(ready, specialist))).code).toBe('transition_not_allowed');
    });
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
