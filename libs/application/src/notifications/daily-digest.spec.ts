import type { WorklistFilter, WorklistRepository, WorklistRow } from '@motcua/database';
import { mailWorld } from '../testing/mail-world';
import { digestPattern } from './daily-digest.use-case';

const row = (code: string, unitCode: string, dueAt: string): WorklistRow =>
  ({ code, procedureCode: 'P.1', unitCode, dueAt: Date.parse(dueAt) }) as WorklistRow;

/** The projection's worklists: two overdue and one due-soon dossier in the division, nothing at the desk. */
const worklists = {
  list: async (f: WorklistFilter) =>
    f.unit !== 'LDTBXH.VLATLD'
      ? []
      : f.sla === 'overdue'
        ? [
            row('D-2', 'LDTBXH.VLATLD', '2025-03-07T08:30:00+07:00'),
            row('D-1', 'LDTBXH.VLATLD', '2025-03-06T08:30:00+07:00'),
          ]
        : f.sla === 'due_soon'
          ? [row('D-3', 'LDTBXH.VLATLD', '2025-03-11T08:30:00+07:00')]
          : [],
} as unknown as WorklistRepository;

describe('SendDailyDigest', () => {
  it('each working morning, one mail per unit head with the unit’s overdue and due-soon dossiers', async () => {
    const w = mailWorld('2025-03-10T07:00:00+07:00', {}, worklists);
    expect(await w.digest.run()).toBe(1);
    const [m] = w.notifications.byKind('daily_digest');
    expect(m).toMatchObject({
      dossierCode: null,
      key: '2025-03-10',
      recipient: 'truongphong.vieclam@motcua.example',
      unitCode: 'LDTBXH.VLATLD',
      notBefore: w.clock.now(),
    });
    expect(m.subject).toBe(
      '[Tổng hợp 10/03/2025] Phòng Việc làm – An toàn lao động: 2 hồ sơ quá hạn, 1 hồ sơ sắp đến hạn',
    );
    expect(m.bodyText.indexOf('D-1')).toBeLessThan(m.bodyText.indexOf('D-2'));
    expect(w.queue.enqueued).toEqual([m.id]);
    // A second run the same morning (a retried job, two workers): nobody gets it twice.
    expect(await w.digest.run()).toBe(0);
  });

  it('sends nothing on a day off (Sunday, or 30/04)', async () => {
    expect(await mailWorld('2025-03-09T07:00:00+07:00', {}, worklists).digest.run()).toBe(0);
    expect(await mailWorld('2025-04-30T07:00:00+07:00', {}, worklists).digest.run()).toBe(0);
  });

  it('is scheduled at the first opening of the office hours', async () => {
    const w = mailWorld();
    expect(await w.digest.schedule()).toBe('0 7 * * *');
    expect(w.queue.schedules).toEqual(['0 7 * * *']);
    expect(digestPattern({ calendar: { profile: { sessions: [{ start: '07:30' }] } } } as never)).toBe(
      '30 7 * * *',
    );
  });
});
