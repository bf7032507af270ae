import type { DossierStatus, LookupAnswer, Outcome } from '@motcua/contracts';
import type { DossierState } from '@motcua/sla';

/** Each internal status in the words a citizen reads (domain.md §3.2); a Record, so a new status cannot be missed. */
export const STATUS_WORDS: Readonly<Record<DossierStatus, string>> = Object.freeze({
  NEW: 'Mới đăng ký, chờ tiếp nhận',
  RECEIVED: 'Đã tiếp nhận',
  REFUSED_AT_RECEPTION: 'Từ chối tiếp nhận',
  IN_PROCESS: 'Đang giải quyết',
  SUPPLEMENT_REQUESTED: 'Chờ bổ sung hồ sơ',
  WAITING_FINANCIAL_OBLIGATION: 'Chờ thực hiện nghĩa vụ tài chính',
  WITHDRAWN: 'Đã rút hồ sơ',
  STOPPED: 'Đã dừng giải quyết',
  RESULT_READY: 'Đã có kết quả, chờ trả',
  RETURNED: 'Đã trả kết quả',
});

/** The words of the time limit: open (within or past it) or finished (early, on time, late). */
export const TIMELINESS_WORDS = Object.freeze({
  within: 'Trong hạn giải quyết',
  overdue: 'Quá hạn giải quyết',
  early: 'Giải quyết trước hạn',
  on_time: 'Giải quyết đúng hạn',
  late: 'Giải quyết quá hạn',
} satisfies Record<Outcome | 'within' | 'overdue', string>);

/**
 * The initials of a name, each followed by a dot: "Nguyễn Thị Hồng Nhung" → "N.T.H.N.". Words that do not start
 * with a letter (numbers, punctuation) are left out; null when nothing is left.
 */
export function initialsOf(name: string | null | undefined): string | null {
  if (!name) return null;
  const initials = name
    .normalize('NFC')
    .split(/[\s\-–—,.;:()/]+/u)
    .map((word) => [...word][0] ?? '')
    .filter((first) => /^\p{L}$/u.test(first))
    .map((first) => `${first.toLocaleUpperCase('vi')}.`);
  return initials.length > 0 ? initials.join('') : null;
}

/** Overdue now (open, the appointment passed, paused or not), or finished after it (the dossier's outcome). */
export function isLate(s: DossierState, now: number): boolean {
  if (s.slaFacts.open) return s.dueAt !== null && s.dueAt <= now;
  return s.sla.outcome === 'late';
}

function timelinessOf(s: DossierState, late: boolean): string | null {
  if (s.slaFacts.open)
    return s.dueAt === null ? null : late ? TIMELINESS_WORDS.overdue : TIMELINESS_WORDS.within;
  return s.sla.outcome ? TIMELINESS_WORDS[s.sla.outcome] : null;
}

type Instants =
  'receivedAt' | 'dueAt' | 'rescheduledDueAt' | 'finishedAt' | 'returnedAt' | 'apologyIssuedAt' | 'checkedAt';
/** The answer with its instants as epoch milliseconds (`present` formats them). */
export type LookupView = Omit<LookupAnswer, Instants> & {
  [K in Instants]: null extends LookupAnswer[K] ? number | null : number;
};

/** The public answer: only what the receipt's holder may read (no name, number, address, phone, mail or staff). */
export function lookupViewOf(
  code: string,
  s: DossierState,
  procedureName: string | null,
  now: number,
): LookupView {
  const late = isLate(s, now);
  const issuedAt = s.apology?.issuedAt ?? null;
  return {
    code,
    procedure: s.procedureCode ? { code: s.procedureCode, name: procedureName } : null,
    applicantInitials: initialsOf(s.applicant?.name),
    status: s.status,
    statusText: STATUS_WORDS[s.status],
    paused: s.slaFacts.open && s.slaFacts.paused,
    receivedAt: s.receivedAt,
    dueAt: s.dueAt,
    rescheduledDueAt: issuedAt !== null ? s.rescheduledDueAt : null,
    finishedAt: s.finishedAt,
    returnedAt: s.returnedAt,
    late,
    outcome: s.slaFacts.open ? null : s.sla.outcome,
    timelinessText: timelinessOf(s, late),
    apologyIssued: issuedAt !== null,
    apologyIssuedAt: issuedAt,
    checkedAt: now,
  };
}
