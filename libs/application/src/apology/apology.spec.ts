import type { AppConfig } from '@motcua/config';
import { apologySettingsSchema, type ApologySettings, type Principal } from '@motcua/contracts';
import type { DossierCodeSequences, EventStore, IssuedDocumentRepository } from '@motcua/database';
import { renderApologyLetter } from '@motcua/documents';
import type { DossierEventQueue } from '@motcua/queue';
import { AppError } from '../app-error';
import type { CatalogueService } from '../catalogue/catalogue.service';
import { RecordEvents } from '../dossiers/record-events.use-case';
import { SYSTEM_PRINCIPAL } from '../rules/rebase-dossiers.use-case';
import type { RulesProvider } from '../rules/rules.provider';
import {
  CATALOGUE_UNITS,
  FixedCatalogue,
  FixedClock,
  fixedRulesProvider,
  InMemoryCodeSequences,
  InMemoryEventStore,
  InMemoryIssuedDocuments,
  MC,
  RecordingNotifier,
  RecordingQueue,
  VLATLD,
} from '../testing/in-memory.fakes';
import { apologyEventId } from './apology-events';
import { ApologyDrafter } from './draft-apologies.reactor';
import { ReadApology } from './read-apology.use-case';
import { ApologyLetterSender } from './send-apology-letters.reactor';

const admin: Principal = { username: 'admin', roles: ['admin'], units: ['*'] };
const head: Principal = { username: 'head', roles: ['unit_head'], units: [VLATLD] };
const stranger: Principal = { username: 'ncc', roles: ['unit_head'], units: ['LDTBXH.NCC'] };

let n = 0;
const id = () => `3f1c2a9e-2222-4c8e-9a3a-${String(++n).padStart(12, '0')}`;
const event = (code: string, type: string, occurredAt: string, data: Record<string, unknown> = {}) => ({
  id: id(),
  dossierCode: code,
  type,
  occurredAt,
  data,
});
const applicant = { name: 'Nguyễn Văn An', email: 'an@example.vn', address: '12 Lê Lợi, Thanh Hóa' };
/** P.1 (3 working days: MC 4 h → VLATLD 16 h → MC 4 h), received Mon 03/03 08:30: due Thu 06/03 08:30. */
const received = (code: string, at = '2025-03-03T08:30:00+07:00', who = applicant) =>
  event(code, 'received', at, { procedureCode: 'P.1', channel: 'direct', applicant: who });
const toDivision = (code: string, at = '2025-03-03T10:00:00+07:00') =>
  event(code, 'forwarded', at, { fromUnit: MC, toUnit: VLATLD, method: 'electronic' });
/** What the tracker logs when the dossier reaches its apology deadline, the close of Wed 05/03. */
const deadlineReached = (code: string, at = '2025-03-05T17:00:00+07:00') =>
  event(code, 'deadline_reached', at, { kind: 'apology_deadline', at: '2025-03-05T17:00:00+07:00' });
