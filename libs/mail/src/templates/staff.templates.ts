/**
 * The staff mails, one small template each, in Vietnamese: what happened to which dossier, its procedure, its
 * applicant, the date that matters (dd/mm/yyyy HH:mm, Asia/Ho_Chi_Minh) and the link to the dossier.
 */
import { vnDate, vnDateTime } from '../format';
import { render, type MailContent } from './layout';

/** What every staff mail says about its dossier. */
export interface DossierFacts {
  code: string;
  procedureCode: string | null;
  procedureName: string | null;
  applicantName: string | null;
  /** The KPI due date (hạn trả kết quả). */
  dueAt: number | null;
  /** The unit that holds the dossier now. */
  holdingUnit: string | null;
  /** `<PUBLIC_BASE_URL>/api/v1/dossiers/<code>`. */
  link: string;
}

export type StaffMail =
  | { kind: 'due_soon'; to: string; dossier: DossierFacts }
  | { kind: 'overdue'; to: string; dossier: DossierFacts }
  | {
      kind: 'step_overdue';
      to: string;
      dossier: DossierFacts;
      step: { code: string; name: string | null; dueAt: number | null };
    }
  | {
      kind: 'apology_awaiting_signature';
      to: string;
      dossier: DossierFacts;
      responsibleUnit: string;
      proposedNewDueAt: number;
    }
  | { kind: 'reappointment_missed'; to: string; dossier: DossierFacts; rescheduledDueAt: number | null };

export type StaffMailKind = StaffMail['kind'];

function procedure(d: DossierFacts): string {
  if (d.procedureName && d.procedureCode) return `${d.procedureName} (${d.procedureCode})`;
  return d.procedureName ?? d.procedureCode ?? '—';
}

function facts(d: DossierFacts, extra: Array<[string, string]> = []): Array<[string, string]> {
  return [
    ['Mã hồ sơ', d.code],
    ['Thủ tục', procedure(d)],
    ['Người nộp', d.applicantName ?? '—'],
    ['Hạn trả kết quả', vnDateTime(d.dueAt)],
    ...extra,
    ['Đơn vị đang xử lý', d.holdingUnit ?? '—'],
  ];
}

const link = (d: DossierFacts) => ({ label: 'Xem hồ sơ', href: d.link });

