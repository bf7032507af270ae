/**
 * Issue 8, the deadline tracker's timers: at each deadline of an open dossier the engine logs one
 * `deadline_reached` event on its own, within two seconds of the instant, counted on the Vietnamese calendar —
 * across Tết, on a make-up (swapped) Saturday and over a weekend. Real API, worker, PostgreSQL and Redis.
 *
 * Time: the clock is set three seconds before a due instant and runs (test/support/tracker.ts): the due's delayed
 * job comes after three real seconds. Deadlines already past when the dossier is logged fire at once.
 */
import { event, newDossierCode, received } from './support/events';
import type { Harness } from './support/harness';
import { iso, publishProcedure, reachedEvents, trackerHarness, waitForReached } from './support/tracker';

const t = (s: string) => Date.parse(s);

describe('deadline tracker: timers fire at the deadlines of the working calendar', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await trackerHarness('2025-01-20T09:00:00+07:00');
    await publishProcedure(h, '9.100001', { duration: { value: 1, unit: 'working_days' } });
    await publishProcedure(h, '9.100002', { duration: { value: 2, unit: 'working_days' } });
    await publishProcedure(h, '9.100005', { duration: { value: 5, unit: 'working_days' } });
  });
  afterAll(async () => {
    await h.stop();
  });

  /**
   * Logs the receipt with the clock three seconds before `due`, running; waits for the due's event; returns every
   * deadline_reached of the dossier and how long after the due the worker applied the due's event (clock time).
   */
  async function runUntilDue(receivedAt: string, procedureCode: string, due: string) {
    const code = newDossierCode();
    h.clock.stop();
    h.clock.set(t(due) - 3000);
    const admin = await h.admin();
    h.clock.run();
    const post = await h.post('/api/v1/events', received(code, receivedAt, { procedureCode }), admin);
    expect(post.status).toBe(202);
    expect(post.body.dueAt).toBe(due);
    const dueEvent = await waitForReached(h, code, 'due', 15_000);
    // applied_at is PostgreSQL's real time; the running clock is real time plus a constant offset.
    const offset = h.clock.now() - Date.now();
    const view = await h.get(`/api/v1/dossiers/${code}`, admin);
    h.clock.stop();
    return { code, dueEvent, appliedAfterDueMs: dueEvent.appliedAt! + offset - t(due), view: view.body };
  }

  it('across Tết 2025: received Fri 24/01 16:00, five working days, due Fri 07/02/2025 16:00', async () => {
    const { code, dueEvent, appliedAfterDueMs, view } = await runUntilDue(
      '2025-01-24T16:00:00+07:00',
      '9.100005',
      '2025-02-07T16:00:00+07:00',
    );
    expect(dueEvent.at).toBe(t('2025-02-07T16:00:00+07:00'));
    expect(dueEvent.occurredAt).toBeGreaterThanOrEqual(dueEvent.at);
    expect(appliedAfterDueMs).toBeGreaterThanOrEqual(0);
    expect(appliedAfterDueMs).toBeLessThan(2000);
    expect(view.sla.state).toBe('overdue');
    // The deadlines already past when the dossier was logged were acted at too, earliest first, once each.
    const all = await reachedEvents(h, code);
    expect(all.map((r) => [r.kind, iso(r.at)])).toEqual([
      ['step_due', '2025-02-03T10:00:00+07:00'], // the desk's 4 h: one on Friday, three after the Tết block
      ['warning', '2025-02-06T16:00:00+07:00'],
      ['apology_deadline', '2025-02-06T17:00:00+07:00'],
      ['due', '2025-02-07T16:00:00+07:00'],
    ]);
    expect(all.every((r) => r.actor === 'system' && r.occurredAt >= r.at)).toBe(true);
    expect(all[0]).toMatchObject({ stepCode: 'TN', unitCode: 'LDTBXH.MC' });
    // In the timeline, as the engine's own entries with a reason.
    const entries = (view.timeline as Array<{ type: string; actor: string; reason?: string }>).filter(
      (e) => e.type === 'deadline_reached',
    );
    expect(entries.map((e) => [e.actor, e.reason])).toEqual([
      ['system', 'Bước TN quá hạn (LDTBXH.MC), hạn bước 03/02/2025 10:00'],
      ['system', 'Sắp đến hạn (cảnh báo lúc 06/02/2025 16:00)'],
      ['system', 'Đến hạn gửi phiếu xin lỗi, chưa có phiếu (hạn 06/02/2025 17:00)'],
      ['system', 'Quá hạn (hạn giải quyết 07/02/2025 16:00)'],
    ]);
    expect(view.pendingDeadlines).toEqual([]);
  });

  it('on the make-up Saturday 26/04/2025: received Thu 24/04 09:00, two working days, due Sat 09:00', async () => {
    const { code, dueEvent, appliedAfterDueMs } = await runUntilDue(
      '2025-04-24T09:00:00+07:00',
      '9.100002',
      '2025-04-26T09:00:00+07:00',
    );
    expect(dueEvent.occurredAt - dueEvent.at).toBeLessThan(2000);
    expect(appliedAfterDueMs).toBeLessThan(2000);
    expect((await reachedEvents(h, code)).map((r) => [r.kind, iso(r.at)])).toEqual([
      ['step_due', '2025-04-24T15:00:00+07:00'],
      ['warning', '2025-04-25T09:00:00+07:00'],
      ['apology_deadline', '2025-04-25T17:00:00+07:00'], // the Friday before the working Saturday
      ['due', '2025-04-26T09:00:00+07:00'],
    ]);
  });

  it('over a weekend: received Fri 10/01/2025 10:00, one working day, due Mon 13/01 10:00', async () => {
    const { code, appliedAfterDueMs } = await runUntilDue(
      '2025-01-10T10:00:00+07:00',
      '9.100001',
      '2025-01-13T10:00:00+07:00',
    );
    expect(appliedAfterDueMs).toBeLessThan(2000);
    expect((await reachedEvents(h, code)).map((r) => [r.kind, iso(r.at)])).toEqual([
      ['warning', '2025-01-10T10:00:00+07:00'],
      ['step_due', '2025-01-10T16:00:00+07:00'],
      ['apology_deadline', '2025-01-10T17:00:00+07:00'],
      ['due', '2025-01-13T10:00:00+07:00'],
    ]);
  });

  it('a deadline a few seconds ahead is acted at when it comes, not before (a warning, timer only)', async () => {
    // Received Thu 23/01 08:00, one working day: the warning is the receipt instant itself, the desk step is due
    // at 14:00 (3.5 h before lunch, 0.5 h after), the dossier Fri 24/01 08:00. The clock stands 5 s before 14:00.
    const code = newDossierCode();
    h.clock.stop();
    h.clock.set(t('2025-01-23T13:59:55+07:00'));
    const admin = await h.admin();
    h.clock.run();
    const post = await h.post(
      '/api/v1/events',
      received(code, '2025-01-23T08:00:00+07:00', { procedureCode: '9.100001' }),
      admin,
    );
    expect(post.status).toBe(202);
    await waitForReached(h, code, 'warning');
    expect((await reachedEvents(h, code)).map((r) => r.kind)).toEqual(['warning']);
    const step = await waitForReached(h, code, 'step_due');
    h.clock.stop();
    expect(iso(step.at)).toBe('2025-01-23T14:00:00+07:00');
    expect(step.occurredAt).toBeGreaterThanOrEqual(step.at);
    expect(step.occurredAt - step.at).toBeLessThan(2000);
  });

  it('acts at the end of an applicant’s supplement deadline (flagged for closing) and at a missed reception deadline', async () => {
    // A procedure giving the applicant two working days to return a supplement (§3.3).
    await publishProcedure(h, '9.100012', { supplementDeadlineWorkingDays: 2 });
    h.clock.stop();
    h.clock.set('2025-03-14T10:00:00+07:00');
    const admin = await h.admin();
    const waiting = newDossierCode();
    const late = newDossierCode();
    for (const events of [
      [
        received(waiting, '2025-03-10T08:00:00+07:00', { procedureCode: '9.100012' }),
        event(waiting, 'supplement_requested', '2025-03-10T09:00:00+07:00', { reason: 'Thiếu bản sao' }),
      ],
      // Submitted online Mon 10/03 08:00; received Wed 12/03 08:00, after its reception deadline (Tue 08:00).
      [
        received(late, '2025-03-12T08:00:00+07:00', {
          procedureCode: '9.100001',
          channel: 'online',
          submittedAt: '2025-03-10T08:00:00+07:00',
        }),
        event(late, 'result_ready', '2025-03-12T09:00:00+07:00', { outcome: 'approved' }),
      ],
    ])
      expect((await h.post('/api/v1/events/batch', { events }, admin)).status).toBe(200);
    // Asked Mon 09:00 with two working days: the applicant's deadline ended Wed 12/03 09:00. Paused, the dossier
    // has no other deadline pending.
    const flag = await waitForReached(h, waiting, 'supplement_deadline');
    expect(iso(flag.at)).toBe('2025-03-12T09:00:00+07:00');
    expect((await reachedEvents(h, waiting)).map((r) => r.kind)).toEqual(['supplement_deadline']);
    const view = (await h.get(`/api/v1/dossiers/${waiting}`, admin)).body;
    expect(view.timeline.at(-1)).toMatchObject({
      type: 'deadline_reached',
      actor: 'system',
      reason: 'Hết hạn bổ sung hồ sơ (12/03/2025 09:00): đề nghị dừng, không tiếp nhận',
    });
    const expired = await h.get(`/api/v1/dossiers?sla=supplement_expired`, admin);
    expect(expired.body.items.map((i: { code: string }) => i.code)).toContain(waiting);
    // Closed in the same request it was received in: never acted at, late reception or not.
    await h.waitForAllApplied();
    expect(await reachedEvents(h, late)).toEqual([]);
    const open = newDossierCode();
    await h.post(
      '/api/v1/events',
      received(open, '2025-03-12T08:00:00+07:00', {
        procedureCode: '9.100005',
        channel: 'online',
        submittedAt: '2025-03-10T08:00:00+07:00',
      }),
      admin,
    );
    const reception = await waitForReached(h, open, 'reception_deadline');
    expect(iso(reception.at)).toBe('2025-03-11T08:00:00+07:00'); // eight working hours after Mon 08:00
  });
});
