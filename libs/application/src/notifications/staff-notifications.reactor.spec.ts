import { DOSSIER } from '../testing/mail.fakes';
import { mailWorld } from '../testing/mail-world';

/** The dossier (received Mon 03/03 08:30, due Thu 06/03 08:30), held by the division since 10:00. */
async function world(recipients: Record<string, string[]> = {}) {
  const w = mailWorld('2025-03-05T09:00:00+07:00', recipients);
  await w.receive();
  return w;
}

const deadline = (kind: string, at: string, extra: Record<string, unknown> = {}) => ({
  kind,
  at: Date.parse(at),
  ...extra,
});

describe('StaffNotificationsReactor', () => {
  it('a warning mails "due soon" to the holding unit and its head, with the template fields', async () => {
    const w = await world();
    const e = await w.log(
      'deadline_reached',
      '2025-03-05T08:30:00+07:00',
      deadline('warning', '2025-03-05T08:30:00+07:00'),
    );
    await w.reactor.react([e]);
    const rows = w.notifications.byKind('due_soon');
    expect(rows.map((r) => r.recipient).sort()).toEqual([
      'truongphong.vieclam@motcua.example',
      'vieclam@motcua.example',
    ]);
    for (const r of rows) {
      expect(r).toMatchObject({ dossierCode: DOSSIER, unitCode: 'LDTBXH.VLATLD', audience: 'staff' });
      expect(r.subject).toBe(`[Sắp đến hạn] Hồ sơ ${DOSSIER} – hạn trả 06/03/2025 08:30`);
      expect(r.bodyText).toContain('Thủ tục thử (P.1)');
      expect(r.bodyText).toContain('Nguyễn Văn An');
      expect(r.bodyText).toContain(`https://motcua.example/api/v1/dossiers/${DOSSIER}`);
    }
    expect(rows.find((r) => r.recipient.startsWith('truongphong'))!.bodyText).toContain(
      'Kính gửi: Ông/Bà Trần Thị Thu Hà – Phòng Việc làm – An toàn lao động,',
    );
    // The same event again (a crash before the reaction was recorded): no second mail.
    await w.reactor.react([e]);
    expect(w.notifications.byKind('due_soon')).toHaveLength(2);
  });

  it('a warning acted at only after the due instant (the worker was down) mails nothing: the overdue mail will', async () => {
    const w = await world();
    w.clock.t = Date.parse('2025-03-06T08:31:00+07:00');
    const e = await w.log(
      'deadline_reached',
      '2025-03-06T08:31:00+07:00',
      deadline('warning', '2025-03-05T08:30:00+07:00'),
    );
    await w.reactor.react([e]);
    expect(w.notifications.byKind('due_soon')).toEqual([]);
    // A minute before the due instant it still would.
    const v = await world();
    v.clock.t = Date.parse('2025-03-06T08:29:00+07:00');
    await v.reactor.react([
      await v.log(
        'deadline_reached',
        '2025-03-06T08:29:00+07:00',
        deadline('warning', '2025-03-05T08:30:00+07:00'),
      ),
    ]);
    expect(v.notifications.byKind('due_soon')).toHaveLength(2);
  });

  it('notifications.recipients replaces a unit’s mailboxes', async () => {
    const w = await world({ 'LDTBXH.VLATLD': ['truc.vieclam@motcua.example'] });
    const e = await w.log(
      'deadline_reached',
      '2025-03-05T08:30:00+07:00',
      deadline('warning', '2025-03-05T08:30:00+07:00'),
    );
    await w.reactor.react([e]);
    expect(w.notifications.byKind('due_soon').map((r) => r.recipient)).toEqual([
      'truc.vieclam@motcua.example',
    ]);
  });

  it('overdue and a missed re-appointment go to the holding unit and the desk; a step overdue to its unit', async () => {
    const w = await world();
    w.clock.t = Date.parse('2025-03-06T09:00:00+07:00');
    const due = await w.log(
      'deadline_reached',
      '2025-03-06T08:30:00+07:00',
      deadline('due', '2025-03-06T08:30:00+07:00'),
    );
    const step = await w.log(
      'deadline_reached',
      '2025-03-05T14:00:00+07:00',
      deadline('step_due', '2025-03-05T14:00:00+07:00', { stepCode: 'TD', unitCode: 'LDTBXH.VLATLD' }),
    );
    await w.reactor.react([due, step]);
    expect(
      w.notifications
        .byKind('overdue')
        .map((r) => r.unitCode)
        .sort(),
    ).toEqual(['LDTBXH.MC', 'LDTBXH.MC', 'LDTBXH.VLATLD', 'LDTBXH.VLATLD']);
    const [s] = w.notifications.byKind('step_overdue');
    expect(s.subject).toBe(`[Quá hạn bước xử lý] Hồ sơ ${DOSSIER} – bước Thẩm định (TD)`);
    expect(w.notifications.byKind('step_overdue').every((r) => r.unitCode === 'LDTBXH.VLATLD')).toBe(true);
  });

  it('an apology draft awaits the signature of the responsible unit’s head only', async () => {
    const w = await world();
    const e = await w.log('apology_drafted', '2025-03-05T09:00:00+07:00', {
      responsibleUnit: 'LDTBXH.VLATLD',
      proposedNewDueAt: Date.parse('2025-03-12T08:30:00+07:00'),
    });
    await w.reactor.react([e]);
    const rows = w.notifications.byKind('apology_awaiting_signature');
    expect(rows.map((r) => r.recipient)).toEqual(['truongphong.vieclam@motcua.example']);
    expect(rows[0].subject).toBe(`[Chờ ký] Phiếu xin lỗi hồ sơ ${DOSSIER} – hẹn lại 12/03/2025 08:30`);
  });

  it('mails nothing about a dossier closed meanwhile, nor for a step that has ended', async () => {
    const w = await world();
    const step = await w.log(
      'deadline_reached',
      '2025-03-03T14:30:00+07:00',
      deadline('step_due', '2025-03-03T14:30:00+07:00', { stepCode: 'TN', unitCode: 'LDTBXH.MC' }),
    );
    const warning = await w.log(
      'deadline_reached',
      '2025-03-05T08:30:00+07:00',
      deadline('warning', '2025-03-05T08:30:00+07:00'),
    );
    await w.log('withdrawn', '2025-03-05T08:45:00+07:00', { reason: 'Người nộp xin rút' }, false);
    await w.reactor.react([step, warning]);
    expect(w.notifications.rows.size).toBe(0);
  });
});