const apology = (code: string, at: string, newDueAt = '2025-03-13T17:00:00+07:00') =>
  event(code, 'apology_issued', at, {
    reason: 'Chờ kết quả xác minh',
    newDueAt,
    signer: { name: 'Lê Văn C', title: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' },
    responsibleUnit: VLATLD,
  });

const SIGNER = { name: 'Nguyễn Văn Bình', title: 'GIÁM ĐỐC' };

function setup(now: string, apologySettings: Partial<ApologySettings> = {}) {
  const store = new InMemoryEventStore();
  const clock = new FixedClock(Date.parse(now));
  const provider = fixedRulesProvider(undefined, CATALOGUE_UNITS) as unknown as RulesProvider;
  const config = {
    intake: { backdateAllowanceWorkingMinutes: 525_600, agencyCode: 'H57.12' },
    apology: { ...apologySettingsSchema.parse({}), ...apologySettings },
    documents: { place: 'Mỹ Tho' },
  } as AppConfig;
  const intake = new RecordEvents(
    store as unknown as EventStore,
    new RecordingQueue() as unknown as DossierEventQueue,
    provider,
    clock,
    new FixedCatalogue() as unknown as CatalogueService,
    new InMemoryCodeSequences() as unknown as DossierCodeSequences,
    config,
  );
  const eventStore = store as unknown as EventStore;
  const notifier = new RecordingNotifier();
  const issued = new InMemoryIssuedDocuments();
  return {
    issued,
    store,
    clock,
    drafter: new ApologyDrafter(eventStore, provider, intake, clock, config),
    sender: new ApologyLetterSender(
      eventStore,
      provider,
      clock,
      config,
      issued as unknown as IssuedDocumentRepository,
      notifier,
    ),
    notifier,
    reader: new ReadApology(eventStore, provider, clock, config),
    /** Logs each event through the intake (the system's as SYSTEM_PRINCIPAL) and expects it accepted. */
    log: async (...events: Array<ReturnType<typeof event>>) => {
      for (const e of events) {
        const who = ['deadline_reached', 'apology_drafted'].includes(e.type) ? SYSTEM_PRINCIPAL : admin;
        const out = await intake.logOne(e, who);
        expect(out.status).toBe(202);
      }
    },
    /** The stored events of `type`. */
    rows: (type: string) => store.rows.filter((r) => r.type === type),
  };
}

async function refusalOf(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('ApologyDrafter (issue 8: a reactor on deadline_reached, kind apology_deadline)', () => {
  it('drafts one letter for the unit that made the dossier late, with the proposed date and reason, as the system', async () => {
    const t = setup('2025-03-05T17:00:00+07:00');
    await t.log(received('D-1'), toDivision('D-1'), deadlineReached('D-1'));
    await t.drafter.react(t.rows('deadline_reached'));
    // A deadline reached twice, or a reactor run again: still one draft.
    await t.log(deadlineReached('D-1', '2025-03-05T17:00:05+07:00'));
    await t.drafter.react(t.rows('deadline_reached'));
    const drafts = t.rows('apology_drafted');
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      id: apologyEventId('apology_drafted', 'D-1', Date.parse('2025-03-05T17:00:00+07:00')),
      actor: 'system',
      occurredAt: Date.parse('2025-03-05T17:00:00+07:00'),
      data: {
        // TD at the division: 16 h allowed from Mon 10:00, 21 h used by Wed 17:00 (§5.5).
        responsibleUnit: VLATLD,
        // Wed 17:00 → due Thu 08:30 is 90 working minutes; plus 5 working days → Thu 13/03 08:30, at its close.
        proposedNewDueAt: Date.parse('2025-03-13T17:00:00+07:00'),
        reason:
          'bước “Thẩm định” do Phòng Việc làm – An toàn lao động thực hiện đã quá thời gian quy định 5 giờ làm việc',
      },
    });
  });

  it('names the unit holding the dossier when no step is late yet, and its own reason', async () => {
    const t = setup('2025-03-05T08:00:00+07:00');
    await t.log(received('D-2'), toDivision('D-2'), deadlineReached('D-2', '2025-03-05T08:00:00+07:00'));
    await t.drafter.react(t.rows('deadline_reached'));
    expect(t.rows('apology_drafted').map((r) => r.data)).toEqual([
      {
        responsibleUnit: VLATLD,
        proposedNewDueAt: Date.parse('2025-03-13T17:00:00+07:00'),
        reason: 'hồ sơ đang được Phòng Việc làm – An toàn lao động xem xét, giải quyết, chưa có kết quả',
      },
    ]);
  });

  it.each([
    [
      'closed with a result',
      [event('D-3', 'result_ready', '2025-03-05T16:00:00+07:00', { outcome: 'approved' })],
    ],
    ['already apologised for', [apology('D-3', '2025-03-05T16:00:00+07:00')]],
    [
      'paused for a supplement',
      [event('D-3', 'supplement_requested', '2025-03-05T15:00:00+07:00', { reason: 'Thiếu' })],
    ],
  ])('drafts nothing for a dossier %s', async (_name, events) => {
    const t = setup('2025-03-05T17:00:00+07:00');
    await t.log(received('D-3'), toDivision('D-3'), ...events, deadlineReached('D-3'));
    await t.drafter.react(t.rows('deadline_reached'));
    expect(t.rows('apology_drafted')).toEqual([]);
    expect(t.rows('apology_issued')).toHaveLength(events[0].type === 'apology_issued' ? 1 : 0);
  });

  it('drafts nothing for a deadline the dossier has not reached (a stale one) nor for other deadlines', async () => {
    const t = setup('2025-03-04T10:00:00+07:00');
    await t.log(
      received('D-4'),
      event('D-4', 'deadline_reached', '2025-03-04T10:00:00+07:00', {
        kind: 'apology_deadline',
        at: '2025-03-04T10:00:00+07:00',
      }),
      event('D-4', 'deadline_reached', '2025-03-04T10:00:00+07:00', {
        kind: 'warning',
        at: '2025-03-04T10:00:00+07:00',
      }),
    );
    await t.drafter.react(t.rows('deadline_reached'));
    expect(t.rows('apology_drafted')).toEqual([]);
  });

  it('with apology.autoIssue, issues the letter itself at the deadline: proposed date and reason, signer from settings', async () => {
    // The reactor runs 30 s after the close: no working time passed, so the letter is the one due at the deadline.
    const t = setup('2025-03-05T17:00:30+07:00', { autoIssue: true, autoIssueSigner: SIGNER });
    await t.log(received('D-5'), toDivision('D-5'), deadlineReached('D-5'));
    await t.drafter.react(t.rows('deadline_reached'));
    await t.drafter.react(t.rows('deadline_reached'));
    expect(t.rows('apology_drafted')).toEqual([]);
    const issued = t.rows('apology_issued');
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({
      actor: 'system',
      occurredAt: Date.parse('2025-03-05T17:00:00+07:00'),
      data: {
        newDueAt: Date.parse('2025-03-13T17:00:00+07:00'),
        signer: SIGNER,
        responsibleUnit: VLATLD,
        reason:
          'bước “Thẩm định” do Phòng Việc làm – An toàn lao động thực hiện đã quá thời gian quy định 5 giờ làm việc',
      },
    });
    const letter = await t.reader.get('D-5', admin);
    expect(letter).toMatchObject({
      status: 'issued',
      classification: 'on_time',
      signer: { name: SIGNER.name },
    });
  });

  it('an automatic letter issued after working time passed since the deadline says so, and is late (§5.2)', async () => {
    const t = setup('2025-03-06T08:00:00+07:00', { autoIssue: true, autoIssueSigner: SIGNER });
    await t.log(received('D-6'), toDivision('D-6'), deadlineReached('D-6', '2025-03-06T08:00:00+07:00'));
    await t.drafter.react(t.rows('deadline_reached'));
    expect(t.rows('apology_issued').map((r) => r.occurredAt)).toEqual([
      Date.parse('2025-03-06T08:00:00+07:00'),
    ]);
    expect(await t.reader.get('D-6', admin)).toMatchObject({
      classification: 'late',
      apologyStatus: 'issued_late',
    });
  });
});

