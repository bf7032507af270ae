// One dossier's panel, opened from a worklist: its facts and timeline (GET …/:code), its forms as PDF downloads
// (GET …/documents, fetched with the token) and its apology (GET …/apology, 404 when none is due).
import type { ApologyLetterView, DossierDocumentList, DossierView } from '@motcua/contracts';
import { type Api, saveFile } from './api';
import { byId, h, replace, table } from './dom';
import { formatInstant } from './format';
import {
  APOLOGY_CLASS_LABELS,
  APOLOGY_STATUS_LABELS,
  CHANNEL_LABELS,
  EVENT_LABELS,
  LETTER_STATUS_LABELS,
  OUTCOME_LABELS,
  SLA_STATE_LABELS,
  STATUS_LABELS,
} from './labels';

type Names = { unitName: (code: string | null) => string };

function facts(d: DossierView, names: Names): HTMLElement {
  const rows: [string, string][] = [
    ['Thủ tục', d.procedure ? `${d.procedure.name ?? ''} (${d.procedure.code})`.trim() : '—'],
    ['Đơn vị đang giữ', names.unitName(d.unitCode)],
    ['Kênh', d.channel ? CHANNEL_LABELS[d.channel] : '—'],
    ['Trạng thái', STATUS_LABELS[d.status]],
    ['Thời hạn', SLA_STATE_LABELS[d.sla.state]],
    ['Ngày tiếp nhận', formatInstant(d.receivedAt)],
    ['Hạn giải quyết', formatInstant(d.dueAt)],
    ['Ngày hẹn lại', formatInstant(d.rescheduledDueAt)],
    ['Ngày kết thúc', formatInstant(d.finishedAt)],
    ['Kết quả (Biểu II.06a)', d.sla.outcome ? OUTCOME_LABELS[d.sla.outcome] : '—'],
    ['Đơn vị gây trễ hạn', d.primaryResponsibleUnit ? names.unitName(d.primaryResponsibleUnit) : '—'],
  ];
  return h('dl', { class: 'facts' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function timeline(d: DossierView): HTMLElement {
  return table(
    ['Thời điểm', 'Sự kiện', 'Người thực hiện', 'Ghi nhận lúc', 'Trạng thái', 'Ghi chú'],
    d.timeline.map((t) => [
      formatInstant(t.occurredAt),
      EVENT_LABELS[t.type] ?? t.type,
      t.actor === 'system' ? 'Hệ thống' : (t.actor ?? '—'),
      formatInstant(t.recordedAt),
      t.status === 'applied' ? 'Đã áp dụng' : h('span', { class: 'missed' }, 'Không áp dụng'),
      t.reason ?? '',
    ]),
    { class: 'timeline', 'data-timeline': d.code },
  );
}

function documents(api: Api, list: DossierDocumentList | null): HTMLElement {
  if (!list || list.items.length === 0) return h('p', { class: 'empty' }, 'Hồ sơ chưa có biểu mẫu nào.');
  return h(
    'ul',
    { class: 'documents' },
    ...list.items.map((doc) => {
      const button = h('button', { type: 'button', 'data-kind': doc.kind }, 'Tải PDF');
      button.addEventListener('click', () => {
        button.disabled = true;
        api
          .file(doc.pdfUrl)
          .then((f) => saveFile(f.blob, f.filename ?? `${doc.kind}-${list.dossierCode}.pdf`))
          .catch((err: Error) => button.after(h('span', { class: 'problem' }, ` ${err.message}`)))
          .finally(() => (button.disabled = false));
      });
      return h(
        'li',
        {},
        h('span', {}, `${doc.title} `, h('small', {}, `(${doc.formCode}, ${formatInstant(doc.at)})`)),
        ' ',
        button,
      );
    }),
  );
}

function apology(d: DossierView, letter: ApologyLetterView | null): HTMLElement {
  if (!letter)
    return h(
      'p',
      { class: 'empty' },
      d.apology ? APOLOGY_STATUS_LABELS[d.apology.status] : 'Không phải xin lỗi.',
    );
  const rows: [string, string][] = [
    ['Tình trạng', `${LETTER_STATUS_LABELS[letter.status]} — ${APOLOGY_STATUS_LABELS[letter.apologyStatus]}`],
    ['Phân loại', letter.classification ? APOLOGY_CLASS_LABELS[letter.classification] : '—'],
    ['Hạn xin lỗi', formatInstant(letter.deadline)],
    ['Đơn vị chịu trách nhiệm', letter.responsibleUnit.name],
    ['Lý do', letter.reason ?? letter.suggestedReason ?? '—'],
    ['Ngày hẹn trả mới', formatInstant(letter.newDueAt)],
    ['Ngày ban hành', formatInstant(letter.issuedAt)],
    ['Người ký', [letter.signer.title, letter.signer.name].filter(Boolean).join(' ')],
  ];
  return h(
    'dl',
    { class: 'facts', 'data-apology': letter.status },
    ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

/** Opens the panel at once (loading), then fills it; a newer click wins over a slower earlier one. */
export class DossierPanel {
  private generation = 0;
  private readonly dialog = byId<HTMLDialogElement>('dossier-panel');

  constructor() {
    byId('dossier-close').addEventListener('click', () => this.dialog.close());
  }

  async open(api: Api, code: string, names: Names): Promise<void> {
    const generation = ++this.generation;
    const content = byId('dossier-content');
    replace(byId('dossier-title'), `Hồ sơ ${code}`);
    replace(content, h('p', { class: 'loading' }, 'Đang tải…'));
    if (!this.dialog.open) this.dialog.showModal();
    try {
      const path = `api/v1/dossiers/${encodeURIComponent(code)}`;
      const d = await api.json<DossierView>(path);
      // letterStatus null means GET …/apology answers 404: not asked, so the console stays clean.
      const [docs, letter] = await Promise.all([
        api.maybe<DossierDocumentList>(`${path}/documents`),
        d.apology?.letterStatus ? api.maybe<ApologyLetterView>(`${path}/apology`) : Promise.resolve(null),
      ]);
      if (generation !== this.generation) return;
      replace(
        content,
        facts(d, names),
        h('h3', {}, 'Quá trình xử lý'),
        timeline(d),
        h('h3', {}, 'Biểu mẫu'),
        documents(api, docs),
        h('h3', {}, 'Văn bản xin lỗi'),
        apology(d, letter),
      );
    } catch (err) {
      if (generation === this.generation)
        replace(content, h('p', { class: 'problem' }, `Không tải được hồ sơ: ${(err as Error).message}`));
    }
  }
}
