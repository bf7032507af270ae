/**
 * The data each paper form prints (domain.md §4), as the application layer fills it from a dossier's fold, its
 * events and the catalogue. Every `null` is a field the data cannot fill: the form prints a dotted line there.
 * Instants are ISO strings with an offset (the renderer writes them the Vietnamese way, Asia/Ho_Chi_Minh).
 */
import type { ApologyLetterView } from '@motcua/contracts';

/** The header every form shares (§4): parent body and issuing agency on the left, Quốc hiệu on the right. */
export interface FormHeader {
  /** The form's code for the dossier's rule set, e.g. `TT01_2018.M01`, `TT03_2025.M06` (libs/sla FORMS_BY_RULE_SET). */
  formCode: string;
  /** TÊN CƠ QUAN CHỦ QUẢN (optional on every form). */
  parentAgency: string | null;
  /** The issuing agency, unit or one-stop desk, from the catalogue. */
  issuer: string;
  /** "Số: …": the document's number without its suffix (the renderer adds /TNHS, /HDHS, /TCHS, /PXL). */
  number: string | null;
  /** <Địa danh> of "<place>, ngày … tháng … năm …". */
  place: string | null;
  /** The date of the form (ISO instant); null prints "ngày … tháng … năm …". */
  date: string | null;
}

/** The applicant as forms print them (never the ID number). */
export interface ApplicantLines {
  name: string;
  address: string | null;
  phone: string | null;
  email: string | null;
}

/** One person who signs at the foot of a form: "NGƯỜI TIẾP NHẬN HỒ SƠ", with a name when known. */
export interface Signature {
  /** The caption, e.g. "NGƯỜI TIẾP NHẬN HỒ SƠ", "GIÁM ĐỐC". */
  caption: string;
  /** "KT. GIÁM ĐỐC" above "PHÓ GIÁM ĐỐC" when a deputy signs; null for none. */
  onBehalfOf: string | null;
  name: string | null;
}

/** Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả (§4.1). */
export interface ReceiptView {
  header: FormHeader;
  dossierCode: string;
  /** The desk that received it ("Bộ phận tiếp nhận và trả kết quả …"). */
  desk: string;
  applicant: ApplicantLines;
  procedureName: string | null;
  /** Thành phần hồ sơ as received. */
  components: Array<{ name: string }>;
  /** Số lượng hồ sơ (bộ). */
  sets: number | null;
  /** "15 ngày làm việc", "8 giờ làm việc": the statutory duration as the procedure states it. */
  statutoryDuration: string | null;
  receivedAt: string;
  dueAt: string | null;
  /** Phí, lệ phí in đồng (printed "1.500.000 đồng"); null when none is known. */
  fee: number | null;
  /** Đăng ký nhận kết quả tại: desk, post or electronic, in words. */
  returnChannel: string | null;
  /** "Vào Sổ theo dõi hồ sơ, Quyển số …, Số thứ tự …". */
  ledger: { book: string | null; seq: number | null };
  /** The public lookup (tra cứu): the address printed and in the QR code, and the key it needs. */
  lookup: { url: string; key: string };
  signatures: [Signature, Signature];
}

/** Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (§4.2). */
export interface SupplementRequestView {
  header: FormHeader;
  dossierCode: string;
  desk: string;
  applicant: ApplicantLines;
  procedureName: string | null;
  /** What to supplement; empty prints dotted lines to write by hand. */
  items: string[];
  reason: string | null;
  /** "…liên hệ với <unit> số điện thoại <phone> để được hướng dẫn". */
  contact: { unit: string; phone: string | null };
  signature: Signature;
}

/** Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ (§4.3). */
export interface RefusalView {
  header: FormHeader;
  dossierCode: string;
  desk: string;
  applicant: ApplicantLines;
  procedureName: string | null;
  reason: string | null;
  signatures: [Signature, Signature];
}

/** TT 03/2025 Mẫu 05: Thông báo dừng giải quyết hồ sơ (§4.7; fields [?]: the elements of the other notices). */
export interface StopNoticeView {
  header: FormHeader;
  dossierCode: string;
  applicant: ApplicantLines;
  procedureName: string | null;
  receivedAt: string | null;
  stoppedAt: string;
  reason: string | null;
  signature: Signature;
}

/** The on-time mark of one handover (§4.5): Trước hạn / Đúng hạn / Quá hạn, or null while the step runs. */
export type StepMark = 'early' | 'on_time' | 'late' | null;

/** Mẫu 05 (2018) / Mẫu 06 (2025): Phiếu kiểm soát quá trình giải quyết hồ sơ (§4.5). */
export interface ControlSheetView {
  header: FormHeader;
  dossierCode: string;
  applicantName: string;
  procedureName: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  leadUnit: string | null;
  coopUnits: string[];
  /** One row per handover: "Giao: <from> – Nhận: <to>", the instant, the method, the mark of the step it ends. */
  rows: Array<{
    from: string;
    to: string;
    at: string;
    method: 'electronic' | 'paper' | 'postal';
    mark: StepMark;
    /** "Đã xử lý" / "Đang xử lý", or a remark. */
    note: string | null;
  }>;
}

/** Mẫu 06 (2018) / Mẫu 07 (2025): Sổ theo dõi hồ sơ of one unit for a period (§4.6). */
export interface LedgerView {
  formCode: string;
  parentAgency: string | null;
  issuer: string;
  unitCode: string;
  unitName: string;
  /** The period, local dates `YYYY-MM-DD`, both included. */
  from: string;
  to: string;
  rows: Array<{
    seq: number;
    dossierCode: string;
    procedureName: string | null;
    sets: number | null;
    applicantName: string;
    applicantAddressPhone: string | null;
    leadUnit: string | null;
    receivedAt: string | null;
    dueAt: string | null;
    /** Chuyển hồ sơ đến cơ quan giải quyết. */
    forwardedAt: string | null;
    /** Nhận kết quả từ cơ quan giải quyết. */
    resultReceivedAt: string | null;
    /** Trả kết quả cho cá nhân, tổ chức. */
    returnedAt: string | null;
    note: string | null;
  }>;
}

/** Every form a dossier can call for, by the kind the API names it (`/receipt.pdf`, `/control-sheet.html`, …). */
export type FormDocument =
  | { kind: 'receipt'; view: ReceiptView }
  | { kind: 'supplement-request'; view: SupplementRequestView }
  | { kind: 'refusal'; view: RefusalView }
  | { kind: 'apology'; view: ApologyLetterView }
  | { kind: 'stop-notice'; view: StopNoticeView }
  | { kind: 'control-sheet'; view: ControlSheetView };

export type FormKind = FormDocument['kind'];
export const FORM_KINDS: ReadonlyArray<FormKind> = [
  'receipt',
  'supplement-request',
  'refusal',
  'apology',
  'stop-notice',
  'control-sheet',
];
