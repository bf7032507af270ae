/**
 * Issue 8, the worklists of GET /api/v1/dossiers?sla=…: due_soon, apology_due, overdue, paused (SLA states),
 * missing_apology (§5.2), supplement_expired (§3.3) and late_reception (§6.6), each filterable by `unit` (the unit
 * holding the dossier) and `holder` (the unit holding its current step). Real API, worker, PostgreSQL and Redis.
 * The clock stands at Fri 14/03/2025 09:00; the tracker is off (the lists read the projection, not its events).
 */
import { event, forwarded, MC, newDossierCode, received, VLATLD } from './support/events';
import { Harness } from './support/harness';
import { publishProcedure } from './support/tracker';

interface Item {
  code: string;
  unitCode: string | null;
  holderUnit: string | null;
  sla: { state: string };
  supplementDueAt: string | null;
  apologyIssued: boolean;
}

const apology = (code: string, at: string, newDueAt: string) =>
  event(code, 'apology_issued', at, {
    reason: 'Chờ xác minh',
    newDueAt,
    signer: { name: 'Lê Văn C', title: 'Phó Giám đốc' },
    responsibleUnit: VLATLD,
  });

describe('deadline tracker: the worklists', () => {
  let h: Harness;
  const c = {
    overdue: newDossierCode(),
    overdueApologised: newDossierCode(),
    apologyDue: newDossierCode(),
    dueSoon: newDossierCode(),
    paused: newDossierCode(),
    supplementExpired: newDossierCode(),
    supplementRunning: newDossierCode(),
    finishedLate: newDossierCode(),
    finishedLateApologised: newDossierCode(),
    lateReception: newDossierCode(),
  };

  beforeAll(async () => {
    h = await Harness.start({ now: '2025-03-14T09:00:00+07:00' });
    // 1.014200 (three working days) whose applicant has one working day to return a supplement.
    await publishProcedure(h, '9.300001', { supplementDeadlineWorkingDays: 1 });
    const p = (code: string, at: string, procedureCode = '1.014200', data: Record<string, unknown> = {}) =>
      received(code, at, { procedureCode, ...data });
    const histories = [
      // Due Thu 13/03 08:00, at the division: overdue, no apology.
      [
        p(c.overdue, '2025-03-10T08:00:00+07:00'),
        forwarded(c.overdue, '2025-03-10T10:00:00+07:00', MC, VLATLD),
      ],
      // Due Thu 13/03 08:30, overdue with an apology issued on Wednesday.
      [
        p(c.overdueApologised, '2025-03-10T08:30:00+07:00'),
        apology(c.overdueApologised, '2025-03-12T10:00:00+07:00', '2025-03-18T08:30:00+07:00'),
      ],
      // Due Fri 14/03 13:30: the apology deadline (Thu 17:00) has passed.
      [p(c.apologyDue, '2025-03-11T13:30:00+07:00')],
      // Due Mon 17/03 09:00, warned from Fri 09:00, apology issued: due soon, at the division.
      [
        p(c.dueSoon, '2025-03-12T09:00:00+07:00'),
        forwarded(c.dueSoon, '2025-03-12T10:00:00+07:00', MC, VLATLD),
        apology(c.dueSoon, '2025-03-14T08:30:00+07:00', '2025-03-19T09:00:00+07:00'),
      ],
      // Paused for a supplement (no applicant deadline for 1.014200).
      [
        p(c.paused, '2025-03-12T08:00:00+07:00'),
        event(c.paused, 'supplement_requested', '2025-03-12T09:00:00+07:00', { reason: 'Thiếu ảnh 4x6' }),
      ],
      // Asked Tue 11/03 09:00 at the division with one working day to answer: expired Wed 12/03 09:00.
      [
        p(c.supplementExpired, '2025-03-10T08:00:00+07:00', '9.300001'),
        forwarded(c.supplementExpired, '2025-03-10T09:00:00+07:00', MC, VLATLD),
        event(c.supplementExpired, 'supplement_requested', '2025-03-11T09:00:00+07:00', {
          reason: 'Thiếu bản sao',
        }),
      ],
      // Asked Fri 14/03 08:00: the applicant has until Mon 17/03 08:00.
      [
        p(c.supplementRunning, '2025-03-13T08:00:00+07:00', '9.300001'),
        event(c.supplementRunning, 'supplement_requested', '2025-03-14T08:00:00+07:00', {
          reason: 'Thiếu tờ khai',
        }),
      ],
      // Due Thu 06/03 08:00, finished Fri 07/03: late, without an apology / with one.
      [
        p(c.finishedLate, '2025-03-03T08:00:00+07:00'),
        event(c.finishedLate, 'result_ready', '2025-03-07T10:00:00+07:00', { outcome: 'approved' }),
      ],
      [
        p(c.finishedLateApologised, '2025-03-03T08:00:00+07:00'),
        apology(c.finishedLateApologised, '2025-03-05T10:00:00+07:00', '2025-03-10T10:00:00+07:00'),
        event(c.finishedLateApologised, 'result_ready', '2025-03-07T10:00:00+07:00', { outcome: 'approved' }),
      ],
      // Submitted online Mon 10/03 08:00, received Thu 13/03 08:00: past its reception deadline (Mon 16:00).
      [
        p(c.lateReception, '2025-03-13T08:00:00+07:00', '1.014200', {
          channel: 'online',
          submittedAt: '2025-03-10T08:00:00+07:00',
        }),
      ],
    ];
    const admin = await h.admin();
    for (const events of histories) {
      const r = await h.post('/api/v1/events/batch', { events }, admin);
      expect(r.body.results.map((x: { status: string; error?: unknown }) => x.error ?? x.status)).toEqual(
        events.map(() => 'accepted'),
      );
    }
    await h.waitForAllApplied();
  });
  afterAll(async () => {
    await h.stop();
  });

  const list = async (query: string): Promise<Item[]> => {
    const r = await h.get(`/api/v1/dossiers?${query}&limit=200`, await h.admin());
    expect(r.status).toBe(200);
    return r.body.items as Item[];
  };
  const codes = async (query: string) => (await list(query)).map((i) => i.code).sort();
  const named = (...keys: Array<keyof typeof c>) => keys.map((k) => c[k]).sort();

  it('each SLA worklist holds exactly the dossiers in that state (due_soon, apology_due, overdue, paused)', async () => {
    expect(await codes('sla=due_soon')).toEqual(named('dueSoon'));
    expect(await codes('sla=apology_due')).toEqual(named('apologyDue'));
    expect(await codes('sla=overdue')).toEqual(named('overdue', 'overdueApologised'));
    expect(await codes('sla=paused')).toEqual(named('paused', 'supplementExpired', 'supplementRunning'));
    for (const sla of ['due_soon', 'apology_due', 'overdue', 'paused'])
      for (const item of await list(`sla=${sla}`)) expect(item.sla.state).toBe(sla);
  });

  it('missing_apology: overdue or finished late without an issued apology, as the dossier view says (§5.2)', async () => {
    // supplementExpired was paused before its due and is not overdue: it is on the paused list, not on this one.
    expect(await codes('sla=missing_apology')).toEqual(named('overdue', 'finishedLate'));
    for (const item of await list('sla=missing_apology')) {
      expect(item.apologyIssued).toBe(false);
      const view = (await h.get(`/api/v1/dossiers/${item.code}`, await h.admin())).body;
      expect(view.apology.status).toBe('missing');
    }
  });

  it('supplement_expired: awaiting a supplement whose applicant deadline has passed (§3.3)', async () => {
    const items = await list('sla=supplement_expired');
    expect(items.map((i) => i.code)).toEqual([c.supplementExpired]);
    expect(items[0].supplementDueAt).toBe('2025-03-12T09:00:00+07:00');
    const running = (await h.get(`/api/v1/dossiers/${c.supplementRunning}`, await h.admin())).body;
    expect(running.supplementDueAt).toBe('2025-03-17T08:00:00+07:00');
    expect(running.pendingDeadlines).toEqual([
      { kind: 'supplement_deadline', at: '2025-03-17T08:00:00+07:00', stepCode: null, unitCode: null },
    ]);
  });

  it('late_reception: online dossiers received after their reception deadline (§6.6)', async () => {
    expect(await codes('sla=late_reception')).toEqual(named('lateReception'));
  });

  it('every worklist filters by unit (holding the dossier) and by holder (holding its current step)', async () => {
    expect(await codes(`sla=overdue&unit=${VLATLD}`)).toEqual(named('overdue'));
    expect(await codes(`sla=overdue&holder=${VLATLD}`)).toEqual(named('overdue'));
    expect(await codes(`sla=overdue&holder=${MC}`)).toEqual(named('overdueApologised'));
    expect(await codes(`sla=due_soon&holder=${VLATLD}`)).toEqual(named('dueSoon'));
    expect(await codes(`sla=due_soon&holder=${MC}`)).toEqual([]);
    expect(await codes(`sla=apology_due&unit=${MC}`)).toEqual(named('apologyDue'));
    expect(await codes(`sla=apology_due&holder=${VLATLD}`)).toEqual([]);
    expect(await codes(`sla=paused&holder=${MC}`)).toEqual(named('paused', 'supplementRunning'));
    expect(await codes(`sla=supplement_expired&holder=${VLATLD}`)).toEqual(named('supplementExpired'));
    expect(await codes(`sla=supplement_expired&unit=${MC}`)).toEqual([]);
    expect(await codes(`sla=late_reception&holder=${MC}`)).toEqual(named('lateReception'));
    expect(await codes(`sla=late_reception&unit=${VLATLD}`)).toEqual([]);
    // A finished dossier still belongs to the unit that held it last, but no one holds a step of it any more.
    expect(await codes(`sla=missing_apology&unit=${MC}`)).toEqual(named('finishedLate'));
    expect(await codes(`sla=missing_apology&holder=${MC}`)).toEqual([]);
    expect(await codes(`sla=missing_apology&holder=${VLATLD}`)).toEqual(named('overdue'));
    const finished = (await list('sla=missing_apology')).find((i) => i.code === c.finishedLate)!;
    expect([finished.unitCode, finished.holderUnit]).toEqual([MC, null]);
  });

  it('a division user sees only its units’ dossiers on each list', async () => {
    const token = await h.createUser('vl.head', ['unit_head'], [VLATLD]);
    const r = await h.get('/api/v1/dossiers?sla=missing_apology', token);
    expect(r.body.items.map((i: Item) => i.code)).toEqual([c.overdue]);
    expect((await h.get('/api/v1/dossiers?sla=nothing', token)).status).toBe(400);
  });
});