describe('ReadApology (GET /api/v1/dossiers/:code/apology)', () => {
  it('answers 404 while no apology is due, and for a dossier outside the caller’s units', async () => {
    const t = setup('2025-03-04T10:00:00+07:00');
    await t.log(received('R-1'), toDivision('R-1'));
    expect((await refusalOf(t.reader.get('R-1', admin))).status).toBe(404);
    t.clock.t = Date.parse('2025-03-05T08:00:00+07:00');
    expect((await t.reader.get('R-1', head)).status).toBe('due');
    expect((await refusalOf(t.reader.get('R-1', stranger))).status).toBe(404);
    expect((await refusalOf(t.reader.get('R-404', admin))).status).toBe(404);
  });

  it('shows the draft with every field of §4.4 and the form of the 2018 rules', async () => {
    const t = setup('2025-03-05T17:00:00+07:00');
    await t.log(received('R-2'), toDivision('R-2'), deadlineReached('R-2'));
    await t.drafter.react(t.rows('deadline_reached'));
    expect(await t.reader.get('R-2', head)).toEqual({
      dossierCode: 'R-2',
      status: 'drafted',
      classification: null,
      apologyStatus: 'due',
      deadline: '2025-03-05T17:00:00+07:00',
      form: {
        code: 'TT01_2018.M04',
        title: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
        ruleSet: 'ND61_2018',
      },
      // A division issues in the name of the Sở above it (§5.1); the Sở has no parent body in the catalogue.
      parentAgency: null,
      issuer: { code: 'LDTBXH', name: 'Sở Lao động – Thương binh và Xã hội' },
      number: null,
      place: 'Mỹ Tho',
      addressee: {
        name: 'Nguyễn Văn An',
        address: '12 Lê Lợi, Thanh Hóa',
        phone: null,
        email: 'an@example.vn',
      },
      receivedAt: '2025-03-03T08:30:00+07:00',
      procedure: { code: 'P.1', name: 'Thủ tục thử' },
      dueAt: '2025-03-06T08:30:00+07:00',
      reason: null,
      suggestedReason:
        'bước “Thẩm định” do Phòng Việc làm – An toàn lao động thực hiện đã quá thời gian quy định 5 giờ làm việc',
      newDueAt: '2025-03-13T17:00:00+07:00',
      rescheduledDueAt: null,
      copiesTo: ['Như trên', 'Bộ phận Một cửa', 'Lưu: VT, VLATLD'],
      signer: { label: 'THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ', title: 'GIÁM ĐỐC', name: null },
      responsibleUnit: { code: VLATLD, name: 'Phòng Việc làm – An toàn lao động' },
      draftedAt: '2025-03-05T17:00:00+07:00',
      issuedAt: null,
      reappointmentMet: null,
      htmlUrl: '/api/v1/dossiers/R-2/apology.html',
    });
    const html = renderApologyLetter(await t.reader.get('R-2', head));
    expect(html).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(html).toContain('DỰ THẢO');
  });

  it('uses the form of the 2025 rules for a dossier received from 01/07/2025', async () => {
    const t = setup('2025-07-09T08:00:00+07:00');
    // Mon 07/07 08:30 + 3 working days: due Thu 10/07 08:30, apology due by the close of Wed 09/07.
    await t.log(received('R-3', '2025-07-07T08:30:00+07:00'));
    expect(await t.reader.get('R-3', admin)).toMatchObject({
      status: 'due',
      form: {
        code: 'TT03_2025.M04',
        title: 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
        ruleSet: 'ND118_2025',
      },
      // The desk still holds it and no step is late: the desk issues, in its own name under the Sở.
      issuer: { code: MC },
      parentAgency: { code: 'LDTBXH' },
      signer: { title: 'TRƯỞNG BỘ PHẬN' },
      copiesTo: ['Như trên', 'Lưu: VT, MC'],
    });
  });

  it('shows the issued letter and its classification; a draft then cancelled by an on-time result (§5.6.4)', async () => {
    const t = setup('2025-03-05T17:00:00+07:00');
    await t.log(received('R-4'), toDivision('R-4'), apology('R-4', '2025-03-05T16:00:00+07:00'));
    expect(await t.reader.get('R-4', head)).toMatchObject({
      status: 'issued',
      classification: 'on_time',
      reason: 'Chờ kết quả xác minh',
      signer: { title: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC', name: 'Lê Văn C' },
      issuedAt: '2025-03-05T16:00:00+07:00',
      rescheduledDueAt: '2025-03-13T17:00:00+07:00',
    });

    await t.log(received('R-5'), toDivision('R-5'), deadlineReached('R-5'));
    await t.drafter.react(t.rows('deadline_reached'));
    t.clock.t = Date.parse('2025-03-06T10:00:00+07:00');
    await t.log(event('R-5', 'result_ready', '2025-03-06T10:00:00+07:00', { outcome: 'approved' }));
    expect(await t.reader.get('R-5', head)).toMatchObject({
      status: 'cancelled',
      classification: null,
      apologyStatus: 'not_required',
    });
  });
});

describe('ApologyLetterSender (issue 8: an issued apology reaches the applicant)', () => {
  it('asks the Notifier to mail the letter, attached as a PDF stored as sent, once per letter', async () => {
    const t = setup('2025-03-05T17:00:00+07:00');
    await t.log(received('S-1'), toDivision('S-1'), apology('S-1', '2025-03-05T16:00:00+07:00'));
    await t.sender.react(t.rows('apology_issued'));
    await t.sender.react(t.rows('apology_issued'));
    expect(t.notifier.requests).toHaveLength(1);
    const [req] = t.notifier.requests;
    expect(req).toMatchObject({
      dossierCode: 'S-1',
      kind: 'apology_letter',
      key: t.rows('apology_issued')[0].id,
      audience: 'applicant',
      to: { email: 'an@example.vn', name: 'Nguyễn Văn An' },
      subject:
        'Sở Lao động – Thương binh và Xã hội gửi Ông/Bà phiếu xin lỗi và hẹn lại ngày trả kết quả – hồ sơ S-1',
    });
    expect(req.text).toContain('Ngày hẹn trả kết quả mới: ngày 13 tháng 03 năm 2025.');
    expect(req.attachments).toHaveLength(1);
    expect(req.attachments![0]).toMatchObject({
      filename: 'mau-04-S-1.pdf',
      contentType: 'application/pdf',
      encoding: 'base64',
    });
    const pdf = Buffer.from(req.attachments![0].content, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Stored once, as sent: the attachment is the stored PDF, and the HTML twin is the same letter.
    expect(t.issued.rows).toHaveLength(1);
    expect(t.issued.rows[0]).toMatchObject({ dossierCode: 'S-1', kind: 'apology', key: req.key });
    expect(t.issued.rows[0].pdf.equals(pdf)).toBe(true);
    expect(t.issued.rows[0].html).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(t.issued.rows[0].html).toContain('Lê Văn C');
  });

  it('queues the letter for printing when the applicant gave no mailbox', async () => {
    const t = setup('2025-03-05T17:00:00+07:00');
    await t.log(
      received('S-2', undefined, { name: 'Trần Thị Bình', address: '5 Trần Phú' } as typeof applicant),
      apology('S-2', '2025-03-05T16:00:00+07:00'),
    );
    await t.sender.react(t.rows('apology_issued'));
    expect(t.notifier.requests.map((r) => r.to)).toEqual([
      { print: { name: 'Trần Thị Bình', address: '5 Trần Phú' } },
    ]);
  });

  it('sends nothing for an apology the fold rejected, and reacts to nothing without a Notifier', async () => {
    const t = setup('2025-03-06T10:00:00+07:00');
    await t.log(
      received('S-3'),
      event('S-3', 'result_ready', '2025-03-05T10:00:00+07:00', { outcome: 'approved' }),
    );
    // Out of order (dated before the result it follows in arrival): kept, rejected by the fold.
    t.store.rows.push({
      ...t.rows('result_ready')[0],
      id: id(),
      type: 'apology_issued',
      occurredAt: Date.parse('2025-03-05T11:00:00+07:00'),
      data: apology('S-3', '2025-03-05T11:00:00+07:00').data,
    });
    await t.sender.react(t.rows('apology_issued'));
    expect(t.notifier.requests).toEqual([]);
    const store = t.store as unknown as EventStore;
    const unbound = new ApologyLetterSender(
      store,
      fixedRulesProvider() as unknown as RulesProvider,
      t.clock,
      {} as AppConfig,
      t.issued as unknown as IssuedDocumentRepository,
    );
    expect(unbound.types).toEqual([]);
  });
});
