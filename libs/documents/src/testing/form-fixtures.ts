/** Views of every form for both rule sets, filled as the application would, and the same views with nothing known. */
import type { ApologyLetterView } from '@motcua/contracts';
import type {
  ApplicantLines,
  ControlSheetView,
  FormDocument,
  FormHeader,
  LedgerView,
  ReceiptView,
  Signature,
} from '../form-views';

export type FixtureRuleSet = 'ND61_2018' | 'ND118_2025';

export const APPLICANT = 'Nguyễn Thị Hồng Nhung';

/** The dates of a dossier of each regime, and how the forms write its due date. */
export const DATES = {
  ND61_2018: {
    received: '2025-03-03T08:30:00+07:00',
    due: '2025-03-17T17:00:00+07:00',
    dueWords: '17 giờ 00 phút, ngày 17 tháng 03 năm 2025',
    code: 'H57.12-250303-0001',
    prefix: 'TT01_2018',
  },
  ND118_2025: {
    received: '2026-05-05T08:30:00+07:00',
    due: '2026-05-19T17:00:00+07:00',
    dueWords: '17 giờ 00 phút, ngày 19 tháng 05 năm 2026',
    code: 'H57.12-260505-0042',
    prefix: 'TT03_2025',
  },
} as const;

const applicant: ApplicantLines = {
  name: APPLICANT,
  address: 'Số 12 đường Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa',
  phone: '0912 345 678',
  email: 'nhung.nth@example.vn',
};
const nobody: ApplicantLines = { name: APPLICANT, address: null, phone: null, email: null };

const receiver: Signature = { caption: 'NGƯỜI TIẾP NHẬN HỒ SƠ', onBehalfOf: null, name: 'Trần Văn Bình' };
const submitter: Signature = { caption: 'NGƯỜI NỘP HỒ SƠ', onBehalfOf: null, name: APPLICANT };
const deputy: Signature = { caption: 'PHÓ GIÁM ĐỐC', onBehalfOf: 'GIÁM ĐỐC', name: 'Lê Thị Cúc' };

function header(rs: FixtureRuleSet, form: string, filled: boolean): FormHeader {
  return {
    formCode: `${DATES[rs].prefix}.${form}`,
    parentAgency: filled ? 'UBND tỉnh Thanh Hóa' : null,
    issuer: 'Trung tâm Phục vụ hành chính công tỉnh',
    number: filled ? '125' : null,
    place: filled ? 'Thanh Hóa' : null,
    date: filled ? DATES[rs].received : null,
  };
}

export const LOOKUP_URL = 'https://dichvucong.thanhhoa.gov.vn/tra-cuu?ma=H57.12-260505-0042&khoa=7KQ2-M9XD';

