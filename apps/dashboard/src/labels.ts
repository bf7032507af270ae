// Every word of the page in Vietnamese. Records keyed by the contracts' unions, so a new key cannot be missed.
import type {
  ApologyClassification,
  ApologyLetterStatus,
  ApologyStatus,
  Channel,
  DossierEventType,
  DossierStatus,
  IndicatorBasis,
  IndicatorKey,
  Outcome,
  SlaState,
  Worklist,
} from '@motcua/contracts';

/** The indicators of GET /metrics/summary, in the order of INDICATOR_KEYS (a spec keeps the two equal). */
export const INDICATOR_LABELS = {
  onTimeRate: 'Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn',
  onTime766Rate: 'Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn (QĐ 766, tiêu chí 2.1)',
  electronicRoutingRate: 'Tỷ lệ hồ sơ luân chuyển hoàn toàn điện tử',
  electronicHandoverShare: 'Tỷ lệ lượt chuyển giao điện tử',
  onlineSubmissionRate: 'Tỷ lệ hồ sơ nộp trực tuyến',
  fullOnlineSubmissionRate: 'Tỷ lệ hồ sơ nộp trực tuyến toàn trình',
  onlinePaymentAvailability: 'Tỷ lệ TTHC có phí, lệ phí được thanh toán trực tuyến',
  onlinePaymentRate: 'Tỷ lệ hồ sơ thanh toán trực tuyến',
  digitizationRate: 'Tỷ lệ hồ sơ được số hóa',
  reuseRate: 'Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa',
  satisfactionRate: 'Tỷ lệ hài lòng của người dân, doanh nghiệp',
  onlineSatisfactionRate: 'Tỷ lệ hài lòng với dịch vụ công trực tuyến',
  apologyCompliance: 'Tỷ lệ hồ sơ trễ hạn có văn bản xin lỗi đúng hạn',
  supplementRate: 'Tỷ lệ hồ sơ phải bổ sung trong quá trình giải quyết',
  multipleSupplementRate: 'Tỷ lệ hồ sơ yêu cầu bổ sung quá một lần',
  pendingOverdueRate: 'Tỷ lệ hồ sơ đang giải quyết quá hạn',
  lateReceptionRate: 'Tỷ lệ hồ sơ trực tuyến tiếp nhận quá hạn',
  lateEntryRate: 'Tỷ lệ hồ sơ có sự kiện cập nhật muộn',
} as const satisfies Record<IndicatorKey, string>;

/** The order of the cards: the keys as the contract lists them. */
export const INDICATOR_ORDER = Object.keys(INDICATOR_LABELS) as IndicatorKey[];

/** The short names of the trend charts and the league table's columns. */
export const SHORT_LABELS: Partial<Record<IndicatorKey, string>> = {
  onTimeRate: 'Đúng hạn',
  onTime766Rate: 'Đúng hạn (QĐ 766)',
  electronicRoutingRate: 'Luân chuyển điện tử',
  onlineSubmissionRate: 'Nộp trực tuyến',
  onlinePaymentRate: 'Thanh toán trực tuyến',
  digitizationRate: 'Số hóa',
  satisfactionRate: 'Hài lòng',
  apologyCompliance: 'Xin lỗi đúng hạn',
  pendingOverdueRate: 'Đang quá hạn',
};

export const BASIS_LABELS: Record<IndicatorBasis, string> = {
  received: 'hồ sơ tiếp nhận trong kỳ',
  finished: 'hồ sơ kết thúc trong kỳ',
  processed: 'hồ sơ xử lý trong kỳ',
  pending: 'hồ sơ đang giải quyết',
  procedures: 'thủ tục hành chính',
};

/** The worklists the page shows, in the order of the tabs. */
export const WORKLIST_TABS = [
  ['overdue', 'Quá hạn'],
  ['apology_due', 'Đến hạn xin lỗi'],
  ['missing_apology', 'Thiếu văn bản xin lỗi'],
  ['due_soon', 'Sắp đến hạn'],
  ['late_reception', 'Tiếp nhận quá hạn'],
] as const satisfies readonly (readonly [Worklist, string])[];

export const SLA_STATE_LABELS: Record<SlaState, string> = {
  on_track: 'Trong hạn',
  due_soon: 'Sắp đến hạn',
  apology_due: 'Đến hạn xin lỗi',
  overdue: 'Quá hạn',
  paused: 'Tạm dừng',
  closed: 'Đã kết thúc',
};

export const STATUS_LABELS: Record<DossierStatus, string> = {
  NEW: 'Mới đăng ký',
  RECEIVED: 'Đã tiếp nhận',
  REFUSED_AT_RECEPTION: 'Từ chối tiếp nhận',
  IN_PROCESS: 'Đang giải quyết',
  SUPPLEMENT_REQUESTED: 'Chờ bổ sung',
  WAITING_FINANCIAL_OBLIGATION: 'Chờ nghĩa vụ tài chính',
  WITHDRAWN: 'Đã rút',
  STOPPED: 'Dừng giải quyết',
  RESULT_READY: 'Đã có kết quả',
  RETURNED: 'Đã trả kết quả',
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  direct: 'Trực tiếp',
  online: 'Trực tuyến',
  postal: 'Bưu chính',
};

export const EVENT_LABELS: Record<DossierEventType, string> = {
  received: 'Tiếp nhận',
  refused_at_reception: 'Từ chối tiếp nhận',
  forwarded: 'Chuyển xử lý',
  supplement_requested: 'Yêu cầu bổ sung',
  supplement_received: 'Nhận bổ sung',
  obligation_requested: 'Yêu cầu nghĩa vụ tài chính',
  obligation_fulfilled: 'Hoàn thành nghĩa vụ tài chính',
  paid: 'Thanh toán',
  digitized: 'Số hóa',
  apology_issued: 'Ban hành văn bản xin lỗi',
  result_ready: 'Có kết quả',
  returned: 'Trả kết quả',
  withdrawn: 'Rút hồ sơ',
  stopped: 'Dừng giải quyết',
  rated: 'Đánh giá',
  rules_rebased: 'Áp dụng quy định mới',
  deadline_reached: 'Đến mốc thời hạn',
  apology_drafted: 'Dự thảo văn bản xin lỗi',
  notification_sent: 'Đã gửi thông báo',
  notification_failed: 'Gửi thông báo lỗi',
};

export const APOLOGY_STATUS_LABELS: Record<ApologyStatus, string> = {
  not_required: 'Không phải xin lỗi',
  due: 'Đến hạn xin lỗi',
  missing: 'Chưa có văn bản xin lỗi',
  issued_on_time: 'Đã xin lỗi đúng hạn',
  issued_late: 'Đã xin lỗi muộn',
  issued_after_due: 'Xin lỗi sau ngày hẹn trả',
};

export const APOLOGY_CLASS_LABELS: Record<ApologyClassification, string> = {
  on_time: 'Đúng hạn',
  late: 'Muộn',
  after_due: 'Sau ngày hẹn trả',
  missing: 'Thiếu',
};

export const LETTER_STATUS_LABELS: Record<ApologyLetterStatus, string> = {
  due: 'Đến hạn, chưa dự thảo',
  drafted: 'Dự thảo chờ ký',
  cancelled: 'Dự thảo đã hủy',
  issued: 'Đã ban hành',
};