/** The subject and bodies of one staff mail. */
export function staffMail(m: StaffMail): MailContent {
  const d = m.dossier;
  switch (m.kind) {
    case 'due_soon':
      return render({
        subject: `[Sắp đến hạn] Hồ sơ ${d.code} – hạn trả ${vnDateTime(d.dueAt)}`,
        to: m.to,
        lead: `Hồ sơ ${d.code} sắp đến hạn trả kết quả (${vnDateTime(d.dueAt)}).`,
        facts: facts(d),
        action:
          'Đề nghị đơn vị hoàn thành hồ sơ đúng hạn; nếu không kịp, lập phiếu xin lỗi và hẹn lại ngày trả kết quả ' +
          'chậm nhất 01 ngày làm việc trước ngày hết hạn.',
        link: link(d),
      });
    case 'overdue':
      return render({
        subject: `[Quá hạn] Hồ sơ ${d.code} – đã quá hạn trả ${vnDateTime(d.dueAt)}`,
        to: m.to,
        lead: `Hồ sơ ${d.code} đã quá hạn trả kết quả (${vnDateTime(d.dueAt)}) mà chưa có kết quả.`,
        facts: facts(d),
        action: 'Đề nghị đơn vị khẩn trương giải quyết và gửi văn bản xin lỗi người nộp hồ sơ nếu chưa gửi.',
        link: link(d),
      });
    case 'step_overdue': {
      const step = m.step.name ? `${m.step.name} (${m.step.code})` : m.step.code;
      return render({
        subject: `[Quá hạn bước xử lý] Hồ sơ ${d.code} – bước ${step}`,
        to: m.to,
        lead: `Bước ${step} của hồ sơ ${d.code} đã quá thời hạn được giao (${vnDateTime(m.step.dueAt)}).`,
        facts: facts(d, [
          ['Bước xử lý', step],
          ['Hạn của bước', vnDateTime(m.step.dueAt)],
        ]),
        action: 'Đề nghị đơn vị hoàn thành bước xử lý và chuyển hồ sơ sang bước tiếp theo.',
        link: link(d),
      });
    }
    case 'apology_awaiting_signature':
      return render({
        subject: `[Chờ ký] Phiếu xin lỗi hồ sơ ${d.code} – hẹn lại ${vnDateTime(m.proposedNewDueAt)}`,
        to: m.to,
        lead: `Dự thảo phiếu xin lỗi và hẹn lại ngày trả kết quả của hồ sơ ${d.code} đang chờ ký.`,
        facts: facts(d, [
          ['Đơn vị chịu trách nhiệm', m.responsibleUnit],
          ['Ngày hẹn trả mới đề xuất', vnDateTime(m.proposedNewDueAt)],
        ]),
        action: 'Đề nghị lãnh đạo đơn vị xem xét, ký phiếu xin lỗi để gửi người nộp hồ sơ.',
        link: link(d),
      });
    case 'reappointment_missed':
      return render({
        subject: `[Trễ hẹn lại] Hồ sơ ${d.code} – đã quá ngày hẹn lại ${vnDateTime(m.rescheduledDueAt)}`,
        to: m.to,
        lead: `Hồ sơ ${d.code} đã quá ngày hẹn trả lại (${vnDateTime(m.rescheduledDueAt)}) ghi trong phiếu xin lỗi.`,
        facts: facts(d, [['Ngày hẹn trả lại', vnDateTime(m.rescheduledDueAt)]]),
        action: 'Đề nghị đơn vị trả kết quả ngay: việc hẹn lại chỉ được thực hiện một lần.',
        link: link(d),
      });
  }
}

/** One dossier of a digest. */
export interface DigestItem {
  code: string;
  procedureCode: string | null;
  dueAt: number | null;
  link: string;
}

export interface DigestMail {
  /** The unit head it is addressed to, or the unit. */
  to: string;
  unitName: string;
  /** The morning it is about. */
  at: number;
  overdue: DigestItem[];
  dueSoon: DigestItem[];
  /** How many there are in all (the lists may stop at a page). */
  counts: { overdue: number; dueSoon: number };
  /** The worklist of the unit. */
  link: string;
}

function digestLines(items: DigestItem[], total: number) {
  const lines = items.map((i) => ({
    text: `${i.code} – thủ tục ${i.procedureCode ?? '—'} – hạn ${vnDateTime(i.dueAt)}`,
    href: i.link,
  }));
  if (total > items.length) lines.push({ text: `… và ${total - items.length} hồ sơ khác`, href: '' });
  return lines.map((l) => (l.href ? l : { text: l.text }));
}

/** The morning digest of one unit: its overdue and due-soon dossiers. */
export function digestMail(m: DigestMail): MailContent {
  const day = vnDate(m.at);
  return render({
    subject: `[Tổng hợp ${day}] ${m.unitName}: ${m.counts.overdue} hồ sơ quá hạn, ${m.counts.dueSoon} hồ sơ sắp đến hạn`,
    to: m.to,
    lead: `Tình hình hồ sơ của ${m.unitName} đầu ngày làm việc ${day}.`,
    facts: [
      ['Hồ sơ quá hạn', String(m.counts.overdue)],
      ['Hồ sơ sắp đến hạn', String(m.counts.dueSoon)],
    ],
    sections: [
      { title: 'Hồ sơ quá hạn', lines: digestLines(m.overdue, m.counts.overdue) },
      { title: 'Hồ sơ sắp đến hạn', lines: digestLines(m.dueSoon, m.counts.dueSoon) },
    ],
    action: 'Đề nghị đơn vị ưu tiên giải quyết các hồ sơ trên.',
    link: { label: 'Danh sách hồ sơ của đơn vị', href: m.link },
  });
}