export function receiptView(rs: FixtureRuleSet, filled = true): ReceiptView {
  const d = DATES[rs];
  return {
    header: header(rs, 'M01', filled),
    dossierCode: d.code,
    desk: 'Bộ phận Tiếp nhận và Trả kết quả – Sở Tư pháp',
    applicant: filled ? applicant : nobody,
    procedureName: filled ? 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam' : null,
    components: filled
      ? [
          { name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (bản chính)' },
          { name: 'Căn cước công dân (bản sao)' },
        ]
      : [],
    sets: filled ? 1 : null,
    statutoryDuration: filled ? '10 ngày làm việc' : null,
    receivedAt: d.received,
    dueAt: d.due,
    fee: filled ? 1_500_000 : null,
    returnChannel: filled ? 'Bộ phận Một cửa (trả trực tiếp)' : null,
    ledger: filled ? { book: '03/2026', seq: 42 } : { book: null, seq: null },
    lookup: { url: LOOKUP_URL, key: '7KQ2-M9XD' },
    signatures: [submitter, receiver],
  };
}

function apologyView(rs: FixtureRuleSet, filled: boolean): ApologyLetterView {
  const d = DATES[rs];
  const code = `${d.prefix}.M04`;
  return {
    dossierCode: d.code,
    // Nothing known yet: a draft, its date, number, reason and signer's name all written by hand.
    status: filled ? 'issued' : 'drafted',
    classification: 'on_time',
    apologyStatus: 'issued_on_time',
    deadline: d.due,
    form: { code, title: code, ruleSet: rs },
    parentAgency: filled ? { code: 'UBND', name: 'UBND tỉnh Thanh Hóa' } : null,
    issuer: { code: 'STP', name: 'Sở Tư pháp' },
    number: filled ? '07' : null,
    place: filled ? 'Thanh Hóa' : null,
    addressee: filled ? applicant : nobody,
    receivedAt: d.received,
    procedure: { code: '2.000488', name: filled ? 'Cấp Phiếu lý lịch tư pháp' : null },
    dueAt: d.due,
    reason: filled ? 'Chờ kết quả xác minh của Công an tỉnh' : null,
    suggestedReason: null,
    newDueAt: '2026-05-26T17:00:00+07:00',
    rescheduledDueAt: null,
    copiesTo: ['Như trên', 'Lưu: VT'],
    signer: {
      label: 'THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ',
      title: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC',
      name: filled ? 'Lê Thị Cúc' : null,
    },
    responsibleUnit: { code: 'STP.HCTP', name: 'Phòng Hành chính tư pháp' },
    draftedAt: null,
    issuedAt: filled ? d.due : null,
    reappointmentMet: null,
    htmlUrl: `/api/v1/dossiers/${d.code}/apology.html`,
  };
}

function controlSheetView(rs: FixtureRuleSet, filled: boolean): ControlSheetView {
  const d = DATES[rs];
  return {
    header: header(rs, rs === 'ND61_2018' ? 'M05' : 'M06', filled),
    dossierCode: d.code,
    applicantName: APPLICANT,
    procedureName: filled ? 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam' : null,
    receivedAt: d.received,
    dueAt: d.due,
    leadUnit: filled ? 'Sở Tư pháp' : null,
    coopUnits: filled ? ['Công an tỉnh Thanh Hóa'] : [],
    rows: filled
      ? [
          {
            from: 'Bộ phận TN&TKQ',
            to: 'Phòng Hành chính tư pháp',
            at: d.received,
            method: 'electronic',
            mark: 'early',
            note: 'Đã xử lý',
          },
          {
            from: 'Phòng Hành chính tư pháp',
            to: 'Công an tỉnh Thanh Hóa',
            at: '2026-05-07T10:15:00+07:00',
            method: 'postal',
            mark: 'late',
            note: null,
          },
          {
            from: 'Công an tỉnh Thanh Hóa',
            to: 'Bộ phận TN&TKQ',
            at: '2026-05-15T14:00:00+07:00',
            method: 'paper',
            mark: null,
            note: 'Đang xử lý',
          },
        ]
      : [],
  };
}

/** Every form the regime has (TT 01/2018 has no stop notice), filled or with every optional field null. */
export function formFixtures(rs: FixtureRuleSet, filled = true): FormDocument[] {
  const d = DATES[rs];
  const docs: FormDocument[] = [
    { kind: 'receipt', view: receiptView(rs, filled) },
    {
      kind: 'supplement-request',
      view: {
        header: header(rs, 'M02', filled),
        dossierCode: d.code,
        desk: 'Bộ phận Tiếp nhận và Trả kết quả – Sở Tư pháp',
        applicant: filled ? applicant : nobody,
        procedureName: filled ? 'Cấp Phiếu lý lịch tư pháp' : null,
        items: filled ? ['Bản sao sổ hộ khẩu có chứng thực', 'Giấy ủy quyền (bản chính)'] : [],
        reason: filled ? 'Thiếu giấy tờ chứng minh nơi cư trú' : null,
        contact: { unit: 'Phòng Hành chính tư pháp', phone: filled ? '0237 3852 123' : null },
        signature: { caption: 'NGƯỜI HƯỚNG DẪN', onBehalfOf: null, name: filled ? 'Trần Văn Bình' : null },
      },
    },
    {
      kind: 'refusal',
      view: {
        header: header(rs, 'M03', filled),
        dossierCode: d.code,
        desk: 'Bộ phận Tiếp nhận và Trả kết quả – Sở Tư pháp',
        applicant: filled ? applicant : nobody,
        procedureName: filled ? 'Cấp Phiếu lý lịch tư pháp' : null,
        reason: filled ? 'Hồ sơ không thuộc thẩm quyền giải quyết của Sở Tư pháp' : null,
        signatures: [submitter, { ...receiver, name: filled ? receiver.name : null }],
      },
    },
    { kind: 'apology', view: apologyView(rs, filled) },
    { kind: 'control-sheet', view: controlSheetView(rs, filled) },
  ];
  if (rs === 'ND118_2025')
    docs.push({
      kind: 'stop-notice',
      view: {
        header: header(rs, 'M05', filled),
        dossierCode: d.code,
        applicant: filled ? applicant : nobody,
        procedureName: filled ? 'Cấp Phiếu lý lịch tư pháp' : null,
        receivedAt: filled ? d.received : null,
        stoppedAt: '2026-05-12T09:45:00+07:00',
        reason: filled ? 'Người yêu cầu có văn bản rút hồ sơ' : null,
        signature: filled ? deputy : { ...deputy, name: null },
      },
    });
  return docs;
}

/** A month of one unit's ledger: a finished dossier, one in progress, one with nothing known yet. */
export function ledgerView(rs: FixtureRuleSet): LedgerView {
  const d = DATES[rs];
  return {
    formCode: rs === 'ND61_2018' ? 'TT01_2018.M06' : 'TT03_2025.M07',
    parentAgency: 'UBND tỉnh Thanh Hóa',
    issuer: 'Trung tâm Phục vụ hành chính công tỉnh',
    unitCode: 'STP',
    unitName: 'Sở Tư pháp',
    from: '2026-05-01',
    to: '2026-05-31',
    rows: [
      {
        seq: 1,
        dossierCode: d.code,
        procedureName: 'Cấp Phiếu lý lịch tư pháp',
        sets: 1,
        applicantName: APPLICANT,
        applicantAddressPhone: 'Số 12 đường Lê Lợi, Thanh Hóa – 0912 345 678',
        leadUnit: 'Sở Tư pháp',
        receivedAt: d.received,
        dueAt: d.due,
        forwardedAt: '2026-05-05T09:00:00+07:00',
        resultReceivedAt: '2026-05-15T14:00:00+07:00',
        returnedAt: '2026-05-18T10:30:00+07:00',
        note: 'Trả trước hạn',
      },
      {
        seq: 2,
        dossierCode: 'H57.12-260506-0043',
        procedureName: 'Chứng thực bản sao từ bản chính',
        sets: 2,
        applicantName: 'Công ty TNHH Đông Sơn',
        applicantAddressPhone: null,
        leadUnit: 'Phòng Hành chính tư pháp',
        receivedAt: '2026-05-06T14:05:00+07:00',
        dueAt: '2026-05-07T17:00:00+07:00',
        forwardedAt: '2026-05-06T15:00:00+07:00',
        resultReceivedAt: null,
        returnedAt: null,
        note: null,
      },
      {
        seq: 3,
        dossierCode: 'H57.12-260520-0051',
        procedureName: null,
        sets: null,
        applicantName: 'Phạm Đức Thắng',
        applicantAddressPhone: null,
        leadUnit: null,
        receivedAt: '2026-05-20T07:45:00+07:00',
        dueAt: null,
        forwardedAt: null,
        resultReceivedAt: null,
        returnedAt: null,
        note: null,
      },
    ],
  };
}
