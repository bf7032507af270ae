import type { Principal } from '@motcua/contracts';
import type { StoredEvent } from '@motcua/database';
import { AppError } from '../app-error';
import { MC, rulesWith, stored, VLATLD } from '../testing/in-memory.fakes';
import { decide, type IntakeContext, type Validated } from './intake-decision';

const admin: Principal = { username: 'admin', roles: ['admin'], units: ['*'] };
const desk: Principal = { username: 'desk', roles: ['officer'], units: [MC] };
const spec: Principal = { username: 'spec', roles: ['specialist'], units: [VLATLD] };
const head: Principal = { username: 'head', roles: ['unit_head'], units: [VLATLD] };
const deskHead: Principal = { username: 'desk.head', roles: ['unit_head'], units: [MC] };
const VP = 'LDTBXH.VP';

const at = (iso: string) => Date.parse(iso);
/** Monday 2025-03-10 09:00; the allowance is one working day. */
const ctx = (now = '2025-03-10T09:00:00+07:00'): IntakeContext => ({
  rules: rulesWith(),
  now: at(now),
  units: new Set([MC, VLATLD, VP]),
  allowanceWorkingMinutes: 480,
});

let n = 0;
const ev = (type: string, iso: string, data: Record<string, unknown> = {}, code = 'D-1'): Validated =>
  ({
    id: `00000000-0000-4000-9000-${String(++n).padStart(12, '0')}`,
    dossierCode: code,
    type,
    occurredAt: at(iso),
    data,
  }) as Validated;
const RECEIVED = { procedureCode: 'P.1', channel: 'direct', applicant: { name: 'An' } };
const fwd = (from: string, to: string) => ({ fromUnit: from, toUnit: to, method: 'electronic' });

/** Received Thursday 2025-03-06 08:30 at the desk, forwarded to VLATLD at 10:00. */
const held = (): StoredEvent[] => [
  stored('D-1', 'received', '2025-03-06T08:30:00+07:00', RECEIVED),
  stored('D-1', 'forwarded', '2025-03-06T10:00:00+07:00', fwd(MC, VLATLD)),
];

const refusalOf = (r: unknown) => {
  expect(r).toBeInstanceOf(AppError);
  const e = r as AppError;
  return { status: e.status, code: e.code, fields: e.details.map((d) => d.field), message: e.message };
};

describe('decide: instants at the door', () => {
  it('refuses a reception whose submission lies after it, naming the field', () => {
    const e = ev('received', '2025-03-10T08:00:00+07:00', {
      ...RECEIVED,
      submittedAt: at('9999-01-01T00:00:00Z'),
    });
    expect(refusalOf(decide(e, admin, [], ctx()))).toMatchObject({
      status: 422,
      code: 'instant_out_of_range',
      fields: ['data.submittedAt'],
    });
  });

  it('refuses an event stamped in the future beyond the skew, before asking anything else', () => {
    const e = ev('paid', '2025-03-10T09:06:00+07:00', { amountVnd: 1, method: 'online' }, 'never-received');
    expect(refusalOf(decide(e, admin, [], ctx()))).toMatchObject({
      code: 'instant_out_of_range',
      fields: ['occurredAt'],
    });
  });
});

describe('decide: units in the catalogue', () => {
  it('refuses a handover to a unit the catalogue does not know, naming the field', () => {
    const e = ev('forwarded', '2025-03-10T08:45:00+07:00', fwd(VLATLD, 'LDTBXH.NOWHERE'));
    expect(refusalOf(decide(e, admin, held(), ctx()))).toMatchObject({
      status: 422,
      code: 'unknown_unit',
      fields: ['data.toUnit'],
    });
  });

  it('refuses an apology naming an unknown responsible unit', () => {
    const e = ev('apology_issued', '2025-03-10T08:45:00+07:00', {
      reason: 'x',
      newDueAt: at('2025-03-20T16:00:00+07:00'),
      signer: { name: 'B', title: 'T' },
      responsibleUnit: 'X.Y',
    });
    expect(refusalOf(decide(e, admin, held(), ctx()))).toMatchObject({
      code: 'unknown_unit',
      fields: ['data.responsibleUnit'],
    });
  });
});

describe('decide: refused at the door when the fold rejects the newest event', () => {
  it('answers 422 transition_not_allowed with the fold’s reason', () => {
    const e = ev('returned', '2025-03-10T08:45:00+07:00', { method: 'desk' });
    const r = refusalOf(decide(e, admin, held(), ctx()));
    expect(r).toMatchObject({ status: 422, code: 'transition_not_allowed', fields: ['type'] });
    expect(r.message).toMatch(/returned is not allowed in state IN_PROCESS/);
  });

  it('accepts an out-of-order event the fold rejects: it is kept, as the contract says', () => {
    const history = [
      ...held(),
      stored('D-1', 'paid', '2025-03-10T08:00:00+07:00', { amountVnd: 1, method: 'online' }),
    ];
    const e = ev('returned', '2025-03-07T15:00:00+07:00', { method: 'desk' });
    expect(decide(e, admin, history, ctx())).toMatchObject({ body: { id: e.id, status: 'accepted' } });
  });
});

