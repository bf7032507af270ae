import { digestMail, staffMail, type DossierFacts } from './staff.templates';

const dossier: DossierFacts = {
  code: 'H57.12-250303-0001',
  procedureCode: '1.014199',
  procedureName: 'Cấp giấy phép lao động cho người nước ngoài',
  applicantName: 'Nguyễn Văn An',
  dueAt: Date.parse('2025-03-17T08:30:00+07:00'),
  holdingUnit: 'Phòng Việc làm – An toàn lao động',
  link: 'https://motcua.example/api/v1/dossiers/H57.12-250303-0001',
};

describe('staff mail templates (Vietnamese)', () => {
  it('due soon: the dossier code, procedure, applicant, due date in dd/mm/yyyy HH:mm and the link', () => {
    const m = staffMail({ kind: 'due_soon', to: 'Phòng Việc làm – An toàn lao động', dossier });
    expect(m.subject).toBe('[Sắp đến hạn] Hồ sơ H57.12-250303-0001 – hạn trả 17/03/2025 08:30');
    for (const part of [
      'Kính gửi: Phòng Việc làm – An toàn lao động,',
      'H57.12-250303-0001',
      'Cấp giấy phép lao động cho người nước ngoài (1.014199)',
      'Nguyễn Văn An',
      '17/03/2025 08:30',
      'https://motcua.example/api/v1/dossiers/H57.12-250303-0001',
    ]) {
      expect(m.text).toContain(part);
      expect(m.html).toContain(part.replace(/–/g, '–'));
    }
  });

  it('every kind has its own subject and says what to do', () => {
    const at = Date.parse('2025-03-24T17:00:00+07:00');
    const mails = [
      staffMail({ kind: 'overdue', to: 'X', dossier }),
      staffMail({
        kind: 'step_overdue',
        to: 'X',
        dossier,
        step: { code: 'TD', name: 'Thẩm định', dueAt: at },
      }),
      staffMail({
        kind: 'apology_awaiting_signature',
        to: 'Trưởng phòng',
        dossier,
        responsibleUnit: 'Phòng Việc làm',
        proposedNewDueAt: at,
      }),
      staffMail({ kind: 'reappointment_missed', to: 'X', dossier, rescheduledDueAt: at }),
    ];
    expect(mails.map((m) => m.subject.slice(0, m.subject.indexOf(']') + 1))).toEqual([
      '[Quá hạn]',
      '[Quá hạn bước xử lý]',
      '[Chờ ký]',
      '[Trễ hẹn lại]',
    ]);
    expect(mails[1].text).toContain('Thẩm định (TD)');
    expect(mails[2].text).toContain('24/03/2025 17:00');
    for (const m of mails) expect(m.text).toContain('Đề nghị');
  });

  it('escapes what it puts in HTML', () => {
    const m = staffMail({
      kind: 'overdue',
      to: 'X',
      dossier: { ...dossier, applicantName: '<b>An</b> & Cộng sự' },
    });
    expect(m.html).toContain('&lt;b&gt;An&lt;/b&gt; &amp; Cộng sự');
    expect(m.text).toContain('<b>An</b> & Cộng sự');
  });

  it('the digest lists overdue and due-soon dossiers, and how many more there are', () => {
    const item = { code: 'H57.12-250303-0002', procedureCode: '1.014199', dueAt: dossier.dueAt, link: 'l' };
    const m = digestMail({
      to: 'Trần Thị Thu Hà',
      unitName: 'Phòng Việc làm',
      at: Date.parse('2025-03-18T07:00:00+07:00'),
      overdue: [item],
      dueSoon: [],
      counts: { overdue: 3, dueSoon: 0 },
      link: 'https://motcua.example/api/v1/dossiers?unit=LDTBXH.VLATLD',
    });
    expect(m.subject).toBe('[Tổng hợp 18/03/2025] Phòng Việc làm: 3 hồ sơ quá hạn, 0 hồ sơ sắp đến hạn');
    expect(m.text).toContain('H57.12-250303-0002 – thủ tục 1.014199 – hạn 17/03/2025 08:30');
    expect(m.text).toContain('… và 2 hồ sơ khác');
    expect(m.text).toContain('(không có)');
  });
});