describe('decide: back-dating', () => {
  const ready = (iso: string, data: Record<string, unknown> = {}) =>
    ev('result_ready', iso, { outcome: 'approved', ...data });

  it('lets a specialist date an event up to one working day back', () => {
    // Friday 09:00 → Monday 09:00: 150 + 210 minutes on Friday (07:00–11:30, 13:30–17:00), 120 on Monday.
    const r = decide(ready('2025-03-07T09:00:00+07:00'), spec, held(), ctx());
    expect(r).toMatchObject({ lateWorkingMinutes: 480 });
  });

  it('refuses a specialist more than one working day back, naming occurredAt', () => {
    const r = refusalOf(decide(ready('2025-03-07T08:30:00+07:00'), spec, held(), ctx()));
    expect(r).toMatchObject({ status: 422, code: 'backdate_not_allowed', fields: ['occurredAt'] });
    expect(r.message).toMatch(/480/);
  });

  it('asks a unit head for data.backdateReason, and accepts it with one', () => {
    const e = ready('2025-03-07T08:30:00+07:00');
    expect(refusalOf(decide(e, head, held(), ctx()))).toMatchObject({
      code: 'backdate_not_allowed',
      fields: ['data.backdateReason'],
    });
    const withReason = ready('2025-03-07T08:30:00+07:00', { backdateReason: 'Sổ giấy, nhập sau' });
    expect(decide(withReason, head, held(), ctx())).toMatchObject({ lateWorkingMinutes: 510 });
  });
});

describe('decide: an out-of-order event that rewrites history', () => {
  // The dossier was forwarded on from VLATLD to VP on Monday 08:00; a result dated Friday 11:00 would come
  // before that handover and reject it.
  const history = () => [...held(), stored('D-1', 'forwarded', '2025-03-10T08:00:00+07:00', fwd(VLATLD, VP))];
  const ready = (data: Record<string, unknown> = {}) =>
    ev('result_ready', '2025-03-07T11:00:00+07:00', { outcome: 'approved', ...data });
  const vpHead: Principal = { username: 'vp', roles: ['unit_head'], units: [VP] };

  it('is refused, naming the events it would reject', () => {
    const r = refusalOf(decide(ready({ backdateReason: 'x' }), vpHead, history(), ctx()));
    expect(r).toMatchObject({ status: 422, code: 'backdate_not_allowed', fields: ['occurredAt'] });
    expect(r.message).toMatch(
      /would reject 1 event\(s\) already applied: forwarded .* at 2025-03-10T08:00:00\+07:00/,
    );
  });

  it('needs data.backdateReason from an administrator, and is then accepted', () => {
    expect(refusalOf(decide(ready(), admin, history(), ctx()))).toMatchObject({
      code: 'backdate_not_allowed',
      fields: ['data.backdateReason'],
    });
    expect(
      decide(ready({ backdateReason: 'Kết quả ký ngày 07/3' }), admin, history(), ctx()),
    ).not.toBeInstanceOf(AppError);
  });
});

describe('decide: who may issue an apology for a dossier held by another unit', () => {
  const apology = (responsibleUnit: string) =>
    ev('apology_issued', '2025-03-10T08:45:00+07:00', {
      reason: 'Chậm thẩm định',
      newDueAt: at('2025-03-20T16:00:00+07:00'),
      signer: { name: 'B', title: 'T' },
      responsibleUnit,
    });
  // VLATLD examined it and handed it to VP: VP holds it now.
  const history = () => [...held(), stored('D-1', 'forwarded', '2025-03-10T08:00:00+07:00', fwd(VLATLD, VP))];

  it('the head of the unit that caused the delay, when the dossier passed through it (§5.1, §5.5)', () => {
    expect(decide(apology(VLATLD), head, history(), ctx())).not.toBeInstanceOf(AppError);
  });

  it('not when it names a unit that never held the dossier, nor a specialist', () => {
    const other: Principal = { username: 'ncc', roles: ['unit_head'], units: ['LDTBXH.NCC'] };
    const units = new Set([MC, VLATLD, VP, 'LDTBXH.NCC']);
    expect(refusalOf(decide(apology('LDTBXH.NCC'), other, history(), { ...ctx(), units }))).toMatchObject({
      status: 403,
    });
    expect(refusalOf(decide(apology(VLATLD), spec, history(), ctx()))).toMatchObject({ status: 403 });
  });

  it('the head of the receiving desk, in the centre’s name (§2)', () => {
    expect(decide(apology(VLATLD), deskHead, history(), ctx())).not.toBeInstanceOf(AppError);
  });
});

describe('decide: a withdrawal is the holding unit’s act', () => {
  it('the desk may no longer withdraw a dossier another unit holds (§3.5: the agency accepts)', () => {
    const e = ev('withdrawn', '2025-03-10T08:45:00+07:00', { reason: 'Công dân xin rút' });
    expect(refusalOf(decide(e, desk, held(), ctx()))).toMatchObject({ status: 403 });
    expect(decide(e, head, held(), ctx())).not.toBeInstanceOf(AppError);
  });
});
